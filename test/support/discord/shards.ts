import { GatewayCloseCodes } from 'discord-api-types/v10';
import type { ViolationKind } from './violations.js';

/** Discord refuses to identify a session (unsharded, or one shard) that would hold more guilds than this. */
export const MAX_GUILDS_PER_SHARD = 2_500;
/** Discord's identify bucket window: at most max_concurrency IDENTIFYs per bucket in it. */
export const IDENTIFY_WINDOW_MS = 5_000;

/** `[shard_id, num_shards]` as IDENTIFY carries it; an unsharded session is `[0, 1]`. */
export type ShardPair = readonly [id: number, count: number];

/** The shard that receives a guild's events: `(guild_id >> 22) % num_shards`, as Discord routes them. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/**
 * A guild id (a snowflake) that lands on `shardId` of `shardCount`: guild ids are timestamps in their top bits, so
 * guilds a test creates in the same millisecond would otherwise all share one shard. `serial` tells ids apart.
 */
export function guildIdOnShard(shardId: number, shardCount: number, serial: number): string {
  // About 3 years after Discord's epoch, a multiple of the count: ids as long as real ones (18 digits).
  const start = 100_000_000_000 - (100_000_000_000 % shardCount);
  const timestamp = BigInt(start + serial * shardCount + shardId);
  return ((timestamp << 22n) | 1n).toString();
}

export function shardLabel([id, count]: ShardPair): string {
  return count === 1 && id === 0 ? 'the unsharded session' : `shard [${id}, ${count}]`;
}

export interface SessionStartLimitOptions {
  /** IDENTIFYs allowed per reset period (Discord: 1,000 for most bots). */
  total?: number;
  /** Length of the period, from the first IDENTIFY in it (Discord: 24 h). */
  resetAfterMs?: number;
  /** IDENTIFYs allowed per 5-second bucket window; shard i uses bucket i % max_concurrency (Discord: 1 for most bots). */
  maxConcurrency?: number;
}

export interface ShardingOptions {
  /** GET /gateway/bot recommends ceil(guilds / guildsPerShard) shards (Discord: roughly one per 1,000 guilds). */
  guildsPerShard?: number;
  sessionStartLimit?: SessionStartLimitOptions;
}

/** A session as the rules see it: its shard, and its socket (null while disconnected). */
export interface ShardedSession {
  readonly shard: ShardPair;
  readonly socket: object | null;
}

export type Admission =
  | { admitted: true; problems: { kind: ViolationKind; message: string }[] }
  | { admitted: false; kind: ViolationKind; message: string; refusal: { close: GatewayCloseCodes; reason: string } | 'invalid-session' };

/**
 * Discord's rules for starting gateway sessions: valid shard pairs, the guild cap per shard, the session start
 * limit and the per-bucket identify concurrency; and the rules a sharded bot keeps among its own sessions (one
 * session per shard, one shard count). Refusals are answered the way Discord does (close code or Invalid Session);
 * the consistency rules are recorded but the session is accepted, as Discord would accept it.
 */
export class ShardRules {
  readonly guildsPerShard: number;
  readonly total: number;
  readonly resetAfterMs: number;
  readonly maxConcurrency: number;
  private periodStart: number | null = null;
  private startedInPeriod = 0;
  /** Last IDENTIFY per bucket, with the session it started (only a still-connected one makes the next too fast). */
  private readonly lastIdentify = new Map<number, { at: number; session: ShardedSession }>();

  constructor(
    options: ShardingOptions,
    private readonly now: () => number,
  ) {
    this.guildsPerShard = options.guildsPerShard ?? 1_000;
    this.total = options.sessionStartLimit?.total ?? 1_000;
    this.resetAfterMs = options.sessionStartLimit?.resetAfterMs ?? 86_400_000;
    this.maxConcurrency = options.sessionStartLimit?.maxConcurrency ?? 1;
  }

  recommendedShards(guildCount: number): number {
    return Math.max(1, Math.ceil(guildCount / this.guildsPerShard));
  }

  /** session_start_limit as GET /gateway/bot reports it now. */
  sessionStartLimit(): { total: number; remaining: number; reset_after: number; max_concurrency: number } {
    this.rollPeriod();
    const resetAfter = this.periodStart === null ? this.resetAfterMs : this.periodStart + this.resetAfterMs - this.now();
    return { total: this.total, remaining: this.total - this.startedInPeriod, reset_after: resetAfter, max_concurrency: this.maxConcurrency };
  }

  /**
   * Decides on an IDENTIFY for `requested` (null: no shard field) from a bot in `guildIds`, given the sessions
   * already live. On admission the IDENTIFY counts against the limits as `session`.
   */
  admit(requested: unknown, guildIds: readonly string[], live: readonly ShardedSession[]): Admission {
    const shard = parseShard(requested);
    if (!shard) {
      const message = `IDENTIFY shard ${JSON.stringify(requested)} is not [shard_id, num_shards] with 0 <= shard_id < num_shards.`;
      return { admitted: false, kind: 'invalid-shard', message, refusal: { close: GatewayCloseCodes.InvalidShard, reason: 'Invalid shard' } };
    }
    const held = guildIds.filter((id) => shardOf(id, shard[1]) === shard[0]).length;
    if (held > MAX_GUILDS_PER_SHARD) {
      const message =
        `${shardLabel(shard)} would hold ${held} guilds; Discord allows ${MAX_GUILDS_PER_SHARD} per session. ` +
        `Shard the connection (GET /gateway/bot recommends ${this.recommendedShards(guildIds.length)} shards).`;
      return { admitted: false, kind: 'sharding-required', message, refusal: { close: GatewayCloseCodes.ShardingRequired, reason: 'Sharding required' } };
    }
    this.rollPeriod();
    if (this.startedInPeriod >= this.total) {
      const message = `IDENTIFY past the session start limit (${this.total} per ${this.resetAfterMs} ms); Discord answers Invalid Session.`;
      return { admitted: false, kind: 'session-start-limit', message, refusal: 'invalid-session' };
    }
    const problems = this.consistencyProblems(shard, live);
    const bucket = shard[0] % this.maxConcurrency;
    const previous = this.lastIdentify.get(bucket);
    if (previous && previous.session.socket !== null && this.now() - previous.at < IDENTIFY_WINDOW_MS) {
      problems.push({
        kind: 'identify-rate-limit',
        message:
          `${shardLabel(shard)} identified ${this.now() - previous.at} ms after ${shardLabel(previous.session.shard)} in the same bucket ` +
          `(shard_id % max_concurrency = ${bucket}); Discord allows ${this.maxConcurrency} IDENTIFY per bucket per ${IDENTIFY_WINDOW_MS} ms.`,
      });
    }
    return { admitted: true, problems };
  }

  /** Counts an admitted IDENTIFY against the session start limit and its bucket. */
  started(session: ShardedSession): void {
    this.periodStart ??= this.now();
    this.startedInPeriod += 1;
    this.lastIdentify.set(session.shard[0] % this.maxConcurrency, { at: this.now(), session });
  }

  private consistencyProblems(shard: ShardPair, live: readonly ShardedSession[]): { kind: ViolationKind; message: string }[] {
    const problems: { kind: ViolationKind; message: string }[] = [];
    const connected = live.filter((session) => session.socket !== null);
    const twin = connected.find((session) => session.shard[0] === shard[0] && session.shard[1] === shard[1]);
    if (twin) {
      problems.push({ kind: 'duplicate-shard', message: `${shardLabel(shard)} identified while another session holds it: each of its guilds' events now reach the bot twice.` });
    }
    const otherCount = connected.find((session) => session.shard[1] !== shard[1]);
    if (otherCount) {
      problems.push({
        kind: 'invalid-shard',
        message: `${shardLabel(shard)} identified while ${shardLabel(otherCount.shard)} is connected: shard counts differ, so some guilds reach two sessions and others none.`,
      });
    }
    return problems;
  }

  private rollPeriod(): void {
    if (this.periodStart !== null && this.now() >= this.periodStart + this.resetAfterMs) {
      this.periodStart = null;
      this.startedInPeriod = 0;
    }
  }
}

function parseShard(requested: unknown): ShardPair | null {
  if (requested === undefined || requested === null) return [0, 1];
  if (!Array.isArray(requested) || requested.length !== 2) return null;
  const [id, count] = requested as unknown[];
  if (!Number.isInteger(id) || !Number.isInteger(count)) return null;
  const pair: ShardPair = [id as number, count as number];
  return pair[1] >= 1 && pair[0] >= 0 && pair[0] < pair[1] ? pair : null;
}

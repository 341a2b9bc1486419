import type { StoredFeed } from '../../store/feeds.js';
import { fetchTimeoutMs, recordPollFailure, refreshFeed, type FetchSettings, type RefreshDependencies, type RefreshOutcome } from './refresh-feed.js';

export interface PollerOptions {
  maxConcurrentFetches: number;
  /** Fetches in flight per host at most, counted over every instance's leases. */
  maxConcurrentPerHost: number;
  /** The longest the loop sleeps before looking for due feeds again (feeds added meanwhile are found then). */
  maxIdleMs?: number;
  /** Called after every poll, in completion order: the seam where new items go downstream. */
  onOutcome: (outcome: RefreshOutcome) => void | Promise<void>;
  /** Called once when a feed is disabled after repeated failures. */
  onFeedDisabled?: (feed: StoredFeed, reason: string) => void | Promise<void>;
  /** Unexpected errors (bugs): logged by the caller and recorded as the feed's failure, never fatal to the loop. */
  onError: (error: unknown, feed: StoredFeed) => void;
  /** A wake-up that could not claim feeds (the database is unreachable); the loop tries again a little later. */
  onClaimError?: (error: unknown) => void;
}

/** Time a lease leaves for a poll's writes (items, seeding, schedule) after its fetches. */
const LEASE_WRITE_MARGIN_MS = 60_000;
/** How soon the loop claims again when due feeds all wait for their hosts (busy with other instances' fetches). */
const HOST_WAIT_RETRY_MS = 1_000;
/** How soon the loop claims again after a claim failed. */
const CLAIM_ERROR_RETRY_MS = 5_000;

/**
 * How long a poll's lease lasts: the feed's fetch and its article pages take a fetch timeout each at most
 * (refresh-feed.ts), then a margin for the writes. Past it the holder is taken for dead and another instance polls
 * the feed, so it must outlast any poll that is still alive. 2 × 30 s + 60 s = 2 minutes with the defaults.
 */
export function leaseMsFor(fetchSettings: FetchSettings): number {
  return 2 * fetchTimeoutMs(fetchSettings) + LEASE_WRITE_MARGIN_MS;
}

/**
 * The polling loop. Schedule, health and leases live in the database; each wake-up claims as many due feeds as it
 * has free fetch slots (a lease each, per-host limits counted over all instances) and polls them, one fetch per feed
 * URL however many channels follow it, once per interval however many instances run. A timer loop (rather than
 * node-cron) because each feed has its own, changing next-poll time.
 */
export class Poller {
  private readonly inFlight = new Map<number, Promise<void>>();
  private readonly leaseMs: number;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  /** The wake-up in progress; one requested meanwhile runs after it (`wakeAgain`). */
  private waking: Promise<void> | null = null;
  private wakeAgain = false;
  /** Bumped by every timer decision: a reschedule that awaited the database yields to any made meanwhile. */
  private schedule = 0;
  /** Whether the last claim filled every free slot: more feeds are probably due, and a finished poll claims them. */
  private backlog = false;

  constructor(
    private readonly deps: RefreshDependencies,
    private readonly options: PollerOptions,
  ) {
    this.leaseMs = leaseMsFor(deps.fetchSettings);
  }

  /**
   * Polls every enabled feed once, due or not, and resolves when all are done. A feed this instance is polling
   * already is awaited instead (its outcome is not among the ones returned); one another instance holds the lease of
   * is left to it. Per-host limits hold as in the loop: a feed whose host is busy waits for a slot.
   */
  async pollAllOnce(): Promise<RefreshOutcome[]> {
    const outcomes: RefreshOutcome[] = [];
    const polls: Promise<void>[] = [];
    let waiting = (await this.deps.feeds.all()).filter((feed) => feed.disabledAt === null).map((feed) => feed.id);
    while (waiting.length > 0) {
      for (const id of waiting) {
        const running = this.inFlight.get(id);
        if (running) polls.push(running);
      }
      waiting = waiting.filter((id) => !this.inFlight.has(id));
      const free = this.freeSlots();
      const claimed = free > 0 && waiting.length > 0 ? await this.claim(free, waiting) : [];
      for (const feed of claimed) polls.push(this.poll(feed, (outcome) => outcomes.push(outcome)));
      const taken = new Set(claimed.map((feed) => feed.id));
      waiting = waiting.filter((id) => !taken.has(id));
      if (waiting.length > 0 && claimed.length < free) {
        // Not claimed with slots to spare: leased elsewhere (dropped), disabled meanwhile (dropped), or its host is busy.
        const unleased = new Set(await this.deps.feeds.unleased(waiting, this.deps.now()));
        waiting = waiting.filter((id) => unleased.has(id) || this.inFlight.has(id));
      }
      if (waiting.length > 0) await this.slotMayHaveFreed();
    }
    await Promise.all(polls);
    return outcomes;
  }

  async start(): Promise<void> {
    this.stopped = false;
    // Leases under this instance's id (and, on SQLite, any not of this process) are left from a previous run.
    await this.deps.feeds.releaseStaleLeases(this.deps.instanceId);
    await this.wake();
  }

  /** Stops scheduling and waits for polls in flight to finish their writes (which release their leases). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimer();
    await this.waking;
    await Promise.allSettled(this.inFlight.values());
  }

  /** Claims and polls due feeds now, e.g. after a feed was added. */
  async wake(): Promise<void> {
    if (this.stopped) return;
    if (this.waking) {
      this.wakeAgain = true;
      return this.waking;
    }
    this.waking = this.claimAndPoll();
    try {
      await this.waking;
    } finally {
      this.waking = null;
    }
    if (this.wakeAgain) {
      this.wakeAgain = false;
      await this.wake();
    }
  }

  private async claimAndPoll(): Promise<void> {
    this.cancelTimer();
    const free = this.freeSlots();
    let claimed: StoredFeed[];
    try {
      claimed = free > 0 ? await this.claim(free) : [];
    } catch (error) {
      this.options.onClaimError?.(error);
      return this.wakeAfter(CLAIM_ERROR_RETRY_MS);
    }
    // Polled even if stop() came meanwhile: they are leased now, and stop() waits for them.
    for (const feed of claimed) void this.poll(feed);
    this.backlog = claimed.length === free;
    await this.scheduleWake();
  }

  private async scheduleWake(): Promise<void> {
    const maxIdle = this.options.maxIdleMs ?? 30_000;
    // With every slot taken, a finished poll wakes the loop: the timer only guards against a missed wake-up.
    if (this.backlog) return this.wakeAfter(maxIdle);
    const ticket = ++this.schedule;
    let nextDue: number | null;
    try {
      nextDue = await this.deps.feeds.nextDueAt(this.deps.now());
    } catch (error) {
      this.options.onClaimError?.(error);
      nextDue = null;
    }
    if (ticket !== this.schedule) return;
    const wait = nextDue === null ? maxIdle : nextDue - this.deps.now();
    // Due now but not claimed: its host is busy with other instances' fetches (ours would wake the loop when done).
    this.wakeAfter(Math.min(wait > 0 ? wait : HOST_WAIT_RETRY_MS, maxIdle));
  }

  private wakeAfter(delayMs: number): void {
    if (this.stopped) return;
    this.cancelTimer();
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.wake();
    }, delayMs);
  }

  private cancelTimer(): void {
    this.schedule += 1;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private freeSlots(): number {
    return this.options.maxConcurrentFetches - this.inFlight.size;
  }

  private claim(limit: number, feedIds?: readonly number[]): Promise<StoredFeed[]> {
    return this.deps.feeds.claim({
      owner: this.deps.instanceId,
      now: this.deps.now(),
      leaseMs: this.leaseMs,
      limit,
      maxPerHost: this.options.maxConcurrentPerHost,
      ...(feedIds ? { feedIds } : {}),
    });
  }

  /** Resolves when one of this instance's polls ends, or after a short while (another instance's may have ended). */
  private async slotMayHaveFreed(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const retry = new Promise<void>((resolve) => (timer = setTimeout(resolve, HOST_WAIT_RETRY_MS)));
    await Promise.race([retry, ...this.inFlight.values()]);
    clearTimeout(timer);
  }

  private poll(feed: StoredFeed, collect?: (outcome: RefreshOutcome) => void): Promise<void> {
    const run = refreshFeed(feed, this.deps)
      .then(async (outcome) => {
        collect?.(outcome);
        await this.options.onOutcome(outcome);
        if (outcome.kind === 'failed' && outcome.disabled) await this.options.onFeedDisabled?.(feed, outcome.message);
      })
      .catch(async (error: unknown) => {
        this.options.onError(error, feed);
        try {
          await recordPollFailure(feed, this.deps, 'internal-error', `wirewatch failed on this feed: ${String(error)}`, null);
        } catch (recordError) {
          this.options.onError(recordError, feed);
        }
      })
      .finally(() => {
        this.inFlight.delete(feed.id);
        // A slot (and a slot of the feed's host) is free: claim what waits for it.
        if (!this.stopped) this.wakeAfter(0);
      });
    this.inFlight.set(feed.id, run);
    return run;
  }
}

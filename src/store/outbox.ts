import type { Promised } from './promised.js';
import { randomBytes } from 'node:crypto';
import type { Db } from './database.js';
import { statement } from './prepared.js';

export type OutboxKind = 'alert' | 'alert-edit' | 'digest' | 'notice';
export type OutboxStatus = 'pending' | 'sent' | 'failed' | 'held';

export interface OutboxMessage {
  id: number;
  guildId: string;
  channelId: string;
  subscriptionId: number | null;
  kind: OutboxKind;
  storyId: string | null;
  /** For an 'alert-edit': the outbox row of the alert it edits. */
  editsOutboxId: number | null;
  /** Identifies a notice so the same one is not repeated (e.g. "flood", "feed-disabled:12"). */
  noticeKey: string | null;
  /** What to send, as stored: its kind says what it is; delivery validates it when it reads it back. */
  payloadJson: string;
  /** Sent with every attempt (enforce_nonce) so a retry after a crash does not post twice. */
  nonce: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  messageId: string | null;
  createdAt: number;
  sentAt: number | null;
  /** Threads (see migration 10): the thread this row starts (JSON, validated by delivery), the row in whose thread it
   * is posted, the thread it started, and when it first asked for a forum post. */
  threadStartJson: string | null;
  inThreadOf: number | null;
  threadId: string | null;
  threadAttemptedAt: number | null;
}

export interface NewOutboxMessage {
  guildId: string;
  channelId: string;
  kind: OutboxKind;
  /** Any JSON value: the store keeps it as text. */
  payload: unknown;
  subscriptionId?: number | null;
  storyId?: string | null;
  editsOutboxId?: number | null;
  noticeKey?: string | null;
  /** 'held' records an alert kept back by flood control (for the digest); it is never sent. */
  status?: 'pending' | 'held';
  /** Start a thread (or forum post) with this message: any JSON value, kept as text. */
  threadStart?: unknown;
  /** Post inside the thread this outbox row started. */
  inThreadOf?: number | null;
}

const COLUMNS = `id, guild_id AS guildId, channel_id AS channelId, subscription_id AS subscriptionId, kind, story_id AS storyId,
  edits_outbox_id AS editsOutboxId, notice_key AS noticeKey, payload_json AS payloadJson, nonce, status, attempts,
  next_attempt_at AS nextAttemptAt, last_error AS lastError, message_id AS messageId, created_at AS createdAt, sent_at AS sentAt,
  thread_start_json AS threadStartJson, in_thread_of AS inThreadOf, thread_id AS threadId, thread_attempted_at AS threadAttemptedAt`;


/** A nonce Discord accepts (≤ 25 characters): the row id plus a random salt, so it is unique even across databases. */
export function nonceFor(id: number, salt: string): string {
  return `w${id.toString(36)}.${salt}`.slice(0, 25);
}

/**
 * The durable outbox: every post is a row before it is sent. Rows of a channel go out in creation order;
 * a pending row waiting for a retry holds back the rest of its channel.
 */
export class SqliteOutboxStore {
  constructor(
    private readonly db: Db,
    private readonly salt: () => string = () => randomBytes(9).toString('base64url'),
  ) {}

  enqueue(message: NewOutboxMessage, now: number): OutboxMessage {
    const insert = this.db.transaction(() => {
      const salt = this.salt();
      const result = statement(this.db, 
          `INSERT INTO outbox (guild_id, channel_id, subscription_id, kind, story_id, edits_outbox_id, notice_key, payload_json,
             nonce, status, next_attempt_at, created_at, thread_start_json, in_thread_of)
           VALUES (@guildId, @channelId, @subscriptionId, @kind, @storyId, @editsOutboxId, @noticeKey, @payloadJson,
             @provisionalNonce, @status, @now, @now, @threadStartJson, @inThreadOf)`,
        )
        .run({ ...outboxRowParams(message, now), provisionalNonce: `p.${salt}`.slice(0, 25) });
      const id = Number(result.lastInsertRowid);
      statement(this.db, `UPDATE outbox SET nonce = ? WHERE id = ?`).run(nonceFor(id, salt), id);
      return id;
    });
    const stored = this.byId(insert());
    if (!stored) throw new Error('outbox row vanished right after it was written');
    return stored;
  }

  byId(id: number): OutboxMessage | null {
    const row = statement(this.db, `SELECT ${COLUMNS} FROM outbox WHERE id = ?`).get(id) as OutboxMessage | undefined;
    return row ?? null;
  }

  /** The first pending row of each channel whose attempt is due, oldest first. */
  dueHeads(now: number, limit: number): OutboxMessage[] {
    const rows = statement(this.db, 
        `SELECT ${COLUMNS} FROM outbox WHERE id IN (SELECT MIN(id) FROM outbox WHERE status = 'pending' GROUP BY channel_id)
           AND next_attempt_at <= ? ORDER BY id LIMIT ?`,
      )
      .all(now, limit) as OutboxMessage[];
    return rows;
  }

  /** When the earliest channel head that is waiting for a retry falls due, or null when none is waiting. */
  nextAttemptAt(): number | null {
    const row = statement(this.db, `SELECT MIN(next_attempt_at) AS at FROM outbox WHERE id IN (SELECT MIN(id) FROM outbox WHERE status = 'pending' GROUP BY channel_id)`)
      .get() as { at: number | null };
    return row.at;
  }

  pendingCount(): number {
    return statement(this.db, `SELECT COUNT(*) FROM outbox WHERE status = 'pending'`).pluck().get() as number;
  }

  markSent(id: number, messageId: string, now: number, threadId: string | null = null): void {
    statement(this.db, `UPDATE outbox SET status = 'sent', message_id = ?, sent_at = ?, attempts = attempts + 1, last_error = NULL,
      thread_id = COALESCE(?, thread_id) WHERE id = ?`)
      .run(messageId, now, threadId, id);
  }

  /** The message that will start a thread is posted (the thread is not started yet): a retry starts it on this one. */
  recordMessage(id: number, messageId: string): void {
    statement(this.db, `UPDATE outbox SET message_id = ? WHERE id = ?`).run(messageId, id);
  }

  /** Written before a forum post is first asked for, so a retry knows an earlier attempt may have made it. */
  markThreadAttempt(id: number, at: number): void {
    statement(this.db, `UPDATE outbox SET thread_attempted_at = ? WHERE id = ? AND thread_attempted_at IS NULL`).run(at, id);
  }

  /** Whether some row already recorded this thread as its own. */
  hasThread(threadId: string): boolean {
    return statement(this.db, `SELECT 1 FROM outbox WHERE thread_id = ?`).pluck().get(threadId) === 1;
  }

  /** Records a failed attempt that will be retried at `nextAttemptAt`. */
  markRetry(id: number, error: string, nextAttemptAt: number): void {
    statement(this.db, `UPDATE outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?`).run(error, nextAttemptAt, id);
  }

  /** Gives up on a row. `attempted` counts the attempt that just failed (false when the row was never tried). */
  markFailed(id: number, error: string, attempted = true): void {
    statement(this.db, `UPDATE outbox SET status = 'failed', last_error = ?, attempts = attempts + ? WHERE id = ?`)
      .run(error, attempted ? 1 : 0, id);
  }

  /** Gives up on every pending row of a channel (wirewatch cannot post there); returns how many. */
  failPendingForChannel(channelId: string, error: string): number {
    return statement(this.db, `UPDATE outbox SET status = 'failed', last_error = ? WHERE channel_id = ? AND status = 'pending'`).run(error, channelId).changes;
  }

  /** Alerts posted or queued for a channel since a time; held ones do not count (flood control). */
  alertsSince(channelId: string, since: number): number {
    return statement(this.db, `SELECT COUNT(*) FROM outbox WHERE channel_id = ? AND kind = 'alert' AND status != 'held' AND created_at >= ?`)
      .pluck()
      .get(channelId, since) as number;
  }

  /** When a channel was last given the notice with this key, or null. */
  lastNoticeAt(channelId: string, noticeKey: string): number | null {
    const at = statement(this.db, `SELECT MAX(created_at) FROM outbox WHERE channel_id = ? AND kind = 'notice' AND notice_key = ?`)
      .pluck()
      .get(channelId, noticeKey) as number | null;
    return at;
  }

  /**
   * Deletes finished rows (sent, failed, held) created before `cutoff`, with the alerts they posted. Keep at
   * least the edit window plus the digest period (e.g. a week) so edits, flood counts and digests still work.
   */
  pruneBefore(cutoff: number): number {
    return this.db.transaction(() => {
      const finished = `SELECT id FROM outbox WHERE status IN ('sent', 'failed', 'held') AND created_at < @cutoff`;
      statement(this.db, `DELETE FROM alerts WHERE outbox_id IN (${finished})`).run({ cutoff });
      // A recent edit row may still point at an old alert: it keeps its place, without the reference.
      statement(this.db, `UPDATE outbox SET edits_outbox_id = NULL WHERE created_at >= @cutoff AND edits_outbox_id IN (${finished})`).run({ cutoff });
      statement(this.db, `UPDATE outbox SET in_thread_of = NULL WHERE created_at >= @cutoff AND in_thread_of IN (${finished})`).run({ cutoff });
      return statement(this.db, `DELETE FROM outbox WHERE id IN (${finished})`).run({ cutoff }).changes;
    })();
  }

  /** Alerts flood control held back for a channel since a time, oldest first: material for its digest. */
  heldSince(channelId: string, since: number): OutboxMessage[] {
    const rows = statement(this.db, `SELECT ${COLUMNS} FROM outbox WHERE channel_id = ? AND status = 'held' AND created_at >= ? ORDER BY id`)
      .all(channelId, since) as OutboxMessage[];
    return rows;
  }
}

/** The outbox store as both backends offer it (see promised.ts). */
export type OutboxStore = Promised<SqliteOutboxStore>;

/** The columns of a new outbox row as named parameters, for both backends (the nonce aside). */
export function outboxRowParams(message: NewOutboxMessage, now: number): Record<string, unknown> {
  return {
    guildId: message.guildId,
    channelId: message.channelId,
    subscriptionId: message.subscriptionId ?? null,
    kind: message.kind,
    storyId: message.storyId ?? null,
    editsOutboxId: message.editsOutboxId ?? null,
    noticeKey: message.noticeKey ?? null,
    payloadJson: JSON.stringify(message.payload),
    status: message.status ?? 'pending',
    now,
    threadStartJson: message.threadStart === undefined ? null : JSON.stringify(message.threadStart),
    inThreadOf: message.inThreadOf ?? null,
  };
}

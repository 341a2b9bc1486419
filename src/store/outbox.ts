import type { Promised } from './promised.js';
import type { Db } from './database.js';
import { statement } from './prepared.js';
import { channelActivity, newOutboxRow, nonceFor, outboxRowParams, randomSalt, type ChannelAlertActivity } from './outbox-rows.js';

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


/**
 * The durable outbox: every post is a row before it is sent. Rows of a channel go out in creation order;
 * a pending row waiting for a retry holds back the rest of its channel.
 */
export class SqliteOutboxStore {
  constructor(
    private readonly db: Db,
    private readonly salt: () => string = randomSalt,
  ) {}

  /**
   * Writes a row and returns it. Inside the caller's transaction it runs as is (a fan-out to thousands of channels
   * writes thousands of rows in one item's transaction); on its own it is a transaction of its own.
   */
  enqueue(message: NewOutboxMessage, now: number): OutboxMessage {
    const write = () => {
      // The id SQLite would give the row (no AUTOINCREMENT: the largest plus one), drawn first so the row is written
      // once, with its final nonce, under the write lock the transaction holds.
      const id = statement(this.db, `SELECT COALESCE(MAX(id), 0) + 1 FROM outbox`).pluck().get() as number;
      const params = outboxRowParams(message, now);
      const nonce = nonceFor(id, this.salt());
      statement(this.db,
        `INSERT INTO outbox (id, guild_id, channel_id, subscription_id, kind, story_id, edits_outbox_id, notice_key, payload_json,
           nonce, status, next_attempt_at, created_at, thread_start_json, in_thread_of)
         VALUES (@id, @guildId, @channelId, @subscriptionId, @kind, @storyId, @editsOutboxId, @noticeKey, @payloadJson,
           @nonce, @status, @now, @now, @threadStartJson, @inThreadOf)`,
      ).run({ ...params, id, nonce });
      return newOutboxRow(id, nonce, params);
    };
    return this.db.inTransaction ? write() : this.db.transaction(write)();
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

  /**
   * Per channel of `channelIds`: the alerts posted or queued since `since` (held ones do not count: flood control)
   * and when it last got the notice `noticeKey`. One query each for all the channels an item reaches.
   */
  alertActivity(channelIds: readonly string[], since: number, noticeKey: string): ChannelAlertActivity[] {
    const channels = JSON.stringify(channelIds);
    const counts = statement(this.db,
      `SELECT channel_id AS channelId, COUNT(*) AS alerts FROM outbox
         WHERE channel_id IN (SELECT value FROM json_each(?)) AND kind = 'alert' AND created_at >= ? AND status != 'held' GROUP BY channel_id`,
    ).all(channels, since) as { channelId: string; alerts: number }[];
    const notices = statement(this.db,
      `SELECT channel_id AS channelId, MAX(created_at) AS at FROM outbox
         WHERE channel_id IN (SELECT value FROM json_each(?)) AND kind = 'notice' AND notice_key = ? GROUP BY channel_id`,
    ).all(channels, noticeKey) as { channelId: string; at: number }[];
    return channelActivity(channelIds, counts, notices);
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
}

/** The outbox store as both backends offer it (see promised.ts). */
export type OutboxStore = Promised<SqliteOutboxStore>;

import type { OutboxStore } from '../outbox.js';
import type { NewOutboxMessage, OutboxMessage } from '../outbox.js';
import { channelActivity, nonceFor, outboxRowParams, randomSalt, type ChannelAlertActivity } from '../outbox-rows.js';
import type { PgDatabase } from './connection.js';

const COLUMNS = `id, guild_id AS "guildId", channel_id AS "channelId", subscription_id AS "subscriptionId", kind, story_id AS "storyId",
  edits_outbox_id AS "editsOutboxId", notice_key AS "noticeKey", payload_json AS "payloadJson", nonce, status, attempts,
  next_attempt_at AS "nextAttemptAt", last_error AS "lastError", message_id AS "messageId", created_at AS "createdAt", sent_at AS "sentAt",
  thread_start_json AS "threadStartJson", in_thread_of AS "inThreadOf", thread_id AS "threadId", thread_attempted_at AS "threadAttemptedAt"`;

const FINISHED = `SELECT id FROM outbox WHERE status IN ('sent', 'failed', 'held') AND created_at < $1`;

/**
 * OutboxStore on PostgreSQL. The nonce is the row id plus a random salt, as on SQLite; the id is drawn from the
 * sequence first, so the row is written once, with its final nonce.
 */
export class PgOutboxStore implements OutboxStore {
  constructor(
    private readonly db: PgDatabase,
    private readonly salt: () => string = randomSalt,
  ) {}

  async enqueue(message: NewOutboxMessage, now: number): Promise<OutboxMessage> {
    const id = Number(await this.db.value(`SELECT nextval(pg_get_serial_sequence('outbox', 'id'))`));
    const row = await this.db.get<OutboxMessage>(
      `INSERT INTO outbox (id, guild_id, channel_id, subscription_id, kind, story_id, edits_outbox_id, notice_key, payload_json,
         nonce, status, next_attempt_at, created_at, thread_start_json, in_thread_of)
       VALUES (@id, @guildId, @channelId, @subscriptionId, @kind, @storyId, @editsOutboxId, @noticeKey, @payloadJson,
         @nonce, @status, @now, @now, @threadStartJson, @inThreadOf)
       RETURNING ${COLUMNS}`,
      { ...outboxRowParams(message, now), id, nonce: nonceFor(id, this.salt()) },
    );
    if (!row) throw new Error('outbox row vanished right after it was written');
    return row;
  }

  async byId(id: number): Promise<OutboxMessage | null> {
    return (await this.db.get<OutboxMessage>(`SELECT ${COLUMNS} FROM outbox WHERE id = $1`, [id])) ?? null;
  }

  async dueHeads(now: number, limit: number): Promise<OutboxMessage[]> {
    return this.db.all<OutboxMessage>(
      `SELECT ${COLUMNS} FROM outbox WHERE id IN (SELECT MIN(id) FROM outbox WHERE status = 'pending' GROUP BY channel_id)
         AND next_attempt_at <= $1 ORDER BY id LIMIT $2`,
      [now, limit],
    );
  }

  async nextAttemptAt(): Promise<number | null> {
    return (await this.db.value<number | null>(`SELECT MIN(next_attempt_at) FROM outbox WHERE id IN (SELECT MIN(id) FROM outbox WHERE status = 'pending' GROUP BY channel_id)`)) ?? null;
  }

  async pendingCount(): Promise<number> {
    return (await this.db.value<number>(`SELECT COUNT(*) FROM outbox WHERE status = 'pending'`)) ?? 0;
  }

  async markSent(id: number, messageId: string, now: number, threadId: string | null = null): Promise<void> {
    await this.db.run(
      `UPDATE outbox SET status = 'sent', message_id = $1, sent_at = $2, attempts = attempts + 1, last_error = NULL,
         thread_id = COALESCE($3, thread_id) WHERE id = $4`,
      [messageId, now, threadId, id],
    );
  }

  async recordMessage(id: number, messageId: string): Promise<void> {
    await this.db.run(`UPDATE outbox SET message_id = $1 WHERE id = $2`, [messageId, id]);
  }

  async markThreadAttempt(id: number, at: number): Promise<void> {
    await this.db.run(`UPDATE outbox SET thread_attempted_at = $1 WHERE id = $2 AND thread_attempted_at IS NULL`, [at, id]);
  }

  async hasThread(threadId: string): Promise<boolean> {
    return (await this.db.value<number>(`SELECT 1 FROM outbox WHERE thread_id = $1`, [threadId])) === 1;
  }

  async markRetry(id: number, error: string, nextAttemptAt: number): Promise<void> {
    await this.db.run(`UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2 WHERE id = $3`, [error, nextAttemptAt, id]);
  }

  async markFailed(id: number, error: string, attempted = true): Promise<void> {
    await this.db.run(`UPDATE outbox SET status = 'failed', last_error = $1, attempts = attempts + $2 WHERE id = $3`, [error, attempted ? 1 : 0, id]);
  }

  async failPendingForChannel(channelId: string, error: string): Promise<number> {
    return this.db.run(`UPDATE outbox SET status = 'failed', last_error = $1 WHERE channel_id = $2 AND status = 'pending'`, [error, channelId]);
  }

  async alertActivity(channelIds: readonly string[], since: number, noticeKey: string): Promise<ChannelAlertActivity[]> {
    const counts = await this.db.all<{ channelId: string; alerts: number }>(
      `SELECT channel_id AS "channelId", COUNT(*) AS alerts FROM outbox
         WHERE channel_id = ANY($1::text[]) AND kind = 'alert' AND created_at >= $2 AND status <> 'held' GROUP BY channel_id`,
      [channelIds, since],
    );
    const notices = await this.db.all<{ channelId: string; at: number }>(
      `SELECT channel_id AS "channelId", MAX(created_at) AS at FROM outbox
         WHERE channel_id = ANY($1::text[]) AND kind = 'notice' AND notice_key = $2 GROUP BY channel_id`,
      [channelIds, noticeKey],
    );
    return channelActivity(channelIds, counts, notices);
  }

  async lastNoticeAt(channelId: string, noticeKey: string): Promise<number | null> {
    return (await this.db.value<number | null>(`SELECT MAX(created_at) FROM outbox WHERE channel_id = $1 AND kind = 'notice' AND notice_key = $2`, [channelId, noticeKey])) ?? null;
  }

  async pruneBefore(cutoff: number): Promise<number> {
    return this.db.transaction(async () => {
      await this.db.run(`DELETE FROM alerts WHERE outbox_id IN (${FINISHED})`, [cutoff]);
      // A recent edit row may still point at an old alert: it keeps its place, without the reference.
      await this.db.run(`UPDATE outbox SET edits_outbox_id = NULL WHERE created_at >= $1 AND edits_outbox_id IN (${FINISHED})`, [cutoff]);
      await this.db.run(`UPDATE outbox SET in_thread_of = NULL WHERE created_at >= $1 AND in_thread_of IN (${FINISHED})`, [cutoff]);
      return this.db.run(`DELETE FROM outbox WHERE id IN (${FINISHED})`, [cutoff]);
    });
  }
}

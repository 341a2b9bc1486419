import { DIGEST_HISTORY_KEPT_MS, type DigestHistoryStore } from '../digest-history.js';
import type { PgDatabase } from './connection.js';

/** DigestHistoryStore on PostgreSQL. */
export class PgDigestHistoryStore implements DigestHistoryStore {
  constructor(private readonly db: PgDatabase) {}

  async shownSince(channelId: string, since: number): Promise<Set<string>> {
    return new Set(await this.db.column<string>(`SELECT story_id FROM digest_stories WHERE channel_id = $1 AND sent_at >= $2`, [channelId, since]));
  }

  async record(channelId: string, storyIds: readonly string[], sentAt: number): Promise<void> {
    await this.db.run(`DELETE FROM digest_stories WHERE channel_id = $1 AND sent_at < $2`, [channelId, sentAt - DIGEST_HISTORY_KEPT_MS]);
    await this.db.run(
      `INSERT INTO digest_stories (channel_id, story_id, sent_at) SELECT $1, story_id, $3 FROM unnest($2::text[]) AS shown (story_id)
       ON CONFLICT (channel_id, story_id) DO UPDATE SET sent_at = excluded.sent_at`,
      [channelId, [...new Set(storyIds)], sentAt],
    );
  }
}

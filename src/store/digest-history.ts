import type { Promised } from './promised.js';
import type { Db } from './database.js';
import { statement } from './prepared.js';

/**
 * How long a channel's digest history is kept. A digest looks back at most two days (its window of at most a day,
 * and the day before) to tell developing stories from new ones, so older rows are deleted as each digest is recorded.
 */
export const DIGEST_HISTORY_KEPT_MS = 7 * 24 * 60 * 60 * 1000;

/** The stories each channel's digests showed. */
export class SqliteDigestHistoryStore {
  constructor(private readonly db: Db) {}

  /** Stories shown in the channel's digests since a time. */
  shownSince(channelId: string, since: number): Set<string> {
    const ids = statement(this.db, `SELECT story_id FROM digest_stories WHERE channel_id = ? AND sent_at >= ?`).pluck().all(channelId, since) as string[];
    return new Set(ids);
  }

  /** Records what a digest showed, and forgets what the channel's digests showed longer ago than the history is kept. */
  record(channelId: string, storyIds: readonly string[], sentAt: number): void {
    statement(this.db, `DELETE FROM digest_stories WHERE channel_id = ? AND sent_at < ?`).run(channelId, sentAt - DIGEST_HISTORY_KEPT_MS);
    const insert = statement(this.db, `INSERT OR REPLACE INTO digest_stories (channel_id, story_id, sent_at) VALUES (?, ?, ?)`);
    for (const storyId of storyIds) insert.run(channelId, storyId, sentAt);
  }
}

/** The digest history store as both backends offer it (see promised.ts). */
export type DigestHistoryStore = Promised<SqliteDigestHistoryStore>;

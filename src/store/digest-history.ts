import type { Promised } from './promised.js';
import type { Db } from './database.js';
import { statement } from './prepared.js';

/** The stories each channel's digests showed. */
export class SqliteDigestHistoryStore {
  constructor(private readonly db: Db) {}

  /** Stories shown in the channel's digests since a time. */
  shownSince(channelId: string, since: number): Set<string> {
    const ids = statement(this.db, `SELECT story_id FROM digest_stories WHERE channel_id = ? AND sent_at >= ?`).pluck().all(channelId, since) as string[];
    return new Set(ids);
  }

  record(channelId: string, storyIds: readonly string[], sentAt: number): void {
    const insert = statement(this.db, `INSERT OR REPLACE INTO digest_stories (channel_id, story_id, sent_at) VALUES (?, ?, ?)`);
    for (const storyId of storyIds) insert.run(channelId, storyId, sentAt);
  }
}

/** The digest history store as both backends offer it (see promised.ts). */
export type DigestHistoryStore = Promised<SqliteDigestHistoryStore>;

import type { Promised } from './promised.js';
import { z } from 'zod';
import type { Db } from './database.js';
import { statement } from './prepared.js';
import { privateFeedIdSql, viewerParams, visibleSql, type Viewer } from './visibility.js';

export interface ItemTopicMatch {
  topicId: string;
  score: number;
  /** Why the topic matched (the matcher's explanation), shown to moderators. */
  explain: unknown;
}

const storedExplainSchema = z.record(z.unknown());

/** Which topics each item matched, and why. */
export class SqliteItemTopicStore {
  constructor(private readonly db: Db) {}

  save(itemId: number, matches: readonly ItemTopicMatch[]): void {
    const insert = statement(this.db, 
      `INSERT OR REPLACE INTO item_topics (item_id, topic_id, score, explain_json) VALUES (?, ?, ?, ?)`,
    );
    for (const match of matches) insert.run(itemId, match.topicId, match.score, JSON.stringify(match.explain));
  }

  topicsOf(itemId: number): ItemTopicMatch[] {
    const rows = statement(this.db, `SELECT topic_id AS topicId, score, explain_json AS explainJson FROM item_topics WHERE item_id = ? ORDER BY score DESC`)
      .all(itemId) as { topicId: string; score: number; explainJson: string }[];
    return rows.map((row) => ({ topicId: row.topicId, score: row.score, explain: parseExplain(row.explainJson) }));
  }

  /** Items the viewer may see that matched a topic since a time (epoch ms of fetching), newest first. */
  recentItemIds(topicId: string, since: number, limit: number, viewer: Viewer): number[] {
    return statement(this.db, 
        `SELECT item_topics.item_id FROM item_topics JOIN items ON items.id = item_topics.item_id JOIN feeds ON feeds.id = items.feed_id
         WHERE item_topics.topic_id = @topicId AND items.fetched_at >= @since AND ${visibleSql(privateFeedIdSql('feeds'))}
         ORDER BY items.fetched_at DESC LIMIT @limit`,
      )
      .pluck()
      .all({ ...viewerParams(viewer), topicId, since, limit }) as number[];
  }

  /** How many items the viewer may see matched each topic since a time. */
  countsSince(since: number, viewer: Viewer): Map<string, number> {
    const rows = statement(this.db, 
        `SELECT topic_id AS topicId, COUNT(*) AS count FROM item_topics JOIN items ON items.id = item_topics.item_id
         JOIN feeds ON feeds.id = items.feed_id
         WHERE items.fetched_at >= @since AND ${visibleSql(privateFeedIdSql('feeds'))} GROUP BY topic_id`,
      )
      .all({ ...viewerParams(viewer), since }) as { topicId: string; count: number }[];
    return new Map(rows.map((row) => [row.topicId, row.count]));
  }
}

function parseExplain(json: string): unknown {
  const parsed = storedExplainSchema.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : { unreadable: true };
}

/** The item topic store as both backends offer it (see promised.ts). */
export type ItemTopicStore = Promised<SqliteItemTopicStore>;

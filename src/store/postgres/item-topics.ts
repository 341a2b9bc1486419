import type { ItemTopicStore } from '../item-topics.js';
import { z } from 'zod';
import type { ItemTopicMatch } from '../item-topics.js';
import { privateFeedIdSql, viewerParams, visibleSql, type Viewer } from '../visibility.js';
import type { PgDatabase } from './connection.js';

const storedExplainSchema = z.record(z.unknown());

/** ItemTopicStore on PostgreSQL; the explanation is jsonb, validated as it is read back. */
export class PgItemTopicStore implements ItemTopicStore {
  constructor(private readonly db: PgDatabase) {}

  async save(itemId: number, matches: readonly ItemTopicMatch[]): Promise<void> {
    if (matches.length === 0) return;
    await this.db.run(
      `INSERT INTO item_topics (item_id, topic_id, score, explain_json)
       SELECT $1, topic_id, score, explain_json::jsonb FROM unnest($2::text[], $3::float8[], $4::text[]) AS matched (topic_id, score, explain_json)
       ON CONFLICT (item_id, topic_id) DO UPDATE SET score = excluded.score, explain_json = excluded.explain_json`,
      [itemId, matches.map((match) => match.topicId), matches.map((match) => match.score), matches.map((match) => JSON.stringify(match.explain))],
    );
  }

  async topicsOf(itemId: number): Promise<ItemTopicMatch[]> {
    const rows = await this.db.all<{ topicId: string; score: number; explain: unknown }>(
      `SELECT topic_id AS "topicId", score, explain_json AS explain FROM item_topics WHERE item_id = $1 ORDER BY score DESC`,
      [itemId],
    );
    return rows.map((row) => {
      const parsed = storedExplainSchema.safeParse(row.explain);
      return { ...row, explain: parsed.success ? parsed.data : { unreadable: true } };
    });
  }

  async recentItemIds(topicId: string, since: number, limit: number, viewer: Viewer): Promise<number[]> {
    return this.db.column<number>(
      `SELECT item_topics.item_id FROM item_topics JOIN items ON items.id = item_topics.item_id JOIN feeds ON feeds.id = items.feed_id
       WHERE item_topics.topic_id = @topicId AND items.fetched_at >= @since AND ${visibleSql(privateFeedIdSql('feeds'))}
       ORDER BY items.fetched_at DESC LIMIT @limit`,
      { ...viewerParams(viewer), topicId, since, limit },
    );
  }

  async countsSince(since: number, viewer: Viewer): Promise<Map<string, number>> {
    const rows = await this.db.all<{ topicId: string; count: number }>(
      `SELECT topic_id AS "topicId", COUNT(*) AS count FROM item_topics JOIN items ON items.id = item_topics.item_id
       JOIN feeds ON feeds.id = items.feed_id
       WHERE items.fetched_at >= @since AND ${visibleSql(privateFeedIdSql('feeds'))} GROUP BY topic_id`,
      { ...viewerParams(viewer), since },
    );
    return new Map(rows.map((row) => [row.topicId, row.count]));
  }
}

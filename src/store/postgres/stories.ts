import type { StoryStore } from '../stories.js';
import type { PerspectiveQuery, StoredStory, StoryDayPerspective, StoryMember } from '../stories.js';
import { outletSql, perspectiveSql, privateFeedIdSql, viewerParams, visibleSql, type Viewer } from '../visibility.js';
import type { PgDatabase } from './connection.js';

const STORY_COLUMNS = 'id, title, first_reported_at AS "firstReportedAt", last_reported_at AS "lastReportedAt"';

/** StoryStore on PostgreSQL. */
export class PgStoryStore implements StoryStore {
  constructor(private readonly db: PgDatabase) {}

  async addMember(member: StoryMember, title: string): Promise<void> {
    await this.db.transaction(async () => {
      await this.db.run(
        `INSERT INTO stories (id, title, first_reported_at, last_reported_at, private_feed_id)
         VALUES (@storyId, @title, @publishedAt, @publishedAt,
           (SELECT ${privateFeedIdSql('feeds')} FROM items JOIN feeds ON feeds.id = items.feed_id WHERE items.id = @itemId))
         ON CONFLICT (id) DO UPDATE SET first_reported_at = LEAST(stories.first_reported_at, excluded.first_reported_at),
           last_reported_at = GREATEST(stories.last_reported_at, excluded.last_reported_at)`,
        { storyId: member.storyId, title, publishedAt: member.publishedAt, itemId: member.itemId },
      );
      await this.db.run(
        `INSERT INTO story_items (item_id, story_id, similarity, published_at) VALUES (@itemId, @storyId, @similarity, @publishedAt)
         ON CONFLICT (item_id) DO UPDATE SET story_id = excluded.story_id, similarity = excluded.similarity, published_at = excluded.published_at`,
        { ...member },
      );
    });
  }

  async storyOfItem(itemId: number): Promise<string | null> {
    return (await this.db.value<string>(`SELECT story_id FROM story_items WHERE item_id = $1`, [itemId])) ?? null;
  }

  async byId(storyId: string, viewer: Viewer): Promise<StoredStory | null> {
    const row = await this.db.get<StoredStory>(`SELECT ${STORY_COLUMNS} FROM stories WHERE id = @storyId AND ${visibleSql('private_feed_id')}`, { ...viewerParams(viewer), storyId });
    return row ?? null;
  }

  async itemIds(storyId: string): Promise<number[]> {
    return this.db.column<number>(`SELECT item_id FROM story_items WHERE story_id = $1 ORDER BY published_at, item_id`, [storyId]);
  }

  async outletsOf(storyId: string, viewer: Viewer): Promise<{ outlet: string; perspective: string }[]> {
    return this.db.all(
      `SELECT ${outletSql('feeds')} AS outlet, MIN(${perspectiveSql('feeds')}) AS perspective
       FROM story_items JOIN items ON items.id = story_items.item_id JOIN feeds ON feeds.id = items.feed_id
       WHERE story_items.story_id = @storyId AND ${visibleSql(privateFeedIdSql('feeds'))} GROUP BY 1 ORDER BY MIN(story_items.published_at)`,
      { ...viewerParams(viewer), storyId },
    );
  }

  async membersSince(since: number): Promise<StoryMember[]> {
    return this.db.all<StoryMember>(
      `SELECT item_id AS "itemId", story_id AS "storyId", similarity, published_at AS "publishedAt" FROM story_items
       WHERE published_at >= $1 ORDER BY published_at, item_id`,
      [since],
    );
  }

  /** As StoryStore.search: case-insensitive containment (ILIKE, for SQLite's ASCII-case-insensitive LIKE). */
  async search(text: string, limit: number, viewer: Viewer): Promise<StoredStory[]> {
    return this.db.all<StoredStory>(
      `SELECT ${STORY_COLUMNS} FROM stories
       WHERE title ILIKE '%' || @text || '%' AND ${visibleSql('private_feed_id')} ORDER BY last_reported_at DESC LIMIT @limit`,
      { ...viewerParams(viewer), text: text.replace(/[\\%_]/g, (character) => `\\${character}`), limit },
    );
  }

  /** As StoryStore.perspectivesByDay: per story and UTC day, each perspective's reports the viewer may see. */
  async perspectivesByDay(query: PerspectiveQuery, viewer: Viewer): Promise<StoryDayPerspective[]> {
    const topicFilter = query.topicIds
      ? `AND story_items.story_id IN (SELECT topical.story_id FROM story_items AS topical JOIN item_topics ON item_topics.item_id = topical.item_id
           WHERE item_topics.topic_id = ANY(@topicIds::text[]))`
      : '';
    return this.db.all<StoryDayPerspective>(
      `SELECT * FROM (
         SELECT story_items.story_id AS "storyId", to_char(to_timestamp(story_items.published_at / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
           ${perspectiveSql('feeds')} AS perspective, COUNT(*) AS reports
         FROM story_items JOIN items ON items.id = story_items.item_id JOIN feeds ON feeds.id = items.feed_id
         WHERE story_items.published_at >= @since AND story_items.published_at < @until AND ${visibleSql(privateFeedIdSql('feeds'))} ${topicFilter}
         GROUP BY 1, 2, 3) AS counted
       ORDER BY "storyId" COLLATE "C", day, perspective COLLATE "C"`,
      { ...viewerParams(viewer), since: query.since, until: query.until, topicIds: query.topicIds ?? null },
    );
  }
}

import type { Promised } from './promised.js';
import type { Db } from './database.js';
import { statement } from './prepared.js';
import { outletSql, perspectiveSql, privateFeedIdSql, viewerParams, visibleSql, type Viewer } from './visibility.js';

export interface StoryMember {
  itemId: number;
  storyId: string;
  similarity: number;
  /** When the item was published (or fetched, when the feed gave no date), epoch ms. */
  publishedAt: number;
}

export interface StoredStory {
  id: string;
  title: string;
  firstReportedAt: number;
  lastReportedAt: number;
}

/** How many of a story's reports one perspective made on one day. */
export interface StoryDayPerspective {
  storyId: string;
  /** The UTC day of the reports' publication, YYYY-MM-DD. */
  day: string;
  perspective: string;
  reports: number;
}

export interface PerspectiveQuery {
  /** Reports published in [since, until), epoch ms. */
  since: number;
  until: number;
  /** Only stories with a report that matched one of these topics; every story when absent. */
  topicIds?: readonly string[];
}

const STORY_COLUMNS = 'id, title, first_reported_at AS firstReportedAt, last_reported_at AS lastReportedAt';

/**
 * Story membership of items, and the stories' first and latest report. A story holds the items of public feeds, or
 * of one guild-added feed (its `private_feed_id`): the story stage never mixes them, so a story is seen whole or not at all.
 */
export class SqliteStoryStore {
  constructor(private readonly db: Db) {}

  /** Records that an item joined (or started) a story; a story started by a guild-added feed's item is that feed's. */
  addMember(member: StoryMember, title: string): void {
    statement(this.db, 
        `INSERT INTO stories (id, title, first_reported_at, last_reported_at, private_feed_id)
         VALUES (@storyId, @title, @publishedAt, @publishedAt,
           (SELECT ${privateFeedIdSql('feeds')} FROM items JOIN feeds ON feeds.id = items.feed_id WHERE items.id = @itemId))
         ON CONFLICT (id) DO UPDATE SET first_reported_at = MIN(first_reported_at, excluded.first_reported_at),
           last_reported_at = MAX(last_reported_at, excluded.last_reported_at)`,
      )
      .run({ storyId: member.storyId, title, publishedAt: member.publishedAt, itemId: member.itemId });
    statement(this.db, `INSERT OR REPLACE INTO story_items (item_id, story_id, similarity, published_at) VALUES (@itemId, @storyId, @similarity, @publishedAt)`)
      .run(member);
  }

  storyOfItem(itemId: number): string | null {
    return (statement(this.db, `SELECT story_id FROM story_items WHERE item_id = ?`).pluck().get(itemId) as string | undefined) ?? null;
  }

  /** The story, when the viewer may see it. */
  byId(storyId: string, viewer: Viewer): StoredStory | null {
    const row = statement(this.db, `SELECT ${STORY_COLUMNS} FROM stories WHERE id = @storyId AND ${visibleSql('private_feed_id')}`)
      .get({ ...viewerParams(viewer), storyId }) as StoredStory | undefined;
    return row ?? null;
  }

  /** The story's item ids in publication order. */
  itemIds(storyId: string): number[] {
    return statement(this.db, `SELECT item_id FROM story_items WHERE story_id = ? ORDER BY published_at, item_id`).pluck().all(storyId) as number[];
  }

  /** The outlets that reported the story, as the viewer names and labels them, in order of their first report. */
  outletsOf(storyId: string, viewer: Viewer): { outlet: string; perspective: string }[] {
    return statement(this.db,
        `SELECT ${outletSql('feeds')} AS outlet, ${perspectiveSql('feeds')} AS perspective
         FROM story_items JOIN items ON items.id = story_items.item_id JOIN feeds ON feeds.id = items.feed_id
         WHERE story_items.story_id = @storyId AND ${visibleSql(privateFeedIdSql('feeds'))} GROUP BY outlet ORDER BY MIN(story_items.published_at)`,
      )
      .all({ ...viewerParams(viewer), storyId }) as { outlet: string; perspective: string }[];
  }

  /** Members published since a time, oldest first: what the clusterer replays to rebuild its window after a restart. */
  membersSince(since: number): StoryMember[] {
    return statement(this.db, 
        `SELECT item_id AS itemId, story_id AS storyId, similarity, published_at AS publishedAt FROM story_items
         WHERE published_at >= ? ORDER BY published_at, item_id`,
      )
      .all(since) as StoryMember[];
  }

  /** Stories the viewer may see whose title contains the text (case-insensitive), latest first: for autocomplete. */
  search(text: string, limit: number, viewer: Viewer): StoredStory[] {
    return statement(this.db, 
        `SELECT ${STORY_COLUMNS} FROM stories
         WHERE title LIKE '%' || @text || '%' ESCAPE '\\' AND ${visibleSql('private_feed_id')} ORDER BY last_reported_at DESC LIMIT @limit`,
      )
      .all({ ...viewerParams(viewer), text: text.replace(/[\\%_]/g, (character) => `\\${character}`), limit }) as StoredStory[];
  }

  /**
   * Per story and UTC day, how many reports each perspective made, counting only the reports the viewer may see
   * (labelled as the viewer labels the feed), in order of story, day and perspective.
   */
  perspectivesByDay(query: PerspectiveQuery, viewer: Viewer): StoryDayPerspective[] {
    const topicFilter = query.topicIds
      ? `AND story_items.story_id IN (SELECT topical.story_id FROM story_items AS topical JOIN item_topics ON item_topics.item_id = topical.item_id
           WHERE item_topics.topic_id IN (SELECT value FROM json_each(@topicIds)))`
      : '';
    return statement(this.db,
        `SELECT story_items.story_id AS storyId, strftime('%Y-%m-%d', story_items.published_at / 1000, 'unixepoch') AS day,
           ${perspectiveSql('feeds')} AS perspective, COUNT(*) AS reports
         FROM story_items JOIN items ON items.id = story_items.item_id JOIN feeds ON feeds.id = items.feed_id
         WHERE story_items.published_at >= @since AND story_items.published_at < @until AND ${visibleSql(privateFeedIdSql('feeds'))} ${topicFilter}
         GROUP BY storyId, day, perspective ORDER BY storyId, day, perspective`,
      )
      .all({ ...viewerParams(viewer), since: query.since, until: query.until, ...(query.topicIds ? { topicIds: JSON.stringify(query.topicIds) } : {}) }) as StoryDayPerspective[];
  }
}

/** The story store as both backends offer it (see promised.ts). */
export type StoryStore = Promised<SqliteStoryStore>;

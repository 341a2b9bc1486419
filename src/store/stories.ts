import type { Db } from './database.js';
import { statement } from './prepared.js';

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

/** Story membership of items, and the stories' first and latest report. */
export class StoryStore {
  constructor(private readonly db: Db) {}

  /** Records that an item joined (or started) a story. */
  addMember(member: StoryMember, title: string): void {
    statement(this.db, 
        `INSERT INTO stories (id, title, first_reported_at, last_reported_at) VALUES (@storyId, @title, @publishedAt, @publishedAt)
         ON CONFLICT (id) DO UPDATE SET first_reported_at = MIN(first_reported_at, excluded.first_reported_at),
           last_reported_at = MAX(last_reported_at, excluded.last_reported_at)`,
      )
      .run({ storyId: member.storyId, title, publishedAt: member.publishedAt });
    statement(this.db, `INSERT OR REPLACE INTO story_items (item_id, story_id, similarity, published_at) VALUES (@itemId, @storyId, @similarity, @publishedAt)`)
      .run(member);
  }

  storyOfItem(itemId: number): string | null {
    return (statement(this.db, `SELECT story_id FROM story_items WHERE item_id = ?`).pluck().get(itemId) as string | undefined) ?? null;
  }

  byId(storyId: string): StoredStory | null {
    const row = statement(this.db, `SELECT id, title, first_reported_at AS firstReportedAt, last_reported_at AS lastReportedAt FROM stories WHERE id = ?`)
      .get(storyId) as StoredStory | undefined;
    return row ?? null;
  }

  /** The story's item ids in publication order. */
  itemIds(storyId: string): number[] {
    return statement(this.db, `SELECT item_id FROM story_items WHERE story_id = ? ORDER BY published_at, item_id`).pluck().all(storyId) as number[];
  }

  /** The outlets that reported the story, in order of their first report. */
  outletsOf(storyId: string): string[] {
    return statement(this.db, 
        `SELECT feeds.outlet FROM story_items JOIN items ON items.id = story_items.item_id JOIN feeds ON feeds.id = items.feed_id
         WHERE story_items.story_id = ? GROUP BY feeds.outlet ORDER BY MIN(story_items.published_at)`,
      )
      .pluck()
      .all(storyId) as string[];
  }

  /** Members published since a time, oldest first: what the clusterer replays to rebuild its window after a restart. */
  membersSince(since: number): StoryMember[] {
    return statement(this.db, 
        `SELECT item_id AS itemId, story_id AS storyId, similarity, published_at AS publishedAt FROM story_items
         WHERE published_at >= ? ORDER BY published_at, item_id`,
      )
      .all(since) as StoryMember[];
  }

  /** Stories with a report since a time, latest report first. */
  activeSince(since: number, limit: number): StoredStory[] {
    return statement(this.db, 
        `SELECT id, title, first_reported_at AS firstReportedAt, last_reported_at AS lastReportedAt FROM stories
         WHERE last_reported_at >= ? ORDER BY last_reported_at DESC LIMIT ?`,
      )
      .all(since, limit) as StoredStory[];
  }

  /** Stories whose title contains the text (case-insensitive), latest first: for autocomplete. */
  search(text: string, limit: number): StoredStory[] {
    return statement(this.db, 
        `SELECT id, title, first_reported_at AS firstReportedAt, last_reported_at AS lastReportedAt FROM stories
         WHERE title LIKE '%' || ? || '%' ESCAPE '\\' ORDER BY last_reported_at DESC LIMIT ?`,
      )
      .all(text.replace(/[\\%_]/g, (character) => `\\${character}`), limit) as StoredStory[];
  }
}

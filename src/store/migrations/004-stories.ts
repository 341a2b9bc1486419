import type { Migration } from './migration.js';

/** Stories: items from all feeds grouped by the event they report. Membership is decided once, as items arrive. */
export const storiesMigration: Migration = {
  version: 4,
  name: 'stories',
  sql: `
    CREATE TABLE stories (
      id TEXT PRIMARY KEY,
      title TEXT NOT NULL,
      first_reported_at INTEGER NOT NULL,
      last_reported_at INTEGER NOT NULL
    );
    CREATE INDEX stories_by_last_report ON stories (last_reported_at);

    CREATE TABLE story_items (
      item_id INTEGER PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
      story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
      similarity REAL NOT NULL,
      published_at INTEGER NOT NULL
    );
    CREATE INDEX story_items_by_story ON story_items (story_id, published_at);
    CREATE INDEX story_items_by_time ON story_items (published_at);
  `,
};

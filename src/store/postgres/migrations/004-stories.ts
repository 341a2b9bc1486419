import type { Migration } from '../../migrations/migration.js';

/** As SQLite's 004. */
export const storiesMigration: Migration = {
  version: 4,
  name: 'stories',
  sql: `
    CREATE TABLE stories (
      id text PRIMARY KEY,
      title text NOT NULL,
      first_reported_at bigint NOT NULL,
      last_reported_at bigint NOT NULL
    );
    CREATE INDEX stories_by_last_report ON stories (last_reported_at);

    CREATE TABLE story_items (
      item_id bigint PRIMARY KEY REFERENCES items (id) ON DELETE CASCADE,
      story_id text NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
      similarity double precision NOT NULL,
      published_at bigint NOT NULL
    );
    CREATE INDEX story_items_by_story ON story_items (story_id, published_at);
    CREATE INDEX story_items_by_time ON story_items (published_at);
  `,
};

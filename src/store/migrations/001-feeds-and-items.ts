import type { Migration } from './migration.js';

export const feedsAndItems: Migration = {
  version: 1,
  name: 'feeds and items',
  sql: `
    CREATE TABLE feeds (
      id INTEGER PRIMARY KEY,
      source_url TEXT NOT NULL UNIQUE,
      url TEXT NOT NULL,
      outlet TEXT NOT NULL,
      title TEXT,
      full_text INTEGER NOT NULL DEFAULT 0,
      interval_seconds INTEGER NOT NULL,
      origin TEXT NOT NULL CHECK (origin IN ('config', 'guild')),
      added_by_guild TEXT,
      etag TEXT,
      last_modified TEXT,
      seeded INTEGER NOT NULL DEFAULT 0,
      last_polled_at INTEGER,
      last_success_at INTEGER,
      last_error_at INTEGER,
      last_error_code TEXT,
      last_error TEXT,
      consecutive_failures INTEGER NOT NULL DEFAULT 0,
      next_poll_at INTEGER NOT NULL DEFAULT 0,
      disabled_at INTEGER,
      disabled_reason TEXT,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX feeds_due ON feeds (next_poll_at) WHERE disabled_at IS NULL;
    CREATE INDEX feeds_url ON feeds (url);

    CREATE TABLE items (
      id INTEGER PRIMARY KEY,
      feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
      identity TEXT NOT NULL,
      guid TEXT,
      link TEXT,
      title TEXT NOT NULL,
      author TEXT,
      summary TEXT NOT NULL,
      content TEXT NOT NULL,
      published_at TEXT,
      fetched_at INTEGER NOT NULL,
      from_initial_poll INTEGER NOT NULL DEFAULT 0,
      processed_at INTEGER,
      UNIQUE (feed_id, identity)
    );
    CREATE INDEX items_unprocessed ON items (id) WHERE processed_at IS NULL;
    CREATE INDEX items_fetched ON items (fetched_at);
  `,
};

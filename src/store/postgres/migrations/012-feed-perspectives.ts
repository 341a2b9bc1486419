import type { Migration } from '../../migrations/migration.js';

/** As SQLite's 012: outlets' country and perspective (per owner for guild-added feeds), and topic blindspots. */
export const feedPerspectives: Migration = {
  version: 12,
  name: 'feed perspectives and blindspots',
  sql: `
    ALTER TABLE feeds ADD COLUMN country text;
    ALTER TABLE feeds ADD COLUMN perspective text NOT NULL DEFAULT 'other';
    ALTER TABLE feed_guilds ADD COLUMN country text;
    ALTER TABLE feed_guilds ADD COLUMN perspective text NOT NULL DEFAULT 'other';
    ALTER TABLE subscriptions ADD COLUMN blindspots boolean NOT NULL DEFAULT false;
  `,
};

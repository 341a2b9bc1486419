import type { Migration } from './migration.js';

/**
 * Outlets have a side: `country` (ISO 3166 alpha-2, NULL when not given) and `perspective` (an id of
 * config/perspectives.json). A configured feed's come from feeds.json. A guild-added feed's are each owner's own, in
 * `feed_guilds` beside its outlet name: a second server labelling the same URL otherwise would change what the
 * first sees, and tell it that someone else reads that feed. `feeds` keeps the first owner's, for the operator.
 * A topic subscription's `blindspots` adds to its digests the stories only one side covered (off by default).
 */
export const feedPerspectives: Migration = {
  version: 12,
  name: 'feed perspectives and blindspots',
  sql: `
    ALTER TABLE feeds ADD COLUMN country TEXT;
    ALTER TABLE feeds ADD COLUMN perspective TEXT NOT NULL DEFAULT 'other';
    ALTER TABLE feed_guilds ADD COLUMN country TEXT;
    ALTER TABLE feed_guilds ADD COLUMN perspective TEXT NOT NULL DEFAULT 'other';
    ALTER TABLE subscriptions ADD COLUMN blindspots INTEGER NOT NULL DEFAULT 0;
  `,
};

import type { Migration } from '../../migrations/migration.js';

/**
 * As SQLite's 008: guild-added feeds belong to the guilds in `feed_guilds`; quotes and stories carry the private
 * feed they come from. No PostgreSQL database holds quotes or stories from before this step (the backend arrived
 * after it), so SQLite's clean-up of mixed quotes and stories has nothing to do here and is left out.
 */
export const privateFeeds: Migration = {
  version: 8,
  name: 'private feeds',
  sql: `
    CREATE TABLE feed_guilds (
      feed_id bigint NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
      guild_id text NOT NULL,
      outlet text NOT NULL,
      added_at bigint NOT NULL,
      PRIMARY KEY (feed_id, guild_id)
    );
    CREATE INDEX feed_guilds_by_guild ON feed_guilds (guild_id, feed_id);
    INSERT INTO feed_guilds (feed_id, guild_id, outlet, added_at)
      SELECT id, added_by_guild, outlet, created_at FROM feeds WHERE origin = 'guild' AND added_by_guild IS NOT NULL;
    ALTER TABLE feeds DROP COLUMN added_by_guild;

    ALTER TABLE quotes ADD COLUMN private_feed_id bigint;
    ALTER TABLE stories ADD COLUMN private_feed_id bigint;
    CREATE INDEX quotes_by_private_feed ON quotes (private_feed_id) WHERE private_feed_id IS NOT NULL;
    CREATE INDEX stories_by_private_feed ON stories (private_feed_id) WHERE private_feed_id IS NOT NULL;
  `,
};

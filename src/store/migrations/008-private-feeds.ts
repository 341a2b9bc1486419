import type { Migration } from './migration.js';

/**
 * Private feeds. A feed a guild adds belongs to every guild that added it (`feed_guilds`, each with its own outlet
 * name for it); configured feeds belong to no one and are public. Quotes and stories are kept apart by feed
 * visibility: `private_feed_id` is the guild-added feed whose items they come from, NULL for configured feeds' items.
 * Data from before this migration may have merged a private item into a public quote or story: those private
 * copies are taken out (the item keeps its own row), so what was public stays public and nothing private stays in it.
 */
export const privateFeeds: Migration = {
  version: 8,
  name: 'private feeds',
  sql: `
    CREATE TABLE feed_guilds (
      feed_id INTEGER NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
      guild_id TEXT NOT NULL,
      outlet TEXT NOT NULL,
      added_at INTEGER NOT NULL,
      PRIMARY KEY (feed_id, guild_id)
    ) WITHOUT ROWID;
    CREATE INDEX feed_guilds_by_guild ON feed_guilds (guild_id, feed_id);
    INSERT INTO feed_guilds (feed_id, guild_id, outlet, added_at)
      SELECT id, added_by_guild, outlet, created_at FROM feeds WHERE origin = 'guild' AND added_by_guild IS NOT NULL;
    ALTER TABLE feeds DROP COLUMN added_by_guild;

    ALTER TABLE quotes ADD COLUMN private_feed_id INTEGER;
    ALTER TABLE stories ADD COLUMN private_feed_id INTEGER;

    CREATE TEMP TABLE item_scopes AS
      SELECT items.id AS item_id, CASE WHEN feeds.origin = 'guild' THEN feeds.id ELSE -1 END AS scope
      FROM items JOIN feeds ON feeds.id = items.feed_id;
    CREATE INDEX temp.item_scopes_by_item ON item_scopes (item_id);

    DELETE FROM quote_sources
      WHERE (SELECT scope FROM item_scopes WHERE item_id = quote_sources.item_id) <> -1
        AND EXISTS (SELECT 1 FROM quote_sources AS other
          WHERE other.quote_id = quote_sources.quote_id
            AND (SELECT scope FROM item_scopes WHERE item_id = other.item_id) <> (SELECT scope FROM item_scopes WHERE item_id = quote_sources.item_id));
    UPDATE quotes SET private_feed_id = (
      SELECT NULLIF(MIN(item_scopes.scope), -1) FROM quote_sources JOIN item_scopes ON item_scopes.item_id = quote_sources.item_id
      WHERE quote_sources.quote_id = quotes.id);

    CREATE TEMP TABLE mixed_stories AS
      SELECT story_items.story_id FROM story_items JOIN item_scopes ON item_scopes.item_id = story_items.item_id
      GROUP BY story_items.story_id HAVING COUNT(DISTINCT item_scopes.scope) > 1;
    DELETE FROM story_items
      WHERE story_id IN (SELECT story_id FROM mixed_stories)
        AND (SELECT scope FROM item_scopes WHERE item_id = story_items.item_id) <> -1;
    UPDATE stories SET title = COALESCE((
      SELECT items.title FROM story_items JOIN items ON items.id = story_items.item_id
      WHERE story_items.story_id = stories.id ORDER BY story_items.published_at, story_items.item_id LIMIT 1), title)
      WHERE id IN (SELECT story_id FROM mixed_stories);
    UPDATE stories SET private_feed_id = (
      SELECT NULLIF(MIN(item_scopes.scope), -1) FROM story_items JOIN item_scopes ON item_scopes.item_id = story_items.item_id
      WHERE story_items.story_id = stories.id);
    DROP TABLE mixed_stories;
    DROP TABLE item_scopes;

    CREATE INDEX quotes_by_private_feed ON quotes (private_feed_id) WHERE private_feed_id IS NOT NULL;
    CREATE INDEX stories_by_private_feed ON stories (private_feed_id) WHERE private_feed_id IS NOT NULL;
  `,
};

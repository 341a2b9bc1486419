import type { Migration } from '../../migrations/migration.js';

/** As SQLite's 015: the counter every write to guild_topics moves. */
export const guildTopicChanges: Migration = {
  version: 15,
  name: 'guild topic changes',
  sql: `
    CREATE TABLE guild_topic_changes (
      id integer PRIMARY KEY CHECK (id = 1),
      version bigint NOT NULL
    );
  `,
};

import type { Migration } from './migration.js';

/**
 * A counter every write to `guild_topics` moves, so that an instance sees that another one changed the guild topics
 * (its matcher and catalogue reload) by reading one number. One row (id 1), written by the first change: no row
 * reads as version 0.
 */
export const guildTopicChanges: Migration = {
  version: 15,
  name: 'guild topic changes',
  sql: `
    CREATE TABLE guild_topic_changes (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      version INTEGER NOT NULL
    );
  `,
};

import type { Migration } from '../../migrations/migration.js';

/** As SQLite's 006; a guild topic's definition is jsonb (the store hands it back parsed and validated). */
export const commandRegistry: Migration = {
  version: 6,
  name: 'command registry and guild topics',
  sql: `
    CREATE TABLE command_registrations (
      scope text PRIMARY KEY,
      hash text NOT NULL,
      registered_at bigint NOT NULL
    );

    CREATE TABLE guild_topics (
      guild_id text NOT NULL,
      slug text NOT NULL,
      topic_id text NOT NULL UNIQUE,
      definition_json jsonb NOT NULL,
      created_by text NOT NULL,
      created_at bigint NOT NULL,
      updated_at bigint NOT NULL,
      PRIMARY KEY (guild_id, slug)
    );
  `,
};

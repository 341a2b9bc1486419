import type { Migration } from './migration.js';

/**
 * Slash commands and guild-defined topics. `command_registrations` remembers the hash of the command definitions
 * last sent to Discord per application and scope, so start-up registers only when they changed.
 * `guild_topics` holds topics a guild wrote in the rule language; `topic_id` is the id the matcher and the
 * subscriptions use (namespaced by guild, so two guilds' "drones" never mix), `slug` the id the guild typed.
 */
export const commandRegistry: Migration = {
  version: 6,
  name: 'command registry and guild topics',
  sql: `
    CREATE TABLE command_registrations (
      scope TEXT PRIMARY KEY,
      hash TEXT NOT NULL,
      registered_at INTEGER NOT NULL
    );

    CREATE TABLE guild_topics (
      guild_id TEXT NOT NULL,
      slug TEXT NOT NULL,
      topic_id TEXT NOT NULL UNIQUE,
      definition_json TEXT NOT NULL,
      created_by TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (guild_id, slug)
    );
  `,
};

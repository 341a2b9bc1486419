import type { Migration } from '../../migrations/migration.js';

/** As SQLite's 010: how a subscription posts, and the outbox rows' threads (the start is JSON kept as text, as payloads). */
export const threads: Migration = {
  version: 10,
  name: 'threads',
  sql: `
    ALTER TABLE subscriptions ADD COLUMN post_as text NOT NULL DEFAULT 'message' CHECK (post_as IN ('message', 'thread', 'forum-post'));
    ALTER TABLE outbox ADD COLUMN thread_start_json text;
    ALTER TABLE outbox ADD COLUMN in_thread_of bigint REFERENCES outbox (id);
    ALTER TABLE outbox ADD COLUMN thread_id text;
    ALTER TABLE outbox ADD COLUMN thread_attempted_at bigint;
    CREATE INDEX outbox_by_thread ON outbox (thread_id) WHERE thread_id IS NOT NULL;
  `,
};

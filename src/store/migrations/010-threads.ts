import type { Migration } from './migration.js';

/**
 * Forum posts and threads. A subscription posts its alerts as plain messages, in a thread started on each alert,
 * or as forum posts (`post_as`). An outbox row that starts a thread says so (`thread_start_json`: its name and, in a
 * forum, the topic names whose tags to apply) and records the thread it made (`thread_id`); a row posted inside
 * another row's thread names that row (`in_thread_of`). `thread_attempted_at` is when a forum post was first asked
 * for: a retry after it looks for the post an unanswered attempt may have made before asking again.
 */
export const threads: Migration = {
  version: 10,
  name: 'threads',
  sql: `
    ALTER TABLE subscriptions ADD COLUMN post_as TEXT NOT NULL DEFAULT 'message' CHECK (post_as IN ('message', 'thread', 'forum-post'));
    ALTER TABLE outbox ADD COLUMN thread_start_json TEXT;
    ALTER TABLE outbox ADD COLUMN in_thread_of INTEGER REFERENCES outbox (id);
    ALTER TABLE outbox ADD COLUMN thread_id TEXT;
    ALTER TABLE outbox ADD COLUMN thread_attempted_at INTEGER;
    CREATE INDEX outbox_by_thread ON outbox (thread_id) WHERE thread_id IS NOT NULL;
  `,
};

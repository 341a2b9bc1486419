import type { Migration } from '../../migrations/migration.js';

/** As SQLite's 017: indexes for flood control's counts, a story's alerts keyed story first, and deletes (retention, /unsubscribe). */
export const outboxAtScale: Migration = {
  version: 17,
  name: 'outbox at scale',
  sql: `
    DROP INDEX outbox_channel_recent;
    CREATE INDEX outbox_alerts_counted ON outbox (channel_id, created_at, kind, status) WHERE kind = 'alert' AND status != 'held';
    CREATE INDEX outbox_notices ON outbox (channel_id, notice_key, created_at) WHERE kind = 'notice';
    CREATE INDEX outbox_by_edited ON outbox (edits_outbox_id) WHERE edits_outbox_id IS NOT NULL;
    CREATE INDEX outbox_by_thread_start ON outbox (in_thread_of) WHERE in_thread_of IS NOT NULL;
    CREATE INDEX outbox_by_subscription ON outbox (subscription_id) WHERE subscription_id IS NOT NULL;
    CREATE INDEX quiet_holds_by_summary ON quiet_holds (summary_outbox_id) WHERE summary_outbox_id IS NOT NULL;
    CREATE INDEX quiet_holds_by_subscription ON quiet_holds (subscription_id);
    ALTER TABLE alerts DROP CONSTRAINT alerts_pkey, ADD PRIMARY KEY (story_id, channel_id);
    CREATE INDEX alerts_by_outbox ON alerts (outbox_id);
  `,
};

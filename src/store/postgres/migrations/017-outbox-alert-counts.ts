import type { Migration } from '../../migrations/migration.js';

/** As SQLite's 017: flood control's per-channel alert counts read from the index alone (status in the index). */
export const outboxAlertCounts: Migration = {
  version: 17,
  name: 'outbox alert counts',
  sql: `
    DROP INDEX outbox_channel_recent;
    CREATE INDEX outbox_channel_recent ON outbox (channel_id, kind, created_at, status);
  `,
};

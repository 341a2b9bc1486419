import type { Migration } from './migration.js';

/**
 * Flood control counts a channel's alerts of the last hour, held ones excluded, for every channel an item reaches.
 * With the status in the index the count is read from the index alone; before, each alert of the hour (most of
 * them held, in a busy channel) was a visit to its row, payload and all.
 */
export const outboxAlertCounts: Migration = {
  version: 17,
  name: 'outbox alert counts',
  sql: `
    DROP INDEX outbox_channel_recent;
    CREATE INDEX outbox_channel_recent ON outbox (channel_id, kind, created_at, status);
  `,
};

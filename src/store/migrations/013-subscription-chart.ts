import type { Migration } from './migration.js';

/** Whether a subscription's Monday digest carries a chart of the topic's week (`/subscribe topic chart:true`). */
export const subscriptionChart: Migration = {
  version: 13,
  name: 'subscription chart',
  sql: `ALTER TABLE subscriptions ADD COLUMN chart INTEGER NOT NULL DEFAULT 0;`,
};

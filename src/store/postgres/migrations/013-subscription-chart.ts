import type { Migration } from '../../migrations/migration.js';

/** As SQLite's 013: whether a subscription's Monday digest carries a chart. */
export const subscriptionChart: Migration = {
  version: 13,
  name: 'subscription chart',
  sql: `ALTER TABLE subscriptions ADD COLUMN chart boolean NOT NULL DEFAULT false;`,
};

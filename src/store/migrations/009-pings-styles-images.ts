import type { Migration } from './migration.js';

/**
 * Alert presentation per subscription and article images (issue 20): the role an alert pings (opt-in, NULL: none),
 * the alert style (full embed or one compact line), and the image an item's feed or page named (an https URL on a
 * public host, shown as the alert's thumbnail; never fetched by wirewatch).
 */
export const pingsStylesImages: Migration = {
  version: 9,
  name: 'role pings, alert styles and item images',
  sql: `
    ALTER TABLE subscriptions ADD COLUMN ping_role_id TEXT;
    ALTER TABLE subscriptions ADD COLUMN alert_style TEXT NOT NULL DEFAULT 'full' CHECK (alert_style IN ('full', 'compact'));
    ALTER TABLE items ADD COLUMN image_url TEXT;
  `,
};

import type { Migration } from '../../migrations/migration.js';

/** As SQLite's 009: the role an alert pings, the alert style, the item's image. */
export const pingsStylesImages: Migration = {
  version: 9,
  name: 'role pings, alert styles and item images',
  sql: `
    ALTER TABLE subscriptions ADD COLUMN ping_role_id text;
    ALTER TABLE subscriptions ADD COLUMN alert_style text NOT NULL DEFAULT 'full' CHECK (alert_style IN ('full', 'compact'));
    ALTER TABLE items ADD COLUMN image_url text;
  `,
};

import type { Migration } from '../../migrations/migration.js';

/**
 * As SQLite's 011: quiet hours and min_outlets, the alert decisions /why reads (with an id for their order, which
 * SQLite keeps as the rowid), and the quiet holds.
 */
export const quietHoursAndWhy: Migration = {
  version: 11,
  name: 'quiet hours and why',
  sql: `
    ALTER TABLE subscriptions ADD COLUMN quiet_hours text;
    ALTER TABLE subscriptions ADD COLUMN min_outlets integer NOT NULL DEFAULT 1 CHECK (min_outlets BETWEEN 1 AND 10);
    CREATE TABLE alert_decisions (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      item_id bigint NOT NULL REFERENCES items (id) ON DELETE CASCADE,
      subscription_id bigint NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
      channel_id text NOT NULL,
      action text NOT NULL CHECK (action IN ('post', 'edit', 'hold', 'skip')),
      reason text NOT NULL,
      detail text,
      outbox_id bigint REFERENCES outbox (id) ON DELETE SET NULL,
      decided_at bigint NOT NULL
    );
    CREATE INDEX alert_decisions_by_item ON alert_decisions (item_id, subscription_id);
    CREATE INDEX alert_decisions_by_subscription ON alert_decisions (subscription_id);
    CREATE INDEX alert_decisions_by_outbox ON alert_decisions (outbox_id) WHERE outbox_id IS NOT NULL;
    CREATE INDEX items_by_link ON items (link);
    CREATE TABLE quiet_holds (
      outbox_id bigint PRIMARY KEY REFERENCES outbox (id) ON DELETE CASCADE,
      subscription_id bigint NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
      guild_id text NOT NULL,
      channel_id text NOT NULL,
      headline text NOT NULL,
      link text,
      outlet text NOT NULL,
      held_at bigint NOT NULL,
      summary_outbox_id bigint REFERENCES outbox (id) ON DELETE SET NULL,
      released_at bigint
    );
    CREATE INDEX quiet_holds_waiting ON quiet_holds (subscription_id) WHERE released_at IS NULL;
  `,
};

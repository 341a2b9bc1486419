import type { Migration } from './migration.js';

/**
 * Quiet hours, "only when it spreads" and the record `/why` reads.
 * - `subscriptions.quiet_hours` ("22:00-07:00" in the subscription's time zone, NULL: none) and `min_outlets` (a story
 *   is alerted once that many outlets reported it; 1: at once).
 * - `alert_decisions`: what alert planning decided for an item and each subscription that brought it to a channel
 *   (posted, edited, held, skipped) with a reason code (and for a skip the planner's words, "1 of 2 outlets so far"),
 *   and the outbox row it wrote. Items, subscriptions and outbox
 *   rows are pruned on their own schedules: a decision goes with its item or subscription and forgets a pruned row.
 * - `quiet_holds`: alerts held during a subscription's quiet hours whose channel has no digest, until the one summary
 *   after the window lists them (`summary_outbox_id`, written in the transaction that queues the summary).
 */
export const quietHoursAndWhy: Migration = {
  version: 11,
  name: 'quiet hours and why',
  sql: `
    ALTER TABLE subscriptions ADD COLUMN quiet_hours TEXT;
    ALTER TABLE subscriptions ADD COLUMN min_outlets INTEGER NOT NULL DEFAULT 1 CHECK (min_outlets BETWEEN 1 AND 10);

    CREATE TABLE alert_decisions (
      item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
      subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
      channel_id TEXT NOT NULL,
      action TEXT NOT NULL CHECK (action IN ('post', 'edit', 'hold', 'skip')),
      reason TEXT NOT NULL,
      detail TEXT,
      outbox_id INTEGER REFERENCES outbox (id) ON DELETE SET NULL,
      decided_at INTEGER NOT NULL
    );
    CREATE INDEX alert_decisions_by_item ON alert_decisions (item_id, subscription_id);
    CREATE INDEX alert_decisions_by_subscription ON alert_decisions (subscription_id);
    CREATE INDEX alert_decisions_by_outbox ON alert_decisions (outbox_id) WHERE outbox_id IS NOT NULL;

    -- /why url: looks an article up by its link.
    CREATE INDEX items_by_link ON items (link);

    CREATE TABLE quiet_holds (
      outbox_id INTEGER PRIMARY KEY REFERENCES outbox (id) ON DELETE CASCADE,
      subscription_id INTEGER NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
      guild_id TEXT NOT NULL,
      channel_id TEXT NOT NULL,
      headline TEXT NOT NULL,
      link TEXT,
      outlet TEXT NOT NULL,
      held_at INTEGER NOT NULL,
      summary_outbox_id INTEGER REFERENCES outbox (id) ON DELETE SET NULL,
      released_at INTEGER
    );
    CREATE INDEX quiet_holds_waiting ON quiet_holds (subscription_id) WHERE released_at IS NULL;
  `,
};

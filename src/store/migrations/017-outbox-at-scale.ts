import type { Migration } from './migration.js';

/**
 * Indexes for an outbox of hundreds of thousands of rows (an item can alert thousands of channels):
 * - Flood control counts a channel's alerts of the last hour, held ones excluded, and finds its last flood notice: each
 *   from an index of just those rows, read from the index alone. The index they shared (channel, kind, time) had
 *   every row of the channel, held ones included (most, in a flooded channel), and a count visited each row.
 * - A story's alerts are keyed story first: an item's fan-out writes its rows side by side in the key, where keyed
 *   by channel each row touched a page of its own (every one written again at the commit).
 * - Deleting a row (an old outbox row by retention, a subscription by /unsubscribe) makes the database look for the
 *   rows that point at it; without an index on each pointing column that was a scan of the table per deleted row
 *   (20,000 outbox rows pruned in 21 s, 5,000 in 1.3 s; each /unsubscribe read the whole outbox).
 */
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

    CREATE TABLE alerts_by_story (
      channel_id TEXT NOT NULL,
      story_id TEXT NOT NULL,
      guild_id TEXT NOT NULL,
      outbox_id INTEGER NOT NULL REFERENCES outbox (id),
      content_json TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (story_id, channel_id)
    );
    INSERT INTO alerts_by_story SELECT channel_id, story_id, guild_id, outbox_id, content_json, created_at, updated_at FROM alerts;
    DROP TABLE alerts;
    ALTER TABLE alerts_by_story RENAME TO alerts;
    CREATE INDEX alerts_by_outbox ON alerts (outbox_id);
  `,
};

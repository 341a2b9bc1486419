import type { Migration } from './migration.js';

/**
 * Discord delivery: channel subscriptions, the durable outbox (a post is a row before it is sent) and
 * the alert each channel got for a story (so later outlets edit it instead of posting again).
 * Story ids are not foreign keys: the stories table belongs to another migration and ids stay meaningful
 * in the outbox even if a story is pruned.
 */
export const delivery: Migration = {
  version: 5,
  name: 'delivery',
  sql: `
    CREATE TABLE subscriptions (
      id INTEGER PRIMARY KEY,
      guild_id TEXT NOT NULL,
      channel_id TEXT NOT NULL,
      kind TEXT NOT NULL CHECK (kind IN ('topic', 'person')),
      target TEXT NOT NULL,
      mode TEXT NOT NULL CHECK (mode IN ('alerts', 'digest', 'both')),
      digest_time TEXT NOT NULL,
      timezone TEXT NOT NULL,
      quiet_note INTEGER NOT NULL DEFAULT 0,
      paused_at INTEGER,
      paused_reason TEXT,
      last_digest_at INTEGER,
      created_by TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      UNIQUE (channel_id, kind, target)
    );
    CREATE INDEX subscriptions_by_guild ON subscriptions (guild_id);
    CREATE INDEX subscriptions_by_target ON subscriptions (kind, target);

    CREATE TABLE outbox (
      id INTEGER PRIMARY KEY,
      guild_id TEXT NOT NULL,
      channel_id TEXT NOT NULL,
      subscription_id INTEGER REFERENCES subscriptions (id) ON DELETE SET NULL,
      kind TEXT NOT NULL CHECK (kind IN ('alert', 'alert-edit', 'digest', 'notice')),
      story_id TEXT,
      edits_outbox_id INTEGER REFERENCES outbox (id),
      notice_key TEXT,
      payload_json TEXT NOT NULL,
      nonce TEXT NOT NULL UNIQUE CHECK (length(nonce) <= 25),
      status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'held')),
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at INTEGER NOT NULL,
      last_error TEXT,
      message_id TEXT,
      created_at INTEGER NOT NULL,
      sent_at INTEGER
    );
    CREATE INDEX outbox_pending ON outbox (channel_id, id) WHERE status = 'pending';
    CREATE INDEX outbox_channel_recent ON outbox (channel_id, kind, created_at);

    CREATE TABLE alerts (
      channel_id TEXT NOT NULL,
      story_id TEXT NOT NULL,
      guild_id TEXT NOT NULL,
      outbox_id INTEGER NOT NULL REFERENCES outbox (id),
      content_json TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      PRIMARY KEY (channel_id, story_id)
    );
  `,
};

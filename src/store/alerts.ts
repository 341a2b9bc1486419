import type { Promised } from './promised.js';
import type { Db } from './database.js';
import type { OutboxStatus } from './outbox.js';
import { statement } from './prepared.js';

/** The alert a channel got for a story: the outbox row that posts it and what it shows. */
export interface StoryAlert {
  channelId: string;
  storyId: string;
  guildId: string;
  outboxId: number;
  /** What the alert shows, as stored (JSON): its reader validates it before re-rendering it for an edit. */
  contentJson: string;
  status: OutboxStatus;
  messageId: string | null;
  /** When it was posted, or queued when it is not sent yet. */
  postedAt: number;
  /** Its outbox row starts a thread (or forum post), where the story's later reports go. */
  startsThread: boolean;
}

interface AlertRow {
  channelId: string;
  storyId: string;
  guildId: string;
  outboxId: number;
  contentJson: string;
  status: OutboxStatus;
  messageId: string | null;
  sentAt: number | null;
  createdAt: number;
  startsThread: number;
}

const SELECT = `SELECT alerts.channel_id AS channelId, alerts.story_id AS storyId, alerts.guild_id AS guildId,
  alerts.outbox_id AS outboxId, alerts.content_json AS contentJson, outbox.status, outbox.message_id AS messageId,
  outbox.sent_at AS sentAt, outbox.created_at AS createdAt, outbox.thread_start_json IS NOT NULL AS startsThread
  FROM alerts JOIN outbox ON outbox.id = alerts.outbox_id`;

function toAlert(row: AlertRow): StoryAlert {
  return {
    channelId: row.channelId,
    storyId: row.storyId,
    guildId: row.guildId,
    outboxId: row.outboxId,
    contentJson: row.contentJson,
    status: row.status,
    messageId: row.messageId,
    postedAt: row.sentAt ?? row.createdAt,
    startsThread: row.startsThread === 1,
  };
}

/** Story → the alert message per channel, so later outlets edit it instead of posting again. */
export class SqliteAlertStore {
  constructor(private readonly db: Db) {}

  /** The alerts these channels got for a story (one query for every channel an item reaches). */
  forStoryInChannels(storyId: string, channelIds: readonly string[]): StoryAlert[] {
    const rows = statement(this.db, `${SELECT} WHERE alerts.story_id = ? AND alerts.channel_id IN (SELECT value FROM json_each(?))`)
      .all(storyId, JSON.stringify(channelIds)) as AlertRow[];
    return rows.map(toAlert);
  }

  /** Records (or replaces, after the edit window) the alert a channel got for a story. */
  record(alert: { channelId: string; storyId: string; guildId: string; outboxId: number; content: unknown }, now: number): void {
    statement(this.db, 
        `INSERT INTO alerts (channel_id, story_id, guild_id, outbox_id, content_json, created_at, updated_at)
         VALUES (@channelId, @storyId, @guildId, @outboxId, @contentJson, @now, @now)
         ON CONFLICT (channel_id, story_id) DO UPDATE SET outbox_id = excluded.outbox_id, content_json = excluded.content_json,
           created_at = excluded.created_at, updated_at = excluded.updated_at`,
      )
      .run({ ...alert, contentJson: JSON.stringify(alert.content), now });
  }

  /** Stores what an edited alert now shows. */
  updateContent(channelId: string, storyId: string, content: unknown, now: number): void {
    statement(this.db, `UPDATE alerts SET content_json = ?, updated_at = ? WHERE channel_id = ? AND story_id = ?`)
      .run(JSON.stringify(content), now, channelId, storyId);
  }
}

/** The alert store as both backends offer it (see promised.ts). */
export type AlertStore = Promised<SqliteAlertStore>;

import type { AlertStore } from '../alerts.js';
import type { StoryAlert } from '../alerts.js';
import type { OutboxStatus } from '../outbox.js';
import type { PgDatabase } from './connection.js';

interface AlertRow extends Omit<StoryAlert, 'postedAt'> {
  sentAt: number | null;
  createdAt: number;
}

const SELECT = `SELECT alerts.channel_id AS "channelId", alerts.story_id AS "storyId", alerts.guild_id AS "guildId",
  alerts.outbox_id AS "outboxId", alerts.content_json AS "contentJson", outbox.status, outbox.message_id AS "messageId",
  outbox.sent_at AS "sentAt", outbox.created_at AS "createdAt", outbox.thread_start_json IS NOT NULL AS "startsThread"
  FROM alerts JOIN outbox ON outbox.id = alerts.outbox_id`;

/** AlertStore on PostgreSQL; the content is handed back as the text stored. */
export class PgAlertStore implements AlertStore {
  constructor(private readonly db: PgDatabase) {}

  async forStoryInChannels(storyId: string, channelIds: readonly string[]): Promise<StoryAlert[]> {
    const rows = await this.db.all<AlertRow>(`${SELECT} WHERE alerts.story_id = $1 AND alerts.channel_id = ANY($2::text[])`, [storyId, channelIds]);
    return rows.map(({ sentAt, createdAt, ...alert }) => ({ ...alert, status: alert.status as OutboxStatus, postedAt: sentAt ?? createdAt }));
  }

  async record(alert: { channelId: string; storyId: string; guildId: string; outboxId: number; content: unknown }, now: number): Promise<void> {
    await this.db.run(
      `INSERT INTO alerts (channel_id, story_id, guild_id, outbox_id, content_json, created_at, updated_at)
       VALUES (@channelId, @storyId, @guildId, @outboxId, @contentJson, @now, @now)
       ON CONFLICT (channel_id, story_id) DO UPDATE SET outbox_id = excluded.outbox_id, content_json = excluded.content_json,
         created_at = excluded.created_at, updated_at = excluded.updated_at`,
      { ...alert, contentJson: JSON.stringify(alert.content), now },
    );
  }

  async updateContent(channelId: string, storyId: string, content: unknown, now: number): Promise<void> {
    await this.db.run(`UPDATE alerts SET content_json = $1, updated_at = $2 WHERE channel_id = $3 AND story_id = $4`, [JSON.stringify(content), now, channelId, storyId]);
  }
}

import type { SubscriptionStore } from '../subscriptions.js';
import { isDigestDue, subscriptionInputSchema, type Subscription, type SubscriptionInput } from '../subscriptions.js';
import type { PgDatabase } from './connection.js';

const COLUMNS = `id, guild_id AS "guildId", channel_id AS "channelId", kind, target, mode, digest_time AS "digestTime", timezone,
  quiet_note AS "quietNote", blindspots, chart, paused_at AS "pausedAt", paused_reason AS "pausedReason", last_digest_at AS "lastDigestAt",
  created_by AS "createdBy", created_at AS "createdAt", ping_role_id AS "pingRoleId", alert_style AS style,
  quiet_hours AS "quietHours", min_outlets AS "minOutlets", post_as AS "postAs"`;

/** SubscriptionStore on PostgreSQL. Text is ordered byte by byte (COLLATE "C"), as SQLite orders it. */
export class PgSubscriptionStore implements SubscriptionStore {
  constructor(private readonly db: PgDatabase) {}

  async add(input: SubscriptionInput, now: number): Promise<Subscription> {
    const valid = subscriptionInputSchema.parse(input);
    // Update first, insert only a new one (an upsert would draw an id each time, leaving gaps SQLite's ids lack).
    const row = await this.db.get<Subscription>(
      `WITH existing AS (SELECT guild_id FROM subscriptions WHERE channel_id = @channelId AND kind = @kind AND target = @target),
       updated AS (
         UPDATE subscriptions SET mode = @mode, digest_time = @digestTime, timezone = @timezone, quiet_note = @quietNote,
           blindspots = @blindspots, chart = @chart, ping_role_id = @pingRoleId, alert_style = @style, quiet_hours = @quietHours,
           min_outlets = @minOutlets, post_as = @postAs
         WHERE channel_id = @channelId AND kind = @kind AND target = @target AND guild_id = @guildId
         RETURNING ${COLUMNS}),
       inserted AS (
         INSERT INTO subscriptions (guild_id, channel_id, kind, target, mode, digest_time, timezone, quiet_note, blindspots, chart, created_by,
           created_at, ping_role_id, alert_style, quiet_hours, min_outlets, post_as)
         SELECT @guildId, @channelId, @kind, @target, @mode, @digestTime, @timezone, @quietNote, @blindspots, @chart, @createdBy, @now,
           @pingRoleId, @style, @quietHours, @minOutlets, @postAs
         WHERE NOT EXISTS (SELECT 1 FROM existing)
         ON CONFLICT (channel_id, kind, target) DO NOTHING
         RETURNING ${COLUMNS})
       SELECT * FROM updated UNION ALL SELECT * FROM inserted`,
      { ...valid, blindspots: valid.blindspots ?? false, chart: valid.chart ?? false, pingRoleId: valid.pingRoleId ?? null, style: valid.style ?? 'full', now },
    );
    // A channel belongs to one guild: another guild's subscription there is never changed.
    if (!row) throw new Error(`channel ${valid.channelId} already has a subscription of another guild`);
    return row;
  }

  async remove(guildId: string, id: number): Promise<boolean> {
    return (await this.db.run(`DELETE FROM subscriptions WHERE guild_id = $1 AND id = $2`, [guildId, id])) === 1;
  }

  async byId(id: number): Promise<Subscription | null> {
    return (await this.db.get<Subscription>(`SELECT ${COLUMNS} FROM subscriptions WHERE id = $1`, [id])) ?? null;
  }

  async listForGuild(guildId: string): Promise<Subscription[]> {
    return this.select(`guild_id = $1 ORDER BY channel_id COLLATE "C", kind COLLATE "C", target COLLATE "C"`, guildId);
  }

  async listForChannel(channelId: string): Promise<Subscription[]> {
    return this.select(`channel_id = $1 ORDER BY id`, channelId);
  }

  async listForTopics(topicIds: readonly string[]): Promise<Subscription[]> {
    if (topicIds.length === 0) return [];
    return this.select(`kind = 'topic' AND target = ANY($1::text[]) ORDER BY id`, topicIds);
  }

  async anyFollows(topicIds: readonly string[], personIds: readonly string[]): Promise<boolean> {
    return (
      (await this.db.value<boolean>(
        `SELECT EXISTS (SELECT 1 FROM subscriptions WHERE kind = 'topic' AND target = ANY($1::text[]))
           OR EXISTS (SELECT 1 FROM subscriptions WHERE kind = 'person' AND target = ANY($2::text[]))`,
        [topicIds, personIds],
      )) === true
    );
  }

  async listForTopic(topicId: string): Promise<Subscription[]> {
    return this.listForTopics([topicId]);
  }

  async listForPerson(personId: string): Promise<Subscription[]> {
    return this.select(`kind = 'person' AND target = $1 ORDER BY id`, personId);
  }

  async activeChannels(guildId?: string): Promise<{ guildId: string; channelId: string }[]> {
    return this.db.all(
      `SELECT guild_id AS "guildId", channel_id AS "channelId" FROM subscriptions
       WHERE paused_at IS NULL AND ($1::text IS NULL OR guild_id = $1) GROUP BY guild_id, channel_id ORDER BY guild_id COLLATE "C", channel_id COLLATE "C"`,
      [guildId ?? null],
    );
  }

  async pause(id: number, reason: string, now: number): Promise<boolean> {
    return (await this.db.run(`UPDATE subscriptions SET paused_at = $1, paused_reason = $2 WHERE id = $3 AND paused_at IS NULL`, [now, reason, id])) === 1;
  }

  async pauseChannel(channelId: string, reason: string, now: number): Promise<number> {
    return this.db.run(`UPDATE subscriptions SET paused_at = $1, paused_reason = $2 WHERE channel_id = $3 AND paused_at IS NULL`, [now, reason, channelId]);
  }

  async resume(id: number): Promise<boolean> {
    return (await this.db.run(`UPDATE subscriptions SET paused_at = NULL, paused_reason = NULL WHERE id = $1 AND paused_at IS NOT NULL`, [id])) === 1;
  }

  async resumeChannel(channelId: string): Promise<number> {
    return this.db.run(`UPDATE subscriptions SET paused_at = NULL, paused_reason = NULL WHERE channel_id = $1 AND paused_at IS NOT NULL`, [channelId]);
  }

  async dueForDigest(now: number): Promise<Subscription[]> {
    const active = await this.select(`paused_at IS NULL AND mode IN ('digest', 'both') ORDER BY channel_id COLLATE "C", id`);
    return active.filter((subscription) => isDigestDue(subscription, now));
  }

  async lockForDigest(ids: readonly number[]): Promise<Subscription[]> {
    // In id order, so that two runs locking overlapping sets wait for each other instead of deadlocking.
    return this.select(`id = ANY($1::bigint[]) ORDER BY id FOR UPDATE`, ids);
  }

  async markDigestSent(ids: readonly number[], at: number): Promise<void> {
    await this.db.run(`UPDATE subscriptions SET last_digest_at = $1 WHERE id = ANY($2::bigint[])`, [at, ids]);
  }

  private async select(where: string, ...params: unknown[]): Promise<Subscription[]> {
    return this.db.all<Subscription>(`SELECT ${COLUMNS} FROM subscriptions WHERE ${where}`, params);
  }
}

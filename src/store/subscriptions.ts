import type { Promised } from './promised.js';
import { z } from 'zod';
import type { Db } from './database.js';
import { statement } from './prepared.js';
import { parseQuietHours } from '../text/quiet-hours.js';
import { optionErrorText } from '../text/user-errors.js';

const SNOWFLAKE = /^\d{17,20}$/;
/** How a subscription's alerts look: a full embed, or one line (headline, outlet, link, topic). */
export const ALERT_STYLES = ['full', 'compact'] as const;
export type AlertStyle = (typeof ALERT_STYLES)[number];
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** A subscription as the slash command creates it; the command validates its options with this schema. */
export const subscriptionInputSchema = z
  .object({
    guildId: z.string().regex(SNOWFLAKE, 'a guild id is a Discord snowflake (17–20 digits)'),
    channelId: z.string().regex(SNOWFLAKE, 'a channel id is a Discord snowflake (17–20 digits)'),
    kind: z.enum(['topic', 'person']),
    target: z.string().regex(SLUG, 'a topic or person id is lower-case words joined by hyphens, e.g. "crimea"'),
    mode: z.enum(['alerts', 'digest', 'both']),
    digestTime: z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, 'a digest time is HH:MM in 24-hour time, e.g. "08:30"'),
    timezone: z.string().refine(isTimeZone, 'a time zone is an IANA name, e.g. "Europe/Kyiv" or "UTC"'),
    quietNote: z.boolean(),
    /** Digests add the stories only one side covered. */
    blindspots: z.boolean().optional(),
    /** Monday's digest carries a chart of the topic's week (absent: no). */
    chart: z.boolean().optional(),
    createdBy: z.string().min(1),
    // How its alerts look (issue 20): the one role they ping (opt-in; absent: none), a full embed or one line.
    pingRoleId: z.string().regex(SNOWFLAKE, 'a role id is a Discord snowflake (17–20 digits)').nullable().optional(),
    style: z.enum(ALERT_STYLES, { message: 'the style is "full" (an embed) or "compact" (one line)' }).optional(),
    // Delivery options (quiet hours, min_outlets): absent means none.
    quietHours: z.string().transform(toQuietHours).nullable().default(null),
    minOutlets: z.number().int().min(1).max(10, optionErrorText('min-outlets')).default(1),
    /** How alerts are posted: plain messages, each in a thread of its own, or as forum posts (a forum channel). */
    postAs: z.enum(['message', 'thread', 'forum-post']).default('message'),
  })
  .strict();

function toQuietHours(text: string, context: z.RefinementCtx): string {
  const parsed = parseQuietHours(text);
  if (parsed.ok) return parsed.text;
  context.addIssue({ code: z.ZodIssueCode.custom, message: parsed.problem });
  return z.NEVER;
}

export type SubscriptionInput = z.input<typeof subscriptionInputSchema>;
export type PostAs = z.output<typeof subscriptionInputSchema>['postAs'];
export type SubscriptionKind = SubscriptionInput['kind'];
export type SubscriptionMode = SubscriptionInput['mode'];

export interface Subscription extends z.output<typeof subscriptionInputSchema> {
  id: number;
  pingRoleId: string | null;
  style: AlertStyle;
  chart: boolean;
  pausedAt: number | null;
  pausedReason: string | null;
  lastDigestAt: number | null;
  createdAt: number;
}

const COLUMNS = `id, guild_id AS guildId, channel_id AS channelId, kind, target, mode, digest_time AS digestTime, timezone,
  quiet_note AS quietNote, blindspots, chart, paused_at AS pausedAt, paused_reason AS pausedReason, last_digest_at AS lastDigestAt,
  created_by AS createdBy, created_at AS createdAt, ping_role_id AS pingRoleId, alert_style AS style,
  quiet_hours AS quietHours, min_outlets AS minOutlets, post_as AS postAs`;

type SubscriptionRow = Omit<Subscription, 'quietNote' | 'blindspots' | 'chart'> & { quietNote: number; blindspots: number; chart: number };

function toSubscription(row: SubscriptionRow): Subscription {
  return { ...row, quietNote: row.quietNote === 1, blindspots: row.blindspots === 1, chart: row.chart === 1 };
}

/** Which channels want alerts or digests about which topics and people. One per (channel, kind, target). */
export class SqliteSubscriptionStore {
  constructor(private readonly db: Db) {}

  /** Adds a subscription, or replaces the options (mode, digest time, time zone, quiet note, blindspots, chart, ping, style, quiet hours, min_outlets, how it posts) of the channel's existing one. */
  add(input: SubscriptionInput, now: number): Subscription {
    const valid = subscriptionInputSchema.parse(input);
    const row = statement(this.db, 
        `INSERT INTO subscriptions (guild_id, channel_id, kind, target, mode, digest_time, timezone, quiet_note, blindspots, chart, created_by, created_at,
           ping_role_id, alert_style, quiet_hours, min_outlets, post_as)
         VALUES (@guildId, @channelId, @kind, @target, @mode, @digestTime, @timezone, @quietNote, @blindspots, @chart, @createdBy, @now, @pingRoleId, @style,
           @quietHours, @minOutlets, @postAs)
         ON CONFLICT (channel_id, kind, target) DO UPDATE SET mode = excluded.mode, digest_time = excluded.digest_time,
           timezone = excluded.timezone, quiet_note = excluded.quiet_note, blindspots = excluded.blindspots, chart = excluded.chart,
           ping_role_id = excluded.ping_role_id, alert_style = excluded.alert_style,
           quiet_hours = excluded.quiet_hours, min_outlets = excluded.min_outlets, post_as = excluded.post_as
         WHERE subscriptions.guild_id = excluded.guild_id
         RETURNING ${COLUMNS}`,
      )
      .get({ ...valid, quietNote: valid.quietNote ? 1 : 0, blindspots: valid.blindspots ? 1 : 0, chart: valid.chart ? 1 : 0, pingRoleId: valid.pingRoleId ?? null, style: valid.style ?? 'full', now }) as SubscriptionRow | undefined;
    // A channel belongs to one guild: another guild's subscription there is never changed.
    if (!row) throw new Error(`channel ${valid.channelId} already has a subscription of another guild`);
    return toSubscription(row);
  }

  /** Removes a guild's subscription; false when the guild has no such subscription. */
  remove(guildId: string, id: number): boolean {
    return statement(this.db, `DELETE FROM subscriptions WHERE guild_id = ? AND id = ?`).run(guildId, id).changes === 1;
  }

  byId(id: number): Subscription | null {
    const row = statement(this.db, `SELECT ${COLUMNS} FROM subscriptions WHERE id = ?`).get(id) as SubscriptionRow | undefined;
    return row ? toSubscription(row) : null;
  }

  listForGuild(guildId: string): Subscription[] {
    return this.select(`guild_id = ? ORDER BY channel_id, kind, target`, guildId);
  }

  listForChannel(channelId: string): Subscription[] {
    return this.select(`channel_id = ? ORDER BY id`, channelId);
  }

  /** Subscriptions (paused ones included) to any of these topics. */
  listForTopics(topicIds: readonly string[]): Subscription[] {
    if (topicIds.length === 0) return [];
    return this.select(`kind = 'topic' AND target IN (SELECT value FROM json_each(?)) ORDER BY id`, JSON.stringify(topicIds));
  }

  /** Whether any subscription (paused ones included) follows one of these topics or people. */
  anyFollows(topicIds: readonly string[], personIds: readonly string[]): boolean {
    return statement(this.db,
      `SELECT EXISTS (SELECT 1 FROM subscriptions WHERE kind = 'topic' AND target IN (SELECT value FROM json_each(?)))
         OR EXISTS (SELECT 1 FROM subscriptions WHERE kind = 'person' AND target IN (SELECT value FROM json_each(?)))`,
    ).pluck().get(JSON.stringify(topicIds), JSON.stringify(personIds)) === 1;
  }

  listForTopic(topicId: string): Subscription[] {
    return this.listForTopics([topicId]);
  }

  /** Subscriptions (paused ones included) to a person. */
  listForPerson(personId: string): Subscription[] {
    return this.select(`kind = 'person' AND target = ? ORDER BY id`, personId);
  }

  /** Channels with at least one subscription that is not paused, optionally only in one guild. */
  activeChannels(guildId?: string): { guildId: string; channelId: string }[] {
    return statement(this.db, 
        `SELECT DISTINCT guild_id AS guildId, channel_id AS channelId FROM subscriptions
         WHERE paused_at IS NULL AND (@guildId IS NULL OR guild_id = @guildId) ORDER BY guild_id, channel_id`,
      )
      .all({ guildId: guildId ?? null }) as { guildId: string; channelId: string }[];
  }

  /** Pauses one subscription; false when it does not exist or is already paused. */
  pause(id: number, reason: string, now: number): boolean {
    return statement(this.db, `UPDATE subscriptions SET paused_at = ?, paused_reason = ? WHERE id = ? AND paused_at IS NULL`).run(now, reason, id).changes === 1;
  }

  /** Pauses every active subscription of a channel (wirewatch cannot post there); returns how many it paused. */
  pauseChannel(channelId: string, reason: string, now: number): number {
    return statement(this.db, `UPDATE subscriptions SET paused_at = ?, paused_reason = ? WHERE channel_id = ? AND paused_at IS NULL`)
      .run(now, reason, channelId).changes;
  }

  /** Resumes one subscription; false when it does not exist or is not paused. */
  resume(id: number): boolean {
    return statement(this.db, `UPDATE subscriptions SET paused_at = NULL, paused_reason = NULL WHERE id = ? AND paused_at IS NOT NULL`).run(id).changes === 1;
  }

  /** Resumes every paused subscription of a channel; returns how many. */
  resumeChannel(channelId: string): number {
    return statement(this.db, `UPDATE subscriptions SET paused_at = NULL, paused_reason = NULL WHERE channel_id = ? AND paused_at IS NOT NULL`).run(channelId).changes;
  }

  /**
   * Active digest subscriptions whose latest scheduled digest time (digestTime in their time zone, at or before
   * `now`) has not been served yet: it is later than their last digest and than their creation.
   */
  dueForDigest(now: number): Subscription[] {
    return this.select(`paused_at IS NULL AND mode IN ('digest', 'both') ORDER BY channel_id, id`).filter((subscription) => isDigestDue(subscription, now));
  }

  /**
   * The subscriptions with these ids, locked until the transaction ends: the digest state read here stays true until
   * the transaction writes it. (PostgreSQL: FOR UPDATE, so a second scheduler waits, then reads the new state; a
   * SQLite write transaction has the whole file already.)
   */
  lockForDigest(ids: readonly number[]): Subscription[] {
    return this.select(`id IN (SELECT value FROM json_each(?))`, JSON.stringify(ids));
  }

  markDigestSent(ids: readonly number[], at: number): void {
    const update = statement(this.db, `UPDATE subscriptions SET last_digest_at = ? WHERE id = ?`);
    for (const id of ids) update.run(at, id);
  }

  private select(where: string, ...params: unknown[]): Subscription[] {
    return (statement(this.db, `SELECT ${COLUMNS} FROM subscriptions WHERE ${where}`).all(...params) as SubscriptionRow[]).map(toSubscription);
  }
}

/** The latest instant at or before `now` at which the wall clock in `timeZone` read `hhmm` (epoch ms). */
export function latestScheduledTime(hhmm: string, timeZone: string, now: number): number {
  const [hours = 0, minutes = 0] = hhmm.split(':').map(Number);
  const today = localDate(now, timeZone);
  for (const daysBack of [0, 1, 2]) {
    const candidate = zonedTimeToEpoch(today.year, today.month, today.day - daysBack, hours, minutes, timeZone);
    if (candidate <= now) return candidate;
  }
  throw new Error(`no ${hhmm} in ${timeZone} within two days before ${new Date(now).toISOString()}`);
}

/** Whether an active digest subscription's latest scheduled digest (at or before `now`) has not been served yet. */
export function isDigestDue(subscription: Subscription, now: number): boolean {
  const scheduled = latestScheduledTime(subscription.digestTime, subscription.timezone, now);
  // A digest missed while the bot was down goes out once on start-up, but only while it is still that day there.
  return scheduled > Math.max(subscription.lastDigestAt ?? -Infinity, subscription.createdAt) && sameLocalDay(scheduled, now, subscription.timezone);
}

function sameLocalDay(a: number, b: number, timeZone: string): boolean {
  const first = localDate(a, timeZone);
  const second = localDate(b, timeZone);
  return first.year === second.year && first.month === second.month && first.day === second.day;
}

function localDate(epoch: number, timeZone: string): { year: number; month: number; day: number } {
  const parts = zonedParts(epoch, timeZone);
  return { year: parts.year, month: parts.month, day: parts.day };
}

function zonedParts(epoch: number, timeZone: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute' | 'second', number> {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const values: Record<string, number> = {};
  for (const part of format.formatToParts(new Date(epoch))) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  return {
    year: values.year ?? 1970,
    month: values.month ?? 1,
    day: values.day ?? 1,
    hour: values.hour ?? 0,
    minute: values.minute ?? 0,
    second: values.second ?? 0,
  };
}

/**
 * The instant when the wall clock in a zone shows the given local time, disambiguated like Temporal's
 * "compatible": a time repeated when clocks go back is its first occurrence; a time skipped when clocks go
 * forward is read with the offset from before the jump, so it lands after the jump.
 */
function zonedTimeToEpoch(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const wallAsUtc = Date.UTC(year, month - 1, day, hour, minute);
  const DAY = 24 * 60 * 60 * 1000;
  const offsetBefore = offsetAt(wallAsUtc - DAY, timeZone);
  const offsetAfter = offsetAt(wallAsUtc + DAY, timeZone);
  const candidates = [wallAsUtc - offsetBefore, wallAsUtc - offsetAfter].sort((a, b) => a - b);
  const valid = candidates.find((candidate) => candidate + offsetAt(candidate, timeZone) === wallAsUtc);
  return valid ?? wallAsUtc - offsetBefore;
}

/** How far the zone's wall clock is ahead of UTC at an instant (ms). */
function offsetAt(epoch: number, timeZone: string): number {
  const parts = zonedParts(epoch, timeZone);
  const shownAsUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return shownAsUtc - Math.floor(epoch / 1000) * 1000;
}

/** The subscription store as both backends offer it (see promised.ts). */
export type SubscriptionStore = Promised<SqliteSubscriptionStore>;

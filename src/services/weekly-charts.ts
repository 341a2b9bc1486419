import { dayLabel, daysEnding } from '../charts/days.js';
import type { MessageBody, MessageFile } from '../discord/delivery/message-body.js';
import { escapeAndFit } from '../discord/render/discord-text.js';
import type { Subscription, SubscriptionStore } from '../store/subscriptions.js';
import { guildViewer } from '../store/visibility.js';
import { readTimeline, timelineChart, type TimelineDependencies } from './timeline.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const WEEK_DAYS = 7;
/** Charts in one digest at most (a channel subscribed to many topics gets the first few). */
const MAX_CHARTS_PER_DIGEST = 4;

export interface WeeklyChartDependencies extends TimelineDependencies {
  subscriptions: Pick<SubscriptionStore, 'dueForDigest'>;
  topicName: (topicId: string) => string;
}

/** Charts go with Monday's digest, Monday in the subscription's own time zone. */
export function isChartDay(now: number, timeZone: string): boolean {
  return new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' }).format(now) === 'Mon';
}

function wantsChart(subscription: Subscription, now: number): boolean {
  return subscription.kind === 'topic' && subscription.chart && subscription.mode !== 'alerts' && isChartDay(now, subscription.timezone);
}

/**
 * The chart messages of the digests due now: for each channel whose due digest is Monday's and has topic
 * subscriptions with `chart` on, one message with a chart per topic (at most four) of the week before: the seven
 * UTC days up to yesterday, counted as the channel's guild may see them. A topic without stories that week gets no chart.
 */
export async function weeklyDigestCharts(deps: WeeklyChartDependencies, now: number): Promise<Map<string, MessageBody>> {
  const byChannel = new Map<string, Subscription[]>();
  for (const subscription of await deps.subscriptions.dueForDigest(now)) {
    if (wantsChart(subscription, now)) byChannel.set(subscription.channelId, [...(byChannel.get(subscription.channelId) ?? []), subscription]);
  }
  const messages = new Map<string, MessageBody>();
  for (const [channelId, subscriptions] of byChannel) {
    const files: MessageFile[] = [];
    const lines: string[] = [];
    for (const subscription of subscriptions.slice(0, MAX_CHARTS_PER_DIGEST)) {
      const viewer = guildViewer(subscription.guildId);
      const topicName = deps.topicName(subscription.target);
      const read = await readTimeline(deps, { topicId: subscription.target, topicName, days: WEEK_DAYS, now: now - DAY_MS, viewer });
      if (read.timeline.distinctStories === 0) continue;
      const chart = await timelineChart(deps, read, viewer);
      files.push({ name: `week-${subscription.target}.png`, description: chart.altText, contentType: 'image/png', dataBase64: chart.png.toString('base64') });
      const [biggest] = chart.biggestDays;
      const stories = read.timeline.distinctStories;
      lines.push(`**${escapeAndFit(topicName, 100)}**: ${stories} ${stories === 1 ? 'story' : 'stories'}${biggest ? `, most on ${dayLabel(biggest.day, false)} (${biggest.stories})` : ''}`);
    }
    if (files.length === 0) continue;
    messages.set(channelId, {
      content: `**The week in charts**, ${weekSpan(now)} (UTC): stories per day by the side of the outlets that reported them.\n${lines.join('\n')}`,
      embeds: [],
      files,
      allowed_mentions: { parse: [] },
    });
  }
  return messages;
}

/** "3 Nov – 9 Nov 2026": the seven days before `now`'s day. */
function weekSpan(now: number): string {
  const week = daysEnding(now - DAY_MS, WEEK_DAYS);
  return `${dayLabel(week[0] ?? '', false)} – ${dayLabel(week[week.length - 1] ?? '')}`;
}

import type { AlertStyle } from '../store/subscriptions.js';
import type { DevelopmentAlertContent, QuoteAlertContent, StoryAlertContent } from './alert-content.js';
import { FloodControl, NO_STATE } from './flood-control.js';

/** What the pipeline knows about a processed item when it plans alerts. Times are epoch ms unless noted. */
export interface AlertPlanningInput {
  item: {
    id: number;
    title: string;
    link: string | null;
    outlet: string;
    /** As the feed gave it (ISO 8601 or RFC 822), or null. */
    publishedAt: string | null;
    fetchedAt: number;
    summary: string;
    /** The article's image (https, public host), or null. */
    imageUrl?: string | null;
    /** The outlet's side as coverage lines show it ("🇷🇺 state"); absent when not known. */
    side?: string;
  };
  story: {
    id: string;
    isNew: boolean;
    outlets: readonly string[];
    itemCount: number;
    /** Each outlet's side as coverage lines show it, by outlet name. */
    outletSides?: Readonly<Record<string, string>>;
  };
  /** Topics the item matched, best first, with a one-line explanation of why. */
  topics: readonly { topicId: string; topicName: string; explainSummary: string }[];
  keyQuote?: { quote: string; speaker: string | null; speakerLabel: string | null } | null;
  /** Quotes of tracked people in the item; `isNew` when the quotation was not seen before. */
  quotesByPerson: readonly PersonQuote[];
  /**
   * The guilds that may see the item: those that added its (private) feed. null: a public feed's item, for every
   * guild. Subscriptions of other guilds get nothing.
   */
  audience: readonly string[] | null;
  /** What the item adds to a story it joins (see `detectDevelopment`); absent or null for a plain re-report. */
  development?: { summary: string } | null;
}

export interface PersonQuote {
  personId: string;
  personName: string;
  quote: string;
  speakerLabel: string | null;
  isNew: boolean;
}

export interface PlanningSubscription {
  id: number;
  guildId: string;
  channelId: string;
  kind: 'topic' | 'person';
  target: string;
  mode: 'alerts' | 'digest' | 'both';
  pausedAt: number | null;
  /** The role its story alerts ping (opt-in; absent or null: none) and how they look (absent: full). */
  pingRoleId?: string | null;
  style?: AlertStyle;
  /** Quiet hours ("22:00-07:00") in `timezone`: alerts in them are held. Absent or null: none. */
  quietHours?: string | null;
  timezone?: string;
  /** A story is alerted once this many outlets reported it (absent or 1: at once). */
  minOutlets?: number;
}

/** What a channel already has, read from the store before planning. */
export interface ChannelAlertState {
  /** The channel's alert for this story, if any. */
  existingAlert: {
    outboxId: number;
    status: 'pending' | 'sent' | 'failed' | 'held';
    /** When it was posted (or queued, while pending). */
    postedAt: number;
    /** What it shows; null when it cannot be read back. */
    content: StoryAlertContent | null;
  } | null;
  /** Alerts posted or queued for the channel in the last hour (held ones excluded). */
  alertsInLastHour: number;
  lastFloodNoticeAt: number | null;
}

export interface AlertPlanningOptions {
  maxAlertsPerHour: number;
  /** Later outlets edit a channel's alert for the story within this window; after it they post anew. */
  editWindowMs: number;
  /** Items published longer ago than this (a feed backfilling its archive) never alert. */
  maxItemAgeMs: number;
}

export const DEFAULT_ALERT_PLANNING: AlertPlanningOptions = {
  maxAlertsPerHour: 10,
  editWindowMs: 24 * 60 * 60 * 1000,
  maxItemAgeMs: 48 * 60 * 60 * 1000,
};

export interface AlertTarget {
  channelId: string;
  guildId: string;
  /** The (first) subscription that brought the alert to this channel. */
  subscriptionId: number;
  /** Every subscription that brought it (what `/why` reports per subscription). */
  subscriptionIds: readonly number[];
  /** The channel has a digest for the matched subscriptions, so held alerts still reach it. */
  hasDigest: boolean;
}

export type PlannedAlert =
  /** `pingRoleIds`: the roles of the subscriptions that matched, pinged by this first post only. */
  | { kind: 'story'; content: StoryAlertContent; pingRoleIds: readonly string[] }
  | { kind: 'quote'; content: QuoteAlertContent }
  /** A follow-up to the channel's alert for the story: the item adds news, not just another outlet. */
  | { kind: 'development'; content: DevelopmentAlertContent };

export type AlertDecision =
  | { action: 'post'; target: AlertTarget; alert: PlannedAlert }
  | { action: 'edit'; target: AlertTarget; alertOutboxId: number; content: StoryAlertContent }
  /**
   * Not posted: flood control (for the digest; `notifyFlood` when the channel must be told) or quiet hours (for the
   * digest, or the summary at the window's end).
   */
  | { action: 'hold'; target: AlertTarget; alert: PlannedAlert; reason: 'flood' | 'quiet'; notifyFlood: boolean }
  | { action: 'skip'; target: AlertTarget; code: SkipCode; reason: string };

/**
 * Why a channel got nothing: its alert for the story was held, cannot be read back, already shows the outlet, is
 * compact (one outlet only), or too few outlets yet.
 */
export type SkipCode = 'held-story' | 'unreadable' | 'already-shown' | 'min-outlets' | 'compact';

/**
 * Decides, per channel, what an item means for it: a new alert, an edit of the alert it already has for the
 * story (another outlet, within the edit window) plus a follow-up when the item is a development, an alert held
 * back by flood control, or nothing.
 * Person subscriptions get one alert per newly quoted person.
 */
export function planAlerts(
  input: AlertPlanningInput,
  subscriptions: readonly PlanningSubscription[],
  channelStates: ReadonlyMap<string, ChannelAlertState>,
  now: number,
  options: AlertPlanningOptions = DEFAULT_ALERT_PLANNING,
): AlertDecision[] {
  const published = Date.parse(input.item.publishedAt ?? '');
  if (!Number.isNaN(published) && published < now - options.maxItemAgeMs) return [];
  const audience = input.audience === null ? null : new Set(input.audience);
  const active = subscriptions.filter(
    (subscription) => subscription.pausedAt === null && subscription.mode !== 'digest' && (audience === null || audience.has(subscription.guildId)),
  );
  const flood = new FloodControl(channelStates, now, options.maxAlertsPerHour);
  const time = new Date(Number.isNaN(published) ? input.item.fetchedAt : published).toISOString();
  const decisions: AlertDecision[] = [];

  for (const [channelId, channelSubscriptions] of groupByChannel(active.filter((s) => s.kind === 'topic'))) {
    const targets = new Set(channelSubscriptions.map((subscription) => subscription.target));
    const topics = input.topics.filter((topic) => targets.has(topic.topicId));
    if (topics.length === 0) continue;
    const matched = channelSubscriptions.filter((subscription) => topics.some((topic) => topic.topicId === subscription.target));
    const target = toTarget(matched);
    const existing = (channelStates.get(channelId) ?? NO_STATE).existingAlert;
    if (existing && existing.status !== 'failed' && now - existing.postedAt <= options.editWindowMs) {
      decisions.push(planEdit(input, target, existing, topics));
      // A development is news the channel subscribed for: a short follow-up post, not only an edit nobody sees.
      if (input.development && existing.status !== 'held') {
        const content: DevelopmentAlertContent = { storyId: input.story.id, development: input.development.summary, headline: input.item.title, link: input.item.link, outlet: input.item.outlet, time };
        decisions.push(flood.admit(target, matched, { kind: 'development', content }));
      }
      continue;
    }
    // Only when it spreads: the alert waits for the N-th outlet (the channel's least demanding subscription decides).
    const needed = Math.min(...matched.map((subscription) => subscription.minOutlets ?? 1));
    const outlets = new Set([...input.story.outlets, input.item.outlet]).size;
    if (outlets < needed) {
      decisions.push({ action: 'skip', target, code: 'min-outlets', reason: `${outlets} of ${needed} outlets so far` });
      continue;
    }
    // Only the subscriptions whose topic the item matched decide the ping and the style.
    const pingRoleIds = [...new Set(matched.flatMap((subscription) => (subscription.pingRoleId ? [subscription.pingRoleId] : [])))];
    const style: AlertStyle = matched.every((subscription) => subscription.style === 'compact') ? 'compact' : 'full';
    decisions.push(flood.admit(target, matched, { kind: 'story', content: { ...storyContent(input, topics, time), style }, pingRoleIds }));
  }

  const firstNewQuotes = new Map<string, PersonQuote>();
  for (const quote of input.quotesByPerson) {
    if (quote.isNew && !firstNewQuotes.has(quote.personId)) firstNewQuotes.set(quote.personId, quote);
  }
  for (const quote of firstNewQuotes.values()) {
    const personSubscriptions = active.filter((s) => s.kind === 'person' && s.target === quote.personId);
    for (const channelSubscriptions of groupByChannel(personSubscriptions).values()) {
      const content: QuoteAlertContent = {
        personId: quote.personId,
        personName: quote.personName,
        quote: quote.quote,
        speakerLabel: quote.speakerLabel,
        headline: input.item.title,
        link: input.item.link,
        outlet: input.item.outlet,
        time,
      };
      decisions.push(flood.admit(toTarget(channelSubscriptions), channelSubscriptions, { kind: 'quote', content }));
    }
  }
  return decisions;
}

function planEdit(
  input: AlertPlanningInput,
  target: AlertTarget,
  existing: NonNullable<ChannelAlertState['existingAlert']>,
  topics: AlertPlanningInput['topics'],
): AlertDecision {
  if (existing.status === 'held') return { action: 'skip', target, code: 'held-story', reason: 'the story was held for the digest' };
  if (!existing.content) return { action: 'skip', target, code: 'unreadable', reason: 'the existing alert cannot be read back to edit it' };
  if (existing.content.style === 'compact') return { action: 'skip', target, code: 'compact', reason: 'a compact alert shows its first outlet only' };
  const content = existing.content;
  const shown = new Set([content.outlet, ...content.alsoReportedBy.map((entry) => entry.outlet)]);
  const added: StoryAlertContent['alsoReportedBy'] = [];
  const candidates = [{ outlet: input.item.outlet, link: input.item.link }, ...input.story.outlets.map((outlet) => ({ outlet, link: null }))]
    .map((candidate) => withSide(candidate, input));
  for (const candidate of candidates) {
    if (shown.has(candidate.outlet)) continue;
    shown.add(candidate.outlet);
    added.push(candidate);
  }
  if (added.length === 0) return { action: 'skip', target, code: 'already-shown', reason: `${input.item.outlet} is already on the alert` };
  const knownTopics = new Set(content.topics.map((topic) => topic.topicId));
  return {
    action: 'edit',
    target,
    alertOutboxId: existing.outboxId,
    content: {
      ...content,
      topics: [...content.topics, ...topics.filter((topic) => !knownTopics.has(topic.topicId))],
      alsoReportedBy: [...content.alsoReportedBy, ...added],
    },
  };
}

function storyContent(input: AlertPlanningInput, topics: AlertPlanningInput['topics'], time: string): StoryAlertContent {
  return {
    storyId: input.story.id,
    headline: input.item.title,
    link: input.item.link,
    outlet: input.item.outlet,
    ...(input.item.side ? { side: input.item.side } : {}),
    time,
    summary: input.item.summary,
    keyQuote: input.keyQuote ? { quote: input.keyQuote.quote, speaker: input.keyQuote.speaker, speakerLabel: input.keyQuote.speakerLabel } : null,
    topics: topics.map(({ topicId, topicName, explainSummary }) => ({ topicId, topicName, explainSummary })),
    // Outlets that carried the story before this channel's first alert about it.
    alsoReportedBy: [...new Set(input.story.outlets)].filter((outlet) => outlet !== input.item.outlet).map((outlet) => withSide({ outlet, link: null }, input)),
    image: input.item.imageUrl ?? null,
  };
}

/** The outlet with its side, when the input knows it. */
function withSide(entry: { outlet: string; link: string | null }, input: AlertPlanningInput): StoryAlertContent['alsoReportedBy'][number] {
  const side = entry.outlet === input.item.outlet ? input.item.side : input.story.outletSides?.[entry.outlet];
  return side ? { ...entry, side } : entry;
}

function groupByChannel(subscriptions: readonly PlanningSubscription[]): Map<string, PlanningSubscription[]> {
  const groups = new Map<string, PlanningSubscription[]>();
  for (const subscription of subscriptions) {
    const group = groups.get(subscription.channelId) ?? [];
    group.push(subscription);
    groups.set(subscription.channelId, group);
  }
  return groups;
}

/** The channel's target for the subscriptions that bring an alert there (those whose topic or person it concerns). */
function toTarget(bringing: readonly PlanningSubscription[]): AlertTarget {
  const [first] = bringing;
  if (!first) throw new Error('a channel group always has a subscription');
  return {
    channelId: first.channelId,
    guildId: first.guildId,
    subscriptionId: first.id,
    subscriptionIds: bringing.map((subscription) => subscription.id),
    hasDigest: bringing.some((subscription) => subscription.mode === 'both'),
  };
}

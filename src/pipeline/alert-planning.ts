import type { DevelopmentAlertContent, QuoteAlertContent, StoryAlertContent } from './alert-content.js';

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

const HOUR = 60 * 60 * 1000;

export interface AlertTarget {
  channelId: string;
  guildId: string;
  /** The (first) subscription that brought the alert to this channel. */
  subscriptionId: number;
  /** The channel has a digest for the matched subscriptions, so held alerts still reach it. */
  hasDigest: boolean;
}

export type PlannedAlert =
  | { kind: 'story'; content: StoryAlertContent }
  | { kind: 'quote'; content: QuoteAlertContent }
  /** A follow-up to the channel's alert for the story: the item adds news, not just another outlet. */
  | { kind: 'development'; content: DevelopmentAlertContent };

export type AlertDecision =
  | { action: 'post'; target: AlertTarget; alert: PlannedAlert }
  | { action: 'edit'; target: AlertTarget; alertOutboxId: number; content: StoryAlertContent }
  /** Flood control: recorded for the digest, not posted; `notifyFlood` when the channel must be told. */
  | { action: 'hold'; target: AlertTarget; alert: PlannedAlert; notifyFlood: boolean }
  | { action: 'skip'; target: AlertTarget; reason: string };

const NO_STATE: ChannelAlertState = { existingAlert: null, alertsInLastHour: 0, lastFloodNoticeAt: null };

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
    const target = toTarget(channelSubscriptions);
    const existing = (channelStates.get(channelId) ?? NO_STATE).existingAlert;
    if (existing && existing.status !== 'failed' && now - existing.postedAt <= options.editWindowMs) {
      decisions.push(planEdit(input, target, existing, topics));
      // A development is news the channel subscribed for: a short follow-up post, not only an edit nobody sees.
      if (input.development && existing.status !== 'held') {
        const content: DevelopmentAlertContent = { storyId: input.story.id, development: input.development.summary, headline: input.item.title, link: input.item.link, outlet: input.item.outlet, time };
        decisions.push(flood.admit(target, { kind: 'development', content }));
      }
      continue;
    }
    decisions.push(flood.admit(target, { kind: 'story', content: storyContent(input, topics, time) }));
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
      decisions.push(flood.admit(toTarget(channelSubscriptions), { kind: 'quote', content }));
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
  if (existing.status === 'held') return { action: 'skip', target, reason: 'the story was held for the digest' };
  if (!existing.content) return { action: 'skip', target, reason: 'the existing alert cannot be read back to edit it' };
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
  if (added.length === 0) return { action: 'skip', target, reason: `${input.item.outlet} is already on the alert` };
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
  };
}

/** The outlet with its side, when the input knows it. */
function withSide(entry: { outlet: string; link: string | null }, input: AlertPlanningInput): StoryAlertContent['alsoReportedBy'][number] {
  const side = entry.outlet === input.item.outlet ? input.item.side : input.story.outletSides?.[entry.outlet];
  return side ? { ...entry, side } : entry;
}

/** At most `max` alerts per channel per hour, counting those queued earlier and those planned now. */
class FloodControl {
  private readonly planned = new Map<string, number>();
  private readonly notified = new Set<string>();

  constructor(
    private readonly states: ReadonlyMap<string, ChannelAlertState>,
    private readonly now: number,
    private readonly max: number,
  ) {}

  admit(target: AlertTarget, alert: PlannedAlert): AlertDecision {
    const state = this.states.get(target.channelId) ?? NO_STATE;
    const count = state.alertsInLastHour + (this.planned.get(target.channelId) ?? 0);
    if (count < this.max) {
      this.planned.set(target.channelId, (this.planned.get(target.channelId) ?? 0) + 1);
      return { action: 'post', target, alert };
    }
    const toldRecently = state.lastFloodNoticeAt !== null && state.lastFloodNoticeAt > this.now - HOUR;
    const notifyFlood = !toldRecently && !this.notified.has(target.channelId);
    this.notified.add(target.channelId);
    return { action: 'hold', target, alert, notifyFlood };
  }
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

function toTarget(channelSubscriptions: readonly PlanningSubscription[]): AlertTarget {
  const [first] = channelSubscriptions;
  if (!first) throw new Error('a channel group always has a subscription');
  return {
    channelId: first.channelId,
    guildId: first.guildId,
    subscriptionId: first.id,
    hasDigest: channelSubscriptions.some((subscription) => subscription.mode === 'both'),
  };
}

import type { TopicExplanation } from '../analysis/topics/index.js';
import { quietHoursText } from '../text/quiet-hours.js';
import { numberText } from '../text/number-text.js';
import { DEFAULT_ALERT_PLANNING } from './alert-planning.js';

/**
 * `/why`: what became of an article (or a story's reports) in one guild, from what was stored when it was processed.
 * Plain data in, plain sentences out (the command escapes and lays them out).
 */

export interface WhyTopic {
  topicId: string;
  topicName: string;
  /** The stored explanation (matched topics) or the evaluation of the item now (near misses); undefined: unreadable. */
  explain: TopicExplanation | undefined;
}

export interface WhySubscription {
  id: number;
  channelId: string;
  kind: 'topic' | 'person';
  target: string;
  /** The topic's or person's name. */
  targetName: string;
  mode: 'alerts' | 'digest' | 'both';
  pausedAt: number | null;
  pausedReason: string | null;
  createdAt: number;
  quietHours: string | null;
  timezone: string;
}

/** One stored planning decision (see AlertDecisionStore). */
export interface WhyDecision {
  itemId: number;
  subscriptionId: number;
  action: 'post' | 'edit' | 'hold' | 'skip';
  reason: string;
  detail: string | null;
  outboxId: number | null;
}

export interface WhyOutboxRow {
  status: 'pending' | 'sent' | 'failed' | 'held';
  attempts: number;
  /** Present when the row is held for quiet hours without a digest: whether the summary listing it was queued. */
  quietHold: { released: boolean } | null;
}

export interface WhyFacts {
  item: { id: number; fromInitialPoll: boolean; fetchedAt: number; publishedAt: number | null };
  /** Topics of this guild (shipped or its own) the item matched, best first. */
  matched: readonly WhyTopic[];
  /** This guild's topics the item did not match, evaluated: near misses and subscribed topics. */
  unmatched: readonly WhyTopic[];
  /** Every subscription of the guild. */
  subscriptions: readonly WhySubscription[];
  /** The guild's decisions about the item (or the story's reports), oldest first. */
  decisions: readonly WhyDecision[];
  outbox: ReadonlyMap<number, WhyOutboxRow>;
}

export type DeliveryState = 'queued' | 'sent' | 'retrying' | 'failed' | 'paused' | 'held';

export interface SubscriptionVerdict {
  subscription: WhySubscription;
  got: boolean;
  reason: string;
  delivery: DeliveryState | null;
}

export interface WhyAnswer {
  matched: { topic: WhyTopic; line: string }[];
  nearlyMatched: { topic: WhyTopic; line: string }[];
  subscriptions: SubscriptionVerdict[];
}

/** Near misses shown: those scoring at least this share of their threshold, best first, at most this many. */
const NEAR_SHARE = 0.5;
const NEAR_SHOWN = 3;
/**
 * Of several decisions for one subscription (a story's reports, an edit and a follow-up), the most telling wins: the
 * story's alert, then any other post, a hold, an edit, a skip; among equals the latest.
 */
function rank(decision: WhyDecision): number {
  if (decision.action === 'post') return decision.reason === 'story' ? 5 : 4;
  return { hold: 3, edit: 2, skip: 1 }[decision.action];
}

export function explainWhy(facts: WhyFacts): WhyAnswer {
  const nearlyMatched = facts.unmatched
    .filter((topic) => topic.explain && topic.explain.status !== 'matched' && topic.explain.score > 0 && topic.explain.score >= topic.explain.threshold * NEAR_SHARE)
    .sort((a, b) => share(b) - share(a))
    .slice(0, NEAR_SHOWN);
  const subscriptions = facts.subscriptions.map((subscription) => verdict(facts, subscription));
  subscriptions.sort((a, b) => Number(b.got) - Number(a.got));
  // The topics the guild subscribed to come first: they are what the question is about.
  const subscribed = new Set(facts.subscriptions.flatMap((subscription) => (subscription.kind === 'topic' ? [subscription.target] : [])));
  const matched = [...facts.matched].sort((a, b) => Number(subscribed.has(b.topicId)) - Number(subscribed.has(a.topicId)));
  return {
    matched: matched.map((topic) => ({ topic, line: scoreLine(topic.explain) })),
    nearlyMatched: nearlyMatched.map((topic) => ({ topic, line: scoreLine(topic.explain) })),
    subscriptions,
  };
}

function share(topic: WhyTopic): number {
  return topic.explain ? topic.explain.score / Math.max(topic.explain.threshold, 0.01) : 0;
}

/** "score 7 of 4 needed: “Zelensky” (title), “White House” (lede)": the words that counted, as stored. */
export function scoreLine(explain: TopicExplanation | undefined): string {
  if (!explain) return 'matched (its explanation cannot be read back)';
  const score = `score ${numberText(round(explain.score))} of ${numberText(round(explain.threshold))} needed`;
  if (explain.status === 'excluded' && explain.excludedBy) return `${score}, but excluded by “${explain.excludedBy.text}”`;
  if (explain.status === 'missing-context') return `${score}, but no context word occurred`;
  if (explain.status === 'missing-required') return `${score}, but a required rule did not occur (${(explain.missing ?? []).join(', ')})`;
  const words = [...new Set(explain.signals.flatMap((signal) => signal.hits.map((hit) => `“${hit.text}” (${hit.field})`)))].slice(0, 6);
  return words.length > 0 ? `${score}: ${words.join(', ')}` : score;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function verdict(facts: WhyFacts, subscription: WhySubscription): SubscriptionVerdict {
  const own = facts.decisions.filter((decision) => decision.subscriptionId === subscription.id);
  const decision = own.reduce<WhyDecision | null>((best, next) => (best === null || rank(next) >= rank(best) ? next : best), null);
  if (decision) {
    const row = decision.outboxId === null ? undefined : facts.outbox.get(decision.outboxId);
    // A development is posted besides the edit of the story's alert: say both.
    const edited = decision.reason === 'development' && own.some((other) => other.action === 'edit' && other.itemId === decision.itemId);
    return {
      subscription,
      got: decision.action === 'post' || decision.action === 'edit',
      reason: edited ? `the alert was edited to add this outlet, and ${decisionReason(decision, subscription, row)}` : decisionReason(decision, subscription, row),
      delivery: row ? deliveryState(row, subscription) : null,
    };
  }
  return { subscription, got: false, reason: undecidedReason(facts, subscription), delivery: null };
}

function decisionReason(decision: WhyDecision, subscription: WhySubscription, row: WhyOutboxRow | undefined): string {
  const quiet = `quiet hours (${quietHoursText(subscription.quietHours ?? '')} ${subscription.timezone})`;
  const hasDigest = subscription.mode === 'both';
  switch (`${decision.action}:${decision.reason}`) {
    case 'post:story':
      return 'alerted';
    case 'post:development':
      return 'a follow-up post: the report adds news to a story already alerted here';
    case 'post:quote':
      return `alerted: a new quote of ${subscription.targetName}`;
    case 'edit:later-report':
      return 'a later report of a story already alerted here: the alert was edited to add this outlet, not posted again';
    case 'hold:quiet':
      if (row?.quietHold) return `held: ${quiet}; ${row.quietHold.released ? 'listed in the summary posted when they ended' : 'it will be listed in one summary when they end'}`;
      return `held: ${quiet}; the story goes in the next digest`;
    case 'hold:flood':
      return `held by flood control (too many alerts in an hour here); ${hasDigest ? 'the story goes in the digest' : 'this channel has no digest, so it was not posted'}`;
    case 'skip:min-outlets':
      return `min_outlets not reached: ${decision.detail ?? 'too few outlets'} when this report arrived`;
    case 'skip:held-story':
      return 'a later report of a story held here earlier (quiet hours or flood control): not posted';
    case 'skip:already-shown':
      return 'a later report of a story already alerted here, whose alert already names this outlet';
    case 'skip:compact':
      return 'a later report of a story alerted here in compact style, which names its first outlet only';
    case 'skip:unreadable':
      return 'a later report of a story alerted here, whose alert could not be read back to edit';
    case 'skip:paused':
      return `the subscription was paused${subscription.pausedReason ? `: ${subscription.pausedReason}` : ''}`;
    default:
      return 'not alerted';
  }
}

/** No decision was stored: the item never reached planning for this subscription, and the stored facts say why. */
function undecidedReason(facts: WhyFacts, subscription: WhySubscription): string {
  if (subscription.createdAt > facts.item.fetchedAt) return 'subscribed after this article arrived';
  if (subscription.kind === 'person') return `the article brought no new quote of ${subscription.targetName}`;
  const matched = facts.matched.some((topic) => topic.topicId === subscription.target);
  if (!matched) {
    const evaluated = facts.unmatched.find((topic) => topic.topicId === subscription.target)?.explain;
    if (!evaluated || evaluated.score === 0) return 'below threshold: no word of the topic counted';
    if (evaluated.status === 'matched') return 'the topic did not match when the article arrived; its rules have changed since, and it would now';
    return `below threshold: ${scoreLine(evaluated)}`;
  }
  if (facts.item.fromInitialPoll) return 'first poll of its feed: what a feed already carries when it is added is history, never alerted';
  if (subscription.mode === 'digest') return 'digest only: the story goes in the digest, not in an alert';
  if (subscription.pausedAt !== null) return `the subscription is paused${subscription.pausedReason ? `: ${subscription.pausedReason}` : ''}`;
  const published = facts.item.publishedAt;
  if (published !== null && published < facts.item.fetchedAt - DEFAULT_ALERT_PLANNING.maxItemAgeMs) {
    return 'published more than 48 hours before it arrived: too old to alert';
  }
  return 'no alert was planned (its processing may have failed: the log has the details)';
}

/** What the outbox row of a decision is doing. */
export function deliveryState(row: WhyOutboxRow, subscription: WhySubscription): DeliveryState {
  if (row.status === 'sent' || row.status === 'held') return row.status;
  if (subscription.pausedAt !== null) return 'paused';
  if (row.status === 'failed') return 'failed';
  return row.attempts > 0 ? 'retrying' : 'queued';
}

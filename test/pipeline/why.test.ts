import { describe, expect, it } from 'vitest';
import type { TopicExplanation } from '../../src/analysis/topics/index.js';
import { explainWhy, type WhyDecision, type WhyFacts, type WhyOutboxRow, type WhySubscription } from '../../src/pipeline/why.js';

const FETCHED = Date.UTC(2025, 7, 18, 12, 0);

function explanation(score: number, threshold: number, status: TopicExplanation['status'] = score >= threshold ? 'matched' : 'below-threshold'): TopicExplanation {
  return {
    status,
    score,
    threshold,
    signals: score > 0 ? [{ rule: 'anyOf[0]', field: 'title', weight: score, fieldWeight: 1, points: score, hits: [{ term: 'ceasefire', field: 'title', text: 'ceasefire' }] }] : [],
  };
}

function subscription(id: number, target: string, overrides: Partial<WhySubscription> = {}): WhySubscription {
  return { id, channelId: `c${id}`, kind: 'topic', target, targetName: target, mode: 'alerts', pausedAt: null, pausedReason: null, createdAt: FETCHED - 1000, quietHours: null, timezone: 'UTC', ...overrides };
}

function facts(overrides: Partial<WhyFacts>): WhyFacts {
  return {
    item: { id: 1, fromInitialPoll: false, fetchedAt: FETCHED, publishedAt: FETCHED - 60_000 },
    matched: [{ topicId: 'talks', topicName: 'Talks', explain: explanation(5, 3) }],
    unmatched: [
      { topicId: 'truce', topicName: 'Truce', explain: explanation(2, 3) },
      { topicId: 'strikes', topicName: 'Strikes', explain: explanation(0.5, 3) },
    ],
    subscriptions: [],
    decisions: [],
    outbox: new Map(),
    ...overrides,
  };
}

function decision(subscriptionId: number, action: WhyDecision['action'], reason: string, outboxId: number | null = null, detail: string | null = null): WhyDecision {
  return { itemId: 1, subscriptionId, action, reason, detail, outboxId };
}

function row(status: WhyOutboxRow['status'], attempts = 0, quietHold: WhyOutboxRow['quietHold'] = null): WhyOutboxRow {
  return { status, attempts, quietHold };
}

describe('explainWhy', () => {
  it('lists matched topics with their score and words, and near misses at half their threshold or more', () => {
    const answer = explainWhy(facts({}));
    expect(answer.matched.map((entry) => entry.line)).toEqual(['score 5 of 3 needed: “ceasefire” (title)']);
    expect(answer.nearlyMatched.map((entry) => entry.topic.topicId)).toEqual(['truce']);
  });

  it('says why each subscription got the article or not, from the stored decisions and the message states', () => {
    const subscriptions = [
      subscription(1, 'talks'),
      subscription(2, 'talks', { quietHours: '22:00-07:00', timezone: 'Europe/Kyiv' }),
      subscription(3, 'talks', { quietHours: '22:00-07:00', mode: 'both' }),
      subscription(4, 'talks'),
      subscription(5, 'talks', { pausedAt: FETCHED, pausedReason: 'Missing Permissions' }),
      subscription(6, 'talks'),
      subscription(7, 'talks'),
      subscription(8, 'talks'),
      subscription(9, 'talks'),
      subscription(10, 'talks', { mode: 'both' }),
    ];
    const decisions = [
      decision(1, 'post', 'story', 11),
      decision(2, 'hold', 'quiet', 12),
      decision(3, 'hold', 'quiet', 13),
      decision(4, 'skip', 'min-outlets', null, '1 of 3 outlets so far'),
      decision(5, 'post', 'story', 15),
      decision(6, 'edit', 'later-report', 16),
      decision(7, 'skip', 'held-story'),
      decision(8, 'post', 'story', 18),
      decision(9, 'post', 'story', 19),
      decision(10, 'hold', 'flood', 20),
    ];
    const outbox = new Map([
      [11, row('sent')], [12, row('held', 0, { released: false })], [13, row('held')], [15, row('pending')],
      [16, row('pending')], [18, row('pending', 2)], [19, row('failed', 5)], [20, row('held')],
    ]);
    const verdicts = explainWhy(facts({ subscriptions, decisions, outbox })).subscriptions;
    const byId = new Map(verdicts.map((verdict) => [verdict.subscription.id, verdict]));
    expect(byId.get(1)).toMatchObject({ got: true, reason: 'alerted', delivery: 'sent' });
    expect(byId.get(2)).toMatchObject({ got: false, reason: 'held: quiet hours (22:00–07:00 Europe/Kyiv); it will be listed in one summary when they end', delivery: 'held' });
    expect(byId.get(3)?.reason).toBe('held: quiet hours (22:00–07:00 UTC); the story goes in the next digest');
    expect(byId.get(4)).toMatchObject({ got: false, reason: 'min_outlets not reached: 1 of 3 outlets so far when this report arrived', delivery: null });
    expect(byId.get(5)).toMatchObject({ got: true, delivery: 'paused' });
    expect(byId.get(6)).toMatchObject({ got: true, reason: expect.stringContaining('edited to add this outlet'), delivery: 'queued' });
    expect(byId.get(7)?.reason).toContain('held here earlier');
    expect(byId.get(8)?.delivery).toBe('retrying');
    expect(byId.get(9)?.delivery).toBe('failed');
    expect(byId.get(10)?.reason).toBe('held by flood control (too many alerts in an hour here); the story goes in the digest');
    expect(verdicts.slice(0, 4).every((verdict) => verdict.got)).toBe(true);
  });

  it('explains subscriptions that never reached planning from the item, the topics and the subscription', () => {
    const reasonOf = (overrides: Partial<WhyFacts>, target: WhySubscription) => explainWhy(facts({ ...overrides, subscriptions: [target] })).subscriptions[0]?.reason;
    expect(reasonOf({}, subscription(1, 'truce'))).toBe('below threshold: score 2 of 3 needed: “ceasefire” (title)');
    expect(reasonOf({}, subscription(1, 'elsewhere'))).toBe('below threshold: no word of the topic counted');
    const edited = { unmatched: [{ topicId: 'truce', topicName: 'Truce', explain: explanation(4, 3) }] };
    expect(reasonOf(edited, subscription(1, 'truce'))).toContain('its rules have changed since');
    expect(explainWhy(facts(edited)).nearlyMatched).toEqual([]);
    expect(reasonOf({ item: { id: 1, fromInitialPoll: true, fetchedAt: FETCHED, publishedAt: null } }, subscription(1, 'talks'))).toContain('first poll of its feed');
    expect(reasonOf({}, subscription(1, 'talks', { mode: 'digest' }))).toContain('digest only');
    expect(reasonOf({}, subscription(1, 'talks', { createdAt: FETCHED + 1 }))).toBe('subscribed after this article arrived');
    expect(reasonOf({}, subscription(1, 'talks', { pausedAt: FETCHED - 5, pausedReason: 'Missing Access' }))).toBe('the subscription is paused: Missing Access');
    expect(reasonOf({}, subscription(1, 'steve-witkoff', { kind: 'person', targetName: 'Steve Witkoff' }))).toBe('the article brought no new quote of Steve Witkoff');
    expect(reasonOf({ item: { id: 1, fromInitialPoll: false, fetchedAt: FETCHED, publishedAt: FETCHED - 72 * 3_600_000 } }, subscription(1, 'talks'))).toContain('too old');
  });
});

import { describe, expect, it } from 'vitest';
import { planAlerts, type AlertPlanningInput, type PlanningSubscription } from '../../src/pipeline/alert-planning.js';

/** 23:30 in Kyiv (UTC+3 in August). */
const NIGHT = Date.UTC(2025, 7, 18, 20, 30);
const MORNING = Date.UTC(2025, 7, 19, 5, 0);

function report(outlet: string, outlets: string[]): AlertPlanningInput {
  return {
    item: { id: 7, title: 'Envoys agree on a draft of security guarantees', link: `https://${outlet.toLowerCase()}.example/a`, outlet, publishedAt: null, fetchedAt: NIGHT, summary: 'A draft.' },
    story: { id: 'story:7', isNew: outlets.length === 1, outlets, itemCount: outlets.length },
    topics: [{ topicId: 'security-guarantees', topicName: 'Security guarantees', explainSummary: '"security guarantees" in the title' }],
    quotesByPerson: [],
    audience: null,
  };
}

function subscription(overrides: Partial<PlanningSubscription> = {}): PlanningSubscription {
  return { id: 1, guildId: '111111111111111111', channelId: 'c1', kind: 'topic', target: 'security-guarantees', mode: 'alerts', pausedAt: null, timezone: 'Europe/Kyiv', ...overrides };
}

describe('quiet hours in alert planning', () => {
  it('holds an alert inside the window and posts it outside', () => {
    const quiet = subscription({ quietHours: '22:00-07:00' });
    expect(planAlerts(report('Reuters', ['Reuters']), [quiet], new Map(), NIGHT)).toMatchObject([{ action: 'hold', reason: 'quiet', notifyFlood: false, target: { subscriptionIds: [1] } }]);
    expect(planAlerts(report('Reuters', ['Reuters']), [quiet], new Map(), MORNING)).toMatchObject([{ action: 'post' }]);
  });

  it('leaves a held alert to the digest only when a subscription bringing it has one', () => {
    const quiet = subscription({ quietHours: '22:00-07:00' });
    const otherTopicsDigest = subscription({ id: 2, target: 'crimea', mode: 'both' });
    expect(planAlerts(report('Reuters', ['Reuters']), [quiet, otherTopicsDigest], new Map(), NIGHT)).toMatchObject([{ action: 'hold', target: { hasDigest: false } }]);
    const withDigest = subscription({ quietHours: '22:00-07:00', mode: 'both' });
    expect(planAlerts(report('Reuters', ['Reuters']), [withDigest], new Map(), NIGHT)).toMatchObject([{ action: 'hold', target: { hasDigest: true } }]);
  });

  it('posts when another subscription bringing the alert to the channel has no quiet hours', () => {
    const quiet = subscription({ quietHours: '22:00-07:00' });
    const loud = subscription({ id: 2, target: 'white-house-talks' });
    const input = { ...report('Reuters', ['Reuters']), topics: [...report('Reuters', []).topics, { topicId: 'white-house-talks', topicName: 'White House talks', explainSummary: '' }] };
    expect(planAlerts(input, [quiet, loud], new Map(), NIGHT)).toMatchObject([{ action: 'post', target: { subscriptionIds: [1, 2] } }]);
  });
});

describe('min_outlets in alert planning', () => {
  it('waits for the N-th distinct outlet, then posts listing every outlet so far', () => {
    const spread = subscription({ minOutlets: 3 });
    expect(planAlerts(report('Reuters', ['Reuters']), [spread], new Map(), MORNING)).toMatchObject([{ action: 'skip', code: 'min-outlets', reason: '1 of 3 outlets so far' }]);
    expect(planAlerts(report('AP', ['Reuters', 'AP', 'AP']), [spread], new Map(), MORNING)).toMatchObject([{ action: 'skip', code: 'min-outlets', reason: '2 of 3 outlets so far' }]);
    const [third] = planAlerts(report('BBC', ['Reuters', 'AP', 'BBC']), [spread], new Map(), MORNING);
    expect(third).toMatchObject({ action: 'post', alert: { kind: 'story', content: { outlet: 'BBC', alsoReportedBy: [{ outlet: 'Reuters', link: null }, { outlet: 'AP', link: null }] } } });
  });

  it('lets the least demanding subscription of a channel decide', () => {
    const subscriptions = [subscription({ minOutlets: 3 }), subscription({ id: 2, channelId: 'c1', target: 'security-guarantees', minOutlets: 2 })];
    expect(planAlerts(report('AP', ['Reuters', 'AP']), subscriptions, new Map(), MORNING)).toMatchObject([{ action: 'post' }]);
  });
});

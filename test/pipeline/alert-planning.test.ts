import { describe, expect, it } from 'vitest';
import type { StoryAlertContent } from '../../src/pipeline/alert-content.js';
import {
  DEFAULT_ALERT_PLANNING,
  planAlerts,
  type AlertPlanningInput,
  type ChannelAlertState,
  type PlanningSubscription,
} from '../../src/pipeline/alert-planning.js';

const NOW = Date.UTC(2025, 7, 18, 20, 0);
const HOUR = 60 * 60 * 1000;

const reuters: AlertPlanningInput = {
  item: {
    id: 41,
    title: 'Zelensky and European leaders meet Trump at White House on security guarantees',
    link: 'https://www.reuters.com/world/europe/zelensky-european-leaders-white-house-2025-08-18/',
    outlet: 'Reuters',
    publishedAt: '2025-08-18T19:12:00Z',
    fetchedAt: NOW - 20 * 60_000,
    summary: 'Ukrainian President Volodymyr Zelensky and European leaders met U.S. President Donald Trump on Monday to press for security guarantees.',
  },
  story: { id: 'story:41', isNew: true, outlets: ['Reuters'], itemCount: 1 },
  topics: [
    { topicId: 'security-guarantees', topicName: 'Security guarantees', explainSummary: '“security guarantees” in the title; “Article 5-like” in the lede' },
    { topicId: 'white-house-talks', topicName: 'White House talks', explainSummary: '“White House” in the title' },
  ],
  keyQuote: { quote: 'We need a real peace, not a pause between Russian invasions', speaker: 'Volodymyr Zelensky', speakerLabel: null },
  quotesByPerson: [],
  audience: null,
};

function subscription(overrides: Partial<PlanningSubscription> & Pick<PlanningSubscription, 'id' | 'channelId' | 'target'>): PlanningSubscription {
  return { guildId: '111111111111111111', kind: 'topic', mode: 'alerts', pausedAt: null, ...overrides };
}

function existing(overrides: Partial<NonNullable<ChannelAlertState['existingAlert']>> = {}): ChannelAlertState {
  const content: StoryAlertContent = {
    storyId: 'story:41',
    headline: reuters.item.title,
    link: reuters.item.link,
    outlet: 'Reuters',
    time: '2025-08-18T19:12:00.000Z',
    summary: reuters.item.summary,
    keyQuote: null,
    topics: [reuters.topics[0] ?? { topicId: '', topicName: '', explainSummary: '' }],
    alsoReportedBy: [],
  };
  return { existingAlert: { outboxId: 501, status: 'sent', postedAt: NOW - 2 * HOUR, content, ...overrides }, alertsInLastHour: 0, lastFloodNoticeAt: null };
}

const apSameStory: AlertPlanningInput = {
  ...reuters,
  item: {
    ...reuters.item,
    id: 42,
    title: 'Trump hosts Zelensky, European leaders as push for Ukraine peace deal intensifies',
    link: 'https://apnews.com/article/trump-zelensky-europe-white-house-ukraine',
    outlet: 'AP',
    publishedAt: 'Mon, 18 Aug 2025 19:40:00 GMT',
  },
  story: { id: 'story:41', isNew: false, outlets: ['Reuters', 'AP'], itemCount: 2 },
};

describe('planAlerts', () => {
  it('posts one alert per channel for a new story, with only the topics that channel follows', () => {
    const subscriptions = [
      subscription({ id: 1, channelId: 'c1', target: 'security-guarantees' }),
      subscription({ id: 2, channelId: 'c1', target: 'white-house-talks', mode: 'both' }),
      subscription({ id: 3, channelId: 'c2', target: 'white-house-talks' }),
      subscription({ id: 4, channelId: 'c3', target: 'crimea' }),
    ];
    const decisions = planAlerts(reuters, subscriptions, new Map(), NOW);
    expect(decisions.map((d) => [d.action, d.target.channelId, d.target.subscriptionId, d.target.hasDigest])).toEqual([
      ['post', 'c1', 1, true],
      ['post', 'c2', 3, false],
    ]);
    const [first, second] = decisions;
    if (first?.action !== 'post' || first.alert.kind !== 'story' || second?.action !== 'post' || second.alert.kind !== 'story') throw new Error('expected story posts');
    expect(first.alert.content).toEqual({
      storyId: 'story:41',
      headline: reuters.item.title,
      link: reuters.item.link,
      outlet: 'Reuters',
      time: '2025-08-18T19:12:00.000Z',
      summary: reuters.item.summary,
      keyQuote: { quote: 'We need a real peace, not a pause between Russian invasions', speaker: 'Volodymyr Zelensky', speakerLabel: null },
      topics: reuters.topics,
      alsoReportedBy: [],
      image: null,
      style: 'full',
    });
    expect(first.alert.pingRoleIds).toEqual([]);
    expect(second.alert.content.topics.map((topic) => topic.topicId)).toEqual(['white-house-talks']);
  });

  it('ignores paused and digest-only subscriptions', () => {
    const decisions = planAlerts(
      reuters,
      [
        subscription({ id: 1, channelId: 'c1', target: 'security-guarantees', pausedAt: NOW - HOUR }),
        subscription({ id: 2, channelId: 'c2', target: 'security-guarantees', mode: 'digest' }),
      ],
      new Map(),
      NOW,
    );
    expect(decisions).toEqual([]);
  });

  it('alerts only the guilds in the audience of a private feed’s item', () => {
    const privateItem: AlertPlanningInput = { ...reuters, audience: ['111111111111111111'] };
    const decisions = planAlerts(
      privateItem,
      [
        subscription({ id: 1, channelId: 'c1', target: 'security-guarantees' }),
        subscription({ id: 2, channelId: 'c2', target: 'security-guarantees', guildId: '222222222222222222' }),
      ],
      new Map(),
      NOW,
    );
    expect(decisions.map((decision) => decision.target.channelId)).toEqual(['c1']);
  });

  it('edits the channel’s alert when another outlet reports the story within 24 hours', () => {
    const states = new Map([['c1', existing({ postedAt: NOW - 23 * HOUR })]]);
    const [decision] = planAlerts(apSameStory, [subscription({ id: 1, channelId: 'c1', target: 'security-guarantees' })], states, NOW);
    expect(decision?.action).toBe('edit');
    if (decision?.action !== 'edit') return;
    expect(decision.alertOutboxId).toBe(501);
    expect(decision.content.outlet).toBe('Reuters');
    expect(decision.content.alsoReportedBy).toEqual([{ outlet: 'AP', link: apSameStory.item.link }]);
  });

  it('pings the roles of the subscriptions whose topic matched, in their style; compact only when all of them are', () => {
    const subscriptions = [
      subscription({ id: 1, channelId: 'c1', target: 'security-guarantees', pingRoleId: '500000000000000001', style: 'compact' }),
      subscription({ id: 2, channelId: 'c1', target: 'crimea', pingRoleId: '500000000000000002' }),
      subscription({ id: 3, channelId: 'c2', target: 'white-house-talks', pingRoleId: '500000000000000003', style: 'compact' }),
      subscription({ id: 4, channelId: 'c2', target: 'security-guarantees', style: 'full' }),
    ];
    const decisions = planAlerts({ ...reuters, item: { ...reuters.item, imageUrl: 'https://img.example.com/a.jpg' } }, subscriptions, new Map(), NOW);
    const posts = decisions.flatMap((d) => (d.action === 'post' && d.alert.kind === 'story' ? [d.alert] : []));
    expect(posts.map((alert) => [alert.pingRoleIds, alert.content.style, alert.content.image])).toEqual([
      [['500000000000000001'], 'compact', 'https://img.example.com/a.jpg'],
      [['500000000000000003'], 'full', 'https://img.example.com/a.jpg'],
    ]);
  });

  it('leaves a compact alert as it is for a later outlet, and a development follow-up pings nobody', () => {
    const compact = existing();
    const content = compact.existingAlert?.content;
    if (!content) throw new Error('expected content');
    const states = new Map([['c1', { ...compact, existingAlert: { ...compact.existingAlert!, content: { ...content, style: 'compact' as const } } }]]);
    const pinging = [subscription({ id: 1, channelId: 'c1', target: 'security-guarantees', pingRoleId: '500000000000000001' })];
    const decisions = planAlerts({ ...apSameStory, development: { summary: 'New: signed' } }, pinging, states, NOW);
    expect(decisions.map((d) => d.action)).toEqual(['skip', 'post']);
    expect(decisions[1]?.action === 'post' && decisions[1].alert.kind).toBe('development');
  });

  it('edits an alert that is still waiting in the outbox (the edit row goes out after it)', () => {
    const states = new Map([['c1', existing({ status: 'pending', postedAt: NOW - 5 * 60_000 })]]);
    const [decision] = planAlerts(apSameStory, [subscription({ id: 1, channelId: 'c1', target: 'security-guarantees' })], states, NOW);
    expect(decision?.action).toBe('edit');
  });

  it('posts a new alert when the channel’s alert for the story is older than 24 hours', () => {
    const states = new Map([['c1', existing({ postedAt: NOW - 25 * HOUR })]]);
    const [decision] = planAlerts(apSameStory, [subscription({ id: 1, channelId: 'c1', target: 'security-guarantees' })], states, NOW);
    expect(decision?.action).toBe('post');
    if (decision?.action !== 'post' || decision.alert.kind !== 'story') return;
    expect(decision.alert.content.outlet).toBe('AP');
    expect(decision.alert.content.alsoReportedBy).toEqual([{ outlet: 'Reuters', link: null }]);
  });

  it('posts a new alert when the earlier one failed, and skips when the story was held for the digest', () => {
    const subscriptions = [subscription({ id: 1, channelId: 'c1', target: 'security-guarantees' }), subscription({ id: 2, channelId: 'c2', target: 'security-guarantees' })];
    const states = new Map([
      ['c1', existing({ status: 'failed' })],
      ['c2', existing({ status: 'held' })],
    ]);
    expect(planAlerts(apSameStory, subscriptions, states, NOW).map((d) => d.action)).toEqual(['post', 'skip']);
  });

  it('does nothing when the outlet is already on the alert (the same outlet updating its story)', () => {
    const states = new Map([['c1', existing()]]);
    const update = { ...reuters, item: { ...reuters.item, id: 43, title: 'UPDATE 2-Zelensky, Europeans meet Trump' }, story: { ...reuters.story, isNew: false, itemCount: 2 } };
    const [decision] = planAlerts(update, [subscription({ id: 1, channelId: 'c1', target: 'security-guarantees' })], states, NOW);
    expect(decision).toMatchObject({ action: 'skip' });
  });

  it('holds the 11th alert of the hour for the digest and tells the channel once', () => {
    const subscriptions = [subscription({ id: 1, channelId: 'c1', target: 'security-guarantees', mode: 'both' })];
    const states = new Map<string, ChannelAlertState>([['c1', { existingAlert: null, alertsInLastHour: 10, lastFloodNoticeAt: null }]]);
    const [decision] = planAlerts(reuters, subscriptions, states, NOW);
    expect(decision).toMatchObject({ action: 'hold', notifyFlood: true, target: { hasDigest: true } });

    const toldTenMinutesAgo = new Map<string, ChannelAlertState>([['c1', { existingAlert: null, alertsInLastHour: 12, lastFloodNoticeAt: NOW - 10 * 60_000 }]]);
    expect(planAlerts(reuters, subscriptions, toldTenMinutesAgo, NOW)[0]).toMatchObject({ action: 'hold', notifyFlood: false });

    const toldLastHour = new Map<string, ChannelAlertState>([['c1', { existingAlert: null, alertsInLastHour: 10, lastFloodNoticeAt: NOW - 61 * 60_000 }]]);
    expect(planAlerts(reuters, subscriptions, toldLastHour, NOW)[0]).toMatchObject({ action: 'hold', notifyFlood: true });
  });

  it('counts alerts planned for the same item against the limit, and notifies once', () => {
    const quoted: AlertPlanningInput = {
      ...reuters,
      quotesByPerson: [
        { personId: 'volodymyr-zelensky', personName: 'Volodymyr Zelensky', quote: 'We need a real peace', speakerLabel: null, isNew: true },
        { personId: 'donald-trump', personName: 'Donald Trump', quote: 'We are going to get it done', speakerLabel: 'the U.S. president', isNew: true },
      ],
    };
    const subscriptions = [
      subscription({ id: 1, channelId: 'c1', target: 'security-guarantees' }),
      subscription({ id: 2, channelId: 'c1', kind: 'person', target: 'volodymyr-zelensky' }),
      subscription({ id: 3, channelId: 'c1', kind: 'person', target: 'donald-trump' }),
    ];
    const states = new Map<string, ChannelAlertState>([['c1', { existingAlert: null, alertsInLastHour: 8, lastFloodNoticeAt: null }]]);
    const decisions = planAlerts(quoted, subscriptions, states, NOW, { ...DEFAULT_ALERT_PLANNING, maxAlertsPerHour: 9 });
    expect(decisions.map((d) => (d.action === 'hold' ? `hold:${d.notifyFlood}` : d.action))).toEqual(['post', 'hold:true', 'hold:false']);
  });

  it('alerts person subscribers once per newly quoted person, with the quote and where it appeared', () => {
    const quoted: AlertPlanningInput = {
      ...reuters,
      topics: [],
      quotesByPerson: [
        { personId: 'steve-witkoff', personName: 'Steve Witkoff', quote: 'We agreed to robust security guarantees', speakerLabel: 'the U.S. special envoy', isNew: true },
        { personId: 'steve-witkoff', personName: 'Steve Witkoff', quote: 'It was a game-changing moment', speakerLabel: null, isNew: true },
        { personId: 'sergei-lavrov', personName: 'Sergei Lavrov', quote: 'Russia will not accept NATO troops', speakerLabel: null, isNew: false },
      ],
    };
    const subscriptions = [
      subscription({ id: 1, channelId: 'c1', kind: 'person', target: 'steve-witkoff' }),
      subscription({ id: 2, channelId: 'c2', kind: 'person', target: 'sergei-lavrov' }),
    ];
    const decisions = planAlerts(quoted, subscriptions, new Map(), NOW);
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({
      action: 'post',
      target: { channelId: 'c1' },
      alert: {
        kind: 'quote',
        content: {
          personId: 'steve-witkoff',
          quote: 'We agreed to robust security guarantees',
          speakerLabel: 'the U.S. special envoy',
          outlet: 'Reuters',
          link: reuters.item.link,
          headline: reuters.item.title,
        },
      },
    });
  });

  it('never alerts for an item published long ago (a feed backfilling its archive)', () => {
    const old = { ...reuters, item: { ...reuters.item, publishedAt: '2025-08-10T08:00:00Z' } };
    expect(planAlerts(old, [subscription({ id: 1, channelId: 'c1', target: 'security-guarantees' })], new Map(), NOW)).toEqual([]);
  });

  it('uses the fetch time when the feed gives no usable date', () => {
    const undated = { ...reuters, item: { ...reuters.item, publishedAt: 'sometime on Monday' } };
    const [decision] = planAlerts(undated, [subscription({ id: 1, channelId: 'c1', target: 'security-guarantees' })], new Map(), NOW);
    if (decision?.action !== 'post') throw new Error('expected a post');
    expect(decision.alert.content.time).toBe(new Date(reuters.item.fetchedAt).toISOString());
  });
});

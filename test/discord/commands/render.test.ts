import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderFeedList, renderFeedStatus } from '../../../src/discord/commands/feeds.js';
import { renderQuotes } from '../../../src/discord/commands/quotes.js';
import { renderSubscriptionList } from '../../../src/discord/commands/subscriptions.js';
import { renderArticle, renderStory, renderTopicSummary } from '../../../src/discord/commands/summary.js';
import { renderTopic } from '../../../src/discord/commands/topic.js';
import { renderTopicList } from '../../../src/discord/commands/topics.js';
import { renderWhoSaid } from '../../../src/discord/commands/whosaid.js';
import { messageBodySchema, type MessageEmbed } from '../../../src/discord/delivery/message-body.js';
import type { GuildFeed } from '../../../src/store/feeds.js';
import { PERSPECTIVES, testContext, WITKOFF_HIT } from './fakes.js';

const HOSTILE = '**Breaking** @everyone <@123456789012345678> [click](https://evil.example/) # heading\n> quote `code` ||spoiler|| ';
const LONG = `${HOSTILE}${'Negotiators in Geneva worked through the night on a 28-point plan. '.repeat(200)}`;

/** Valid as a Discord message and nothing in it can ping or render feed markdown. */
function expectSafe(embed: MessageEmbed): void {
  expect(() => messageBodySchema.parse({ embeds: [embed], allowed_mentions: { parse: [] } })).not.toThrow();
  const text = JSON.stringify(embed);
  expect(text).not.toContain('@everyone');
  expect(text).not.toMatch(/(?<!\\)<@123/u);
  expect(text).not.toContain('[click](https://evil.example/)');
}

const feed = (overrides: Partial<GuildFeed> = {}): GuildFeed => ({
  id: 3, sourceUrl: 'https://www.example-news.com/world/europe/rss.xml', url: 'https://www.example-news.com/world/europe/rss.xml', outlet: HOSTILE, title: null,
  fullText: false, intervalSeconds: 300, origin: 'guild', country: null, perspective: 'other', addedHere: true, etag: null, lastModified: null, seeded: true,
  lastPolledAt: 1, lastSuccessAt: 1_000, lastErrorAt: 2_000, lastErrorCode: 'http-403', lastError: LONG, consecutiveFailures: 4,
  nextPollAt: 9_000_000_000_000, disabledAt: 3_000, disabledReason: LONG, ...overrides,
});

describe('replies stay within Discord’s limits and show feed text as plain text', () => {
  it('/whosaid with a huge quote and many alternatives', () => {
    const hit = { ...WITKOFF_HIT, quote: LONG, to: HOSTILE, speaker: HOSTILE };
    expectSafe(renderWhoSaid(LONG, { best: hit, alternatives: Array.from({ length: 30 }, () => hit) }));
  });

  it('/quotes, /summary topic, story and url', () => {
    const quote = { ...WITKOFF_HIT, quote: LONG, firstSource: { ...WITKOFF_HIT.firstSource, outlet: HOSTILE, link: 'javascript:alert(1)' } };
    expectSafe(renderQuotes(LONG, Array.from({ length: 10 }, () => quote)));
    const story = {
      id: 'story:1', title: LONG, url: 'https://kyivindependent.com/a/', line: LONG,
      keyQuote: { quote: LONG, speaker: HOSTILE, confidence: 0.9, outletCount: 2, principal: true },
      links: Array.from({ length: 12 }, () => ({ outlet: HOSTILE, url: 'https://kyivindependent.com/a/' })), outletCount: 12,
    };
    expectSafe(renderTopicSummary(LONG, { windowStart: new Date(0), windowEnd: new Date(1), stories: Array.from({ length: 5 }, () => story) }, PERSPECTIVES));
    expectSafe(renderStory({
      id: 'story:1', title: LONG, url: 'not a url', summary: LONG, firstReportAt: new Date(0), latestReportAt: new Date(1),
      sources: Array.from({ length: 60 }, (_, index) => ({ outlet: HOSTILE, url: 'https://kyivindependent.com/a/', perspective: index % 2 ? 'ukrainian' : HOSTILE })),
      keyQuotes: [{ quote: LONG, speaker: null, speakerLabel: HOSTILE, confidence: 0.5, outletCount: 1, principal: false }],
    }, PERSPECTIVES));
    expectSafe(renderArticle({ title: LONG, url: 'https://kyivindependent.com/a/', sentences: [LONG, LONG] }));
  });

  it('/feeds list and status', () => {
    expectSafe(renderFeedList(Array.from({ length: 80 }, () => feed()), true));
    const status = renderFeedStatus(Array.from({ length: 40 }, () => feed()), 5_000, false);
    expectSafe(status);
    expect(status.description).toContain('**disabled**');
    expect(status.description).toContain('the site refused us (HTTP 403) (4 in a row)');
    expect(renderFeedStatus([feed({ disabledAt: null })], 5_000, false).description).not.toContain('Negotiators in Geneva');
    expect(renderFeedStatus([feed({ lastErrorCode: 'timeout' })], 5_000, true).description).toContain('the site took too long to answer (4 in a row) — ');
    const healthy = renderFeedStatus([feed({ lastErrorAt: null, disabledAt: null, nextPollAt: 10_000, lastSuccessAt: 4_000 })], 5_000, false);
    expect(healthy.description).toContain('next poll: <t:10:R>');
    expect(healthy.description).not.toContain('last error');
  });

  it('/topics, /topic show and /subscriptions', async () => {
    const test = await testContext();
    const registered = await test.feeds.register({ url: 'https://kyivindependent.com/feed/', outlet: HOSTILE, fullText: false, intervalSeconds: 300, origin: 'config' }, test.clock.time);
    const ids = await test.items.insertNew(registered.id, Array.from({ length: 5 }, (_, index) => ({
      identity: String(index), guid: null, link: 'https://kyivindependent.com/kerch/', title: LONG, author: null, summary: '', content: '', published: null,
    })), test.clock.time - 1_000, false);
    for (const id of ids) await test.itemTopics.save(id, [{ topicId: 'crimea', score: 9, explain: { summary: LONG } }]);
    const [crimea] = await test.catalogue.forGuild('1400000000000000001');
    const topicList = await renderTopicList(test.context, '1400000000000000001');
    expectSafe(topicList);
    // The items joined no story: the week's sparkline is flat.
    expect(topicList.description).toContain('`▁▁▁▁▁▁▁` 0 stories in 7 days');
    expectSafe(await renderTopic(crimea!, test.context, '1400000000000000001'));
    const subscriptions = Array.from({ length: 200 }, (_, index) => ({
      id: index, guildId: '1400000000000000001', channelId: '1400000000000000011', kind: 'topic' as const, target: 'crimea', mode: 'both' as const,
      digestTime: '08:00', timezone: 'Europe/Kyiv', quietNote: false, chart: true, createdBy: '1', pausedAt: 5, pausedReason: LONG, lastDigestAt: null, createdAt: 1, postAs: 'message' as const,
      pingRoleId: '1400000000000000099', style: 'compact' as const,
      quietHours: '22:00-07:00', minOutlets: 3,
    }));
    expectSafe(await renderSubscriptionList(subscriptions, test.context));
  });

  it('holds for any feed text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 3000 }), fc.string({ maxLength: 300 }), (text, outlet) => {
        const hit = { ...WITKOFF_HIT, quote: text || 'x', speaker: outlet, firstSource: { ...WITKOFF_HIT.firstSource, outlet } };
        const embeds = [renderWhoSaid(text, { best: hit, alternatives: [hit, hit] }), renderQuotes(text, [hit, hit, hit])];
        for (const embed of embeds) expect(() => messageBodySchema.parse({ embeds: [embed], allowed_mentions: { parse: [] } })).not.toThrow();
      }),
      { numRuns: 60 },
    );
  });
});

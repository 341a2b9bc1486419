import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/store/database.js';
import type { Stores } from '../../../src/store/index.js';
import { postgresBackend } from '../../../src/store/postgres/backend.js';
import { pruneCutoffs } from '../../../src/store/retention.js';
import { sqliteBackend } from '../../../src/store/sqlite-backend.js';
import { guildViewer, OPERATOR } from '../../../src/store/visibility.js';
import { openTestPostgres } from '../../support/postgres.js';
import { extracted, person } from '../../support/quotes-db.js';

const GUILD_A = '140000000000000001';
const GUILD_B = '140000000000000002';
const CHANNEL = '150000000000000001';
const OTHER_CHANNEL = '150000000000000002';
const HOUR = 3_600_000;
const T0 = Date.UTC(2025, 7, 18, 9);
const item = (identity: string, title: string, content = '') => ({ identity, guid: identity, link: `https://x.example/${identity}`, title, author: null, summary: 'sum', content, published: null });

/** Outbox nonces end in a random salt: compared without it. */
function withoutSalt<T>(value: T): T {
  return JSON.parse(JSON.stringify(value ?? null, (key, field: unknown) => (key === 'nonce' && typeof field === 'string' ? field.replace(/\..*$/, '') : field))) as T;
}

/**
 * One scenario played on both backends, every answer compared: PostgreSQL must give what SQLite gives (Sets and Maps
 * compared as such, records field by field).
 */
async function openBoth() {
  const sqlite = sqliteBackend(openDatabase(':memory:')).stores;
  const postgres = postgresBackend(await openTestPostgres()).stores;
  const both = async <T>(label: string, run: (stores: Stores) => Promise<T>): Promise<T> => {
    const expected = await run(sqlite);
    const actual = await run(postgres);
    if (expected instanceof Set || expected instanceof Map) expect(actual, label).toEqual(expected);
    else expect(withoutSalt(actual), label).toEqual(withoutSalt(expected));
    return expected;
  };
  return { both, sqlite, postgres };
}

describe('PostgreSQL stores answer as the SQLite stores do', () => {
  it('feeds, items, topics, stories and their visibility', async () => {
    const { both } = await openBoth();
    const wire = await both('register', (s) => s.feeds.register({ url: 'https://wire.example/rss', outlet: 'Wire', fullText: true, intervalSeconds: 600, origin: 'config' }, T0));
    const tips = await both('add for guild', (s) => s.feeds.addForGuild(GUILD_A, { url: 'https://tips.example/rss?token=S', outlet: 'Tips', fullText: false, intervalSeconds: 300 }, T0 + 1));
    await both('second owner', (s) => s.feeds.addForGuild(GUILD_B, { url: 'https://tips.example/rss?token=S', outlet: 'B tips', fullText: false, intervalSeconds: 300 }, T0 + 2));
    await both('owners', (s) => s.feeds.owners(tips.id));
    await both('success', async (s) => s.feeds.recordSuccess(wire.id, { polledAt: T0 + 5, nextPollAt: T0 + 600, etag: '"e1"', lastModified: null, title: 'The Wire' }));
    await both('failure', async (s) => s.feeds.recordFailure(tips.id, { polledAt: T0 + 6, nextPollAt: T0 + 900, code: 'http-403', message: 'refused', disable: true }));
    await both('seeded', (s) => s.feeds.markSeeded(wire.id));
    await both('visible to A', (s) => s.feeds.visibleTo(GUILD_A));
    await both('visible to B', (s) => s.feeds.visibleTo(GUILD_B));
    await both('next due', (s) => s.feeds.nextDueAt(T0 + 1_000));
    await both('claim', (s) => s.feeds.claim({ owner: 'a', now: T0 + 1_000, leaseMs: 60_000, limit: 10, maxPerHost: 2 }));
    await both('leases held', (s) => s.feeds.leasesHeld('a', T0 + 1_000));
    await both('enable', (s) => s.feeds.enable(tips.id, T0 + 7));
    await both('move', (s) => s.feeds.moveTo(tips.id, 'https://wire.example/rss', T0 + 8));
    await both('retire', (s) => s.feeds.retireConfigFeedsExcept([], T0 + 9));
    await both('re-register', (s) => s.feeds.register({ url: 'https://wire.example/rss', outlet: 'Wire 2', fullText: false, intervalSeconds: 900, origin: 'config' }, T0 + 10));
    await both('all', (s) => s.feeds.all());

    const publicIds = await both('insert', (s) => s.items.insertNew(wire.id, [item('a', 'Envoy talks'), item('b', 'Summit set'), item('a', 'again')], T0, false));
    await both('insert again', (s) => s.items.insertNew(wire.id, [item('b', 'Summit set'), item('c', 'Ceasefire')], T0 + HOUR, true));
    const [privateId = 0] = await both('insert private', (s) => s.items.insertNew(tips.id, [item('p', 'Tip: envoy talks')], T0 + 2 * HOUR, false));
    await both('known', (s) => s.items.knownIdentities(wire.id, ['a', 'c', 'z']));
    await both('unprocessed', (s) => s.items.unprocessed(10));
    await both('processed', (s) => s.items.markProcessed(publicIds[0] ?? 0, T0 + 3 * HOUR));
    await both('private by A', (s) => s.items.byId(privateId, guildViewer(GUILD_A)));
    await both('private by stranger', (s) => s.items.byId(privateId, guildViewer('140000000000000009')));
    await both('count', (s) => s.items.countForFeed(wire.id));

    await both('save topics', (s) => s.itemTopics.save(privateId, [{ topicId: 'crimea', score: 2.5, explain: { rules: ['a'] } }, { topicId: 'nato', score: 1, explain: { n: 1 } }]));
    await both('save topics public', (s) => s.itemTopics.save(publicIds[1] ?? 0, [{ topicId: 'crimea', score: 1.5, explain: { rules: [] } }]));
    await both('topics of', (s) => s.itemTopics.topicsOf(privateId));
    await both('recent for stranger', (s) => s.itemTopics.recentItemIds('crimea', 0, 10, guildViewer('140000000000000009')));
    await both('counts for A', (s) => s.itemTopics.countsSince(0, guildViewer(GUILD_A)));

    await both('story', (s) => s.stories.addMember({ itemId: publicIds[0] ?? 0, storyId: 's1', similarity: 1, publishedAt: T0 }, 'Envoy talks'));
    await both('story 2', (s) => s.stories.addMember({ itemId: publicIds[1] ?? 0, storyId: 's1', similarity: 0.7, publishedAt: T0 - HOUR }, 'x'));
    await both('private story', (s) => s.stories.addMember({ itemId: privateId, storyId: 's2', similarity: 1, publishedAt: T0 + HOUR }, 'Tip: 100% envoy_talks'));
    await both('story by B', (s) => s.stories.byId('s2', guildViewer(GUILD_B)));
    await both('story by stranger', (s) => s.stories.byId('s2', guildViewer('140000000000000009')));
    await both('story items', (s) => s.stories.itemIds('s1'));
    await both('outlets', (s) => s.stories.outletsOf('s2', guildViewer(GUILD_B)));
    await both('members', (s) => s.stories.membersSince(0));
    await both('search %', (s) => s.stories.search('100%', 5, OPERATOR));
    await both('search case', (s) => s.stories.search('ENVOY', 5, guildViewer('140000000000000009')));
    await both('story of item', (s) => s.stories.storyOfItem(privateId));
    await both('remove for guild', (s) => s.feeds.removeForGuild(tips.id, GUILD_A));
    await both('still there for B', (s) => s.feeds.visibleTo(GUILD_B));
  });

  it('quotes: merging copies, top quotes, visibility', async () => {
    const { both } = await openBoth();
    const wire = await both('wire', (s) => s.feeds.register({ url: 'https://wire.example/rss', outlet: 'Wire', fullText: false, intervalSeconds: 600, origin: 'config' }, 0));
    const post = await both('post', (s) => s.feeds.register({ url: 'https://post.example/rss', outlet: 'Post', fullText: false, intervalSeconds: 600, origin: 'config' }, 0));
    const tips = await both('tips', (s) => s.feeds.addForGuild(GUILD_A, { url: 'https://tips.example/rss', outlet: 'Tips', fullText: false, intervalSeconds: 300 }, 0));
    const ids = await both('items', async (s) => [
      ...(await s.items.insertNew(wire.id, [item('w1', 'one'), item('w2', 'two')], T0, false)),
      ...(await s.items.insertNew(post.id, [item('p1', 'three')], T0 + HOUR, false)),
      ...(await s.items.insertNew(tips.id, [item('t1', 'four')], T0 + 2 * HOUR, false)),
    ]);
    const [w1 = 0, w2 = 0, p1 = 0, t1 = 0] = ids;
    const long = 'The United States is potentially prepared to give Article 5 security guarantees, but directly from the U.S. and European countries, not NATO';
    const witkoff = person('Steve Witkoff');
    await both('save trimmed', (s) => s.quotes.saveForItem(w1, T0, [extracted('prepared to give Article 5 security guarantees', witkoff), extracted('historic', person('Donald Trump'))]));
    await both('save long', (s) => s.quotes.saveForItem(p1, T0 + HOUR, [extracted(long, { ...witkoff, to: 'CNN' }), extracted('historic', { speakerLabel: 'a diplomat' })]));
    await both('save private', (s) => s.quotes.saveForItem(t1, T0 + 2 * HOUR, [extracted(long, witkoff), extracted('They said it was over', { kind: 'indirect' })]));
    await both('save again (replaces)', (s) => s.quotes.saveForItem(w2, T0 + 30, [extracted(long.toUpperCase(), person('Someone Else'))]));
    await both('quotes by operator', (s) => s.quotes.quotesBy({ viewer: OPERATOR, limit: 10, includeIndirect: true }));
    await both('quotes by B', (s) => s.quotes.quotesBy({ viewer: guildViewer(GUILD_B), limit: 10 }));
    await both('quotes by speaker', (s) => s.quotes.quotesBy({ viewer: OPERATOR, limit: 10, speakerId: 'steve-witkoff', since: T0 + 1 }));
    await both('top', (s) => s.quotes.topQuotesForItems([w1, p1, t1], guildViewer(GUILD_A)));
    await both('saved direct', (s) => s.quotes.savedDirectQuotes([3, null, 1, 2], OPERATOR));
    await both('by id', (s) => s.quotes.byId(1, guildViewer(GUILD_B)));
    await both('source removed', (s) => s.feeds.remove(post.id));
    await both('after removal', (s) => s.quotes.quotesBy({ viewer: OPERATOR, limit: 10, includeIndirect: true }));
  });

  it('subscriptions, outbox, alerts, guild topics, command registry, digest history and retention', async () => {
    const { both, sqlite, postgres } = await openBoth();
    const base = { guildId: GUILD_A, channelId: CHANNEL, kind: 'topic' as const, target: 'crimea', mode: 'both' as const, digestTime: '08:30', timezone: 'Europe/Kyiv', quietNote: false, createdBy: 'u' };
    const sub = await both('add', (s) => s.subscriptions.add(base, T0));
    await both('update', (s) => s.subscriptions.add({ ...base, mode: 'digest', quietNote: true }, T0 + 1));
    await both('person', (s) => s.subscriptions.add({ ...base, channelId: OTHER_CHANNEL, kind: 'person', target: 'steve-witkoff' }, T0 + 2));
    await expect(sqlite.subscriptions.add({ ...base, guildId: GUILD_B }, T0)).rejects.toThrow(/another guild/);
    await expect(postgres.subscriptions.add({ ...base, guildId: GUILD_B }, T0)).rejects.toThrow(/another guild/);
    await both('lists', async (s) => [await s.subscriptions.listForGuild(GUILD_A), await s.subscriptions.listForTopics(['crimea', 'x']), await s.subscriptions.listForPerson('steve-witkoff')]);
    await both('pause', async (s) => [await s.subscriptions.pause(sub.id, 'why', T0), await s.subscriptions.pause(sub.id, 'why', T0), await s.subscriptions.pauseChannel(OTHER_CHANNEL, 'no access', T0)]);
    await both('active', (s) => s.subscriptions.activeChannels());
    await both('resume', async (s) => [await s.subscriptions.resume(sub.id), await s.subscriptions.resumeChannel(OTHER_CHANNEL), await s.subscriptions.activeChannels(GUILD_A)]);
    await both('due', (s) => s.subscriptions.dueForDigest(T0 + 24 * HOUR));
    await both('digest sent', async (s) => [await s.subscriptions.markDigestSent([sub.id], T0 + 24 * HOUR), await s.subscriptions.dueForDigest(T0 + 24 * HOUR)]);

    const first = await both('enqueue', (s) => s.outbox.enqueue({ guildId: GUILD_A, channelId: CHANNEL, kind: 'alert', storyId: 's1', subscriptionId: sub.id, payload: { content: 'x', b: [1, { z: 1, a: 2 }] } }, T0));
    await both('held', (s) => s.outbox.enqueue({ guildId: GUILD_A, channelId: CHANNEL, kind: 'alert', payload: {}, status: 'held' }, T0 + 1));
    await both('notice', (s) => s.outbox.enqueue({ guildId: GUILD_A, channelId: OTHER_CHANNEL, kind: 'notice', noticeKey: 'flood', payload: { n: 1 } }, T0 + 2));
    await both('heads', async (s) => [await s.outbox.dueHeads(T0 + 5, 10), await s.outbox.nextAttemptAt(), await s.outbox.pendingCount()]);
    await both('retry', async (s) => [await s.outbox.markRetry(first.id, 'boom', T0 + 100), await s.outbox.dueHeads(T0 + 5, 10), await s.outbox.nextAttemptAt()]);
    await both('sent', async (s) => [await s.outbox.markSent(first.id, '99', T0 + 200), await s.outbox.byId(first.id)]);
    await both('counts', async (s) => [await s.outbox.alertActivity([CHANNEL, OTHER_CHANNEL], 0, 'flood'), await s.outbox.lastNoticeAt(OTHER_CHANNEL, 'flood')]);
    await both('fail channel', async (s) => [await s.outbox.failPendingForChannel(OTHER_CHANNEL, 'gone'), await s.outbox.markFailed(first.id, 'late', false)]);
    await both('alert', async (s) => {
      await s.alerts.record({ channelId: CHANNEL, storyId: 's1', guildId: GUILD_A, outboxId: first.id, content: { title: 't', z: 1, a: [2] } }, T0);
      await s.alerts.updateContent(CHANNEL, 's1', { title: 'edited', b: 1, a: 0 }, T0 + 5);
      return [await s.alerts.forStoryInChannels('s1', [CHANNEL, OTHER_CHANNEL]), await s.alerts.forStoryInChannels('none', [CHANNEL])];
    });
    await both('prune outbox', async (s) => [await s.outbox.pruneBefore(T0 + 10), await s.alerts.forStoryInChannels('s1', [CHANNEL]), await s.outbox.pendingCount()]);

    const definition = { id: `g${GUILD_A}-drones`, name: 'Drones', rules: [{ any: ['drone'] }] };
    await both('topics', async (s) => {
      await s.guildTopics.save({ guildId: GUILD_A, slug: 'drones', definition: definition as never, createdBy: 'u' }, T0);
      await s.guildTopics.save({ guildId: GUILD_A, slug: 'a-b', definition: { ...definition, id: `g${GUILD_A}-a-b` } as never, createdBy: 'u' }, T0);
      return [await s.guildTopics.get(GUILD_A, 'drones'), await s.guildTopics.forGuild(GUILD_A), await s.guildTopics.remove(GUILD_A, 'drones'), await s.guildTopics.all()];
    });
    await both('registry', async (s) => [await s.commandRegistry.hashFor('app:global'), await s.commandRegistry.record('app:global', 'h1', T0), await s.commandRegistry.record('app:global', 'h2', T0 + 1), await s.commandRegistry.hashFor('app:global')]);
    await both('digest history', async (s) => [await s.digestHistory.record(CHANNEL, ['s1', 's2', 's1'], T0), await s.digestHistory.shownSince(CHANNEL, T0), await s.digestHistory.shownSince(CHANNEL, T0 + 1)]);

    const feed = await both('feed', (s) => s.feeds.register({ url: 'https://wire.example/rss', outlet: 'Wire', fullText: false, intervalSeconds: 600, origin: 'config' }, 0));
    const [old = 0, cited = 0] = await both('old items', (s) => s.items.insertNew(feed.id, [item('o1', 'old', 'body'), item('o2', 'cited', 'body'), item('n1', 'new', 'body')], T0 - 40 * 24 * HOUR, false));
    await both('process', async (s) => {
      for (const id of [old, cited]) await s.items.markProcessed(id, T0);
      await s.quotes.saveForItem(cited, T0, [extracted('We will never accept this outcome for our country', person('Volodymyr Zelensky'))]);
      await s.itemTopics.save(old, [{ topicId: 'crimea', score: 1, explain: {} }]);
      await s.stories.addMember({ itemId: old, storyId: 'old', similarity: 1, publishedAt: T0 - 40 * 24 * HOUR }, 'old');
    });
    const cutoffs = pruneCutoffs({ items: 30, matches: 30, stories: 30 }, true, T0);
    await both('prune', (s) => s.retention.pruneExpired(cutoffs));
    await both('after prune', async (s) => [await s.items.unprocessed(10), await s.quotes.quotesBy({ viewer: OPERATOR, limit: 5 }), await s.stories.byId('old', OPERATOR)]);
  });
});

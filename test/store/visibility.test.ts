import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { migrations } from '../../src/store/migrations/index.js';
import { guildViewer, OPERATOR } from '../../src/store/visibility.js';
import { extracted, person } from '../support/quotes-db.js';
import { sqliteBackend } from '../../src/store/sqlite-backend.js';
import { openTestStores } from '../support/stores.js';
import type { Stores } from '../../src/store/index.js';

const GUILD_A = '140000000000000001';
const GUILD_B = '140000000000000002';
const QUOTE = 'We are ready to offer robust security guarantees to Ukraine after a ceasefire';
const base = { guid: null, link: null, author: null, summary: '', content: '', published: null };

/** A public feed ("Wire") and a feed guild A added ("Insider", which A calls "A's tip line"), each with one item. */
async function twoFeeds(stores: Stores) {
  const feeds = stores.feeds;
  const items = stores.items;
  const wire = await feeds.register({ url: 'https://wire.example/rss', outlet: 'Wire', fullText: false, intervalSeconds: 600, origin: 'config' }, 0);
  const insider = await feeds.addForGuild(GUILD_A, { url: 'https://insider.example/rss?token=SECRET', outlet: 'A’s tip line', fullText: false, intervalSeconds: 600 }, 0);
  const [publicItem = 0] = await items.insertNew(wire.id, [{ ...base, identity: 'p', title: 'Envoy offers guarantees' }], 1_000, false);
  const [privateItem = 0] = await items.insertNew(insider.id, [{ ...base, identity: 'q', title: 'Insider: envoy offers guarantees' }], 2_000, false);
  return { feeds, items, insider, publicItem, privateItem };
}

describe('visibility in the stores', () => {
  it('never merges a private feed’s quote into a public one, and shows each guild only what it may see', async () => {
    const stores = await openTestStores();
    const { publicItem, privateItem } = await twoFeeds(stores);
    const quotes = stores.quotes;
    const witkoff = person('Steve Witkoff');
    await quotes.saveForItem(privateItem, 2_000, [extracted(`${QUOTE}, and Russia agreed`, witkoff)]);
    await quotes.saveForItem(publicItem, 1_000, [extracted(QUOTE, witkoff)]);

    expect(await quotes.quotesBy({ viewer: OPERATOR, limit: 10 })).toHaveLength(2);
    const seenByB = await quotes.quotesBy({ viewer: guildViewer(GUILD_B), limit: 10 });
    expect(seenByB).toMatchObject([{ quote: QUOTE, outletCount: 1, firstSource: { outlet: 'Wire' } }]);
    const seenByA = (await quotes.quotesBy({ viewer: guildViewer(GUILD_A), limit: 10 })).map((quote) => quote.firstSource.outlet);
    expect(seenByA.sort()).toEqual(['A’s tip line', 'Wire']);
    // Only the private copy has these words: B finds nothing, not the public quote through them.
    expect((await stores.quoteSearch.search('and Russia agreed', { viewer: guildViewer(GUILD_B) })).best).toBeNull();
    expect((await stores.quoteSearch.search('robust security guarantees to Ukraine', { viewer: guildViewer(GUILD_B) })).best?.firstSource.outlet).toBe('Wire');
    expect((await stores.quoteSearch.search('and Russia agreed', { viewer: guildViewer(GUILD_A) })).best?.firstSource.outlet).toBe('A’s tip line');
  });

  it('reads many items at once as it reads each one, for the viewer, in id order', async () => {
    const stores = await openTestStores();
    const { items, publicItem, privateItem } = await twoFeeds(stores);
    const ids = [privateItem, publicItem, 999_999];
    expect(await items.byIds(ids, OPERATOR)).toEqual([await items.byId(publicItem, OPERATOR), await items.byId(privateItem, OPERATOR)]);
    expect(await items.byIds(ids, guildViewer(GUILD_A))).toEqual([await items.byId(publicItem, guildViewer(GUILD_A)), await items.byId(privateItem, guildViewer(GUILD_A))]);
    expect(await items.byIds(ids, guildViewer(GUILD_B))).toEqual([await items.byId(publicItem, guildViewer(GUILD_B))]);
    expect(await items.byIds([], OPERATOR)).toEqual([]);
  });

  it('gives a second guild adding the same URL the same feed under its own name, and removes it with its last guild', async () => {
    const stores = await openTestStores();
    const { feeds, items, insider, privateItem } = await twoFeeds(stores);
    await feeds.addForGuild(GUILD_B, { url: insider.sourceUrl, outlet: 'B’s wire', fullText: false, intervalSeconds: 600 }, 5_000);
    expect(await feeds.all()).toHaveLength(2);
    expect((await items.byId(privateItem, guildViewer(GUILD_B)))?.outlet).toBe('B’s wire');
    expect((await items.byId(privateItem, guildViewer(GUILD_A)))?.outlet).toBe('A’s tip line');
    expect(await items.byId(privateItem, guildViewer('140000000000000003'))).toBeNull();
    await feeds.removeForGuild(insider.id, GUILD_A);
    expect(await items.byId(privateItem, guildViewer(GUILD_A))).toBeNull();
    expect(await items.byId(privateItem, guildViewer(GUILD_B))).not.toBeNull();
    await feeds.removeForGuild(insider.id, GUILD_B);
    expect(await feeds.byId(insider.id)).toBeNull();
  });

  it('follows a redirect to another guild’s feed without saying so or sharing it', async () => {
    const stores = await openTestStores();
    const { feeds, insider } = await twoFeeds(stores);
    const probe = await feeds.addForGuild(GUILD_B, { url: 'https://b.example/redirects', outlet: 'Probe', fullText: false, intervalSeconds: 600 }, 0);
    await feeds.moveTo(probe.id, insider.url, 1);
    expect(await feeds.byId(probe.id)).toMatchObject({ url: insider.url, disabledAt: null, disabledReason: null });
    expect(await feeds.owners(insider.id)).toEqual([{ guildId: GUILD_A, outlet: 'A’s tip line' }]);
  });

  it('marks a story started by a private item as that feed’s, and finds it only for its guild', async () => {
    const stores = await openTestStores();
    const { privateItem } = await twoFeeds(stores);
    const stories = stores.stories;
    await stories.addMember({ itemId: privateItem, storyId: 'story:q', similarity: 0, publishedAt: 2_000 }, 'Insider: envoy offers guarantees');
    expect(await stories.search('envoy', 10, guildViewer(GUILD_B))).toEqual([]);
    expect(await stories.byId('story:q', guildViewer(GUILD_B))).toBeNull();
    expect((await stories.search('envoy', 10, guildViewer(GUILD_A))).map((story) => story.id)).toEqual(['story:q']);
  });

  it('never changes another guild’s subscription of the same channel', async () => {
    const subscriptions = (await openTestStores()).subscriptions;
    const input = { guildId: GUILD_A, channelId: '300000000000000001', kind: 'topic', target: 'crimea', mode: 'alerts', digestTime: '08:00', timezone: 'UTC', quietNote: false, createdBy: '400000000000000001' } as const;
    await subscriptions.add(input, 0);
    await expect(subscriptions.add({ ...input, guildId: GUILD_B, mode: 'both' }, 1)).rejects.toThrow(/another guild/u);
    expect(await subscriptions.listForGuild(GUILD_A)).toMatchObject([{ mode: 'alerts' }]);
  });

  it('migrates data that mixed private and public items: the private copies leave public quotes and stories', async () => {
    const before = migrations.filter((migration) => migration.version < 8);
    const db = openDatabase(':memory:', before);
    db.exec(`
      INSERT INTO feeds (id, source_url, url, outlet, interval_seconds, origin, added_by_guild, created_at) VALUES
        (1, 'https://wire.example/rss', 'https://wire.example/rss', 'Wire', 600, 'config', NULL, 0),
        (2, 'https://insider.example/rss', 'https://insider.example/rss', 'Insider', 600, 'guild', '${GUILD_A}', 0);
      INSERT INTO items (id, feed_id, identity, title, summary, content, fetched_at) VALUES
        (1, 2, 'q', 'Insider scoop', '', '', 1), (2, 1, 'p', 'Public report', '', '', 2);
      INSERT INTO stories (id, title, first_reported_at, last_reported_at) VALUES ('story:1', 'Insider scoop', 1, 2);
      INSERT INTO story_items (item_id, story_id, similarity, published_at) VALUES (1, 'story:1', 0, 1), (2, 'story:1', 0.5, 2);
      INSERT INTO quotes (id, direct, match_key, head_key, word_count, text, kind, speaker_type, confidence, first_reported_at)
        VALUES (1, 1, 'x', 'x', 1, 'Insider wording', 'full', 'unknown', 0.5, 1);
      INSERT INTO quote_sources (quote_id, item_id, reported_at, start_offset, end_offset, text, kind, speaker_type, confidence)
        VALUES (1, 1, 1, 0, 1, 'x', 'full', 'unknown', 0.5), (1, 2, 2, 0, 1, 'x', 'full', 'unknown', 0.5);
    `);
    for (const migration of migrations.filter((step) => step.version >= 8)) db.exec(migration.sql);
    // What SQLite's migration left, read through the stores.
    const { stores } = sqliteBackend(db);
    expect(await stores.stories.byId('story:1', guildViewer(GUILD_B))).toMatchObject({ title: 'Public report' });
    expect(await stores.stories.itemIds('story:1')).toEqual([2]);
    expect(db.prepare(`SELECT item_id AS itemId FROM quote_sources`).all()).toEqual([{ itemId: 2 }]);
    expect(await stores.feeds.owners(2)).toEqual([{ guildId: GUILD_A, outlet: 'Insider' }]);
  });
});

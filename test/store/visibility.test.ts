import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../src/store/database.js';
import { FeedStore } from '../../src/store/feeds.js';
import { ItemStore } from '../../src/store/items.js';
import { migrations } from '../../src/store/migrations/index.js';
import { searchQuotes } from '../../src/store/quote-search.js';
import { QuoteStore } from '../../src/store/quotes.js';
import { StoryStore } from '../../src/store/stories.js';
import { SubscriptionStore } from '../../src/store/subscriptions.js';
import { guildViewer, OPERATOR } from '../../src/store/visibility.js';
import { extracted, person } from '../support/quotes-db.js';

const GUILD_A = '140000000000000001';
const GUILD_B = '140000000000000002';
const QUOTE = 'We are ready to offer robust security guarantees to Ukraine after a ceasefire';
const base = { guid: null, link: null, author: null, summary: '', content: '', published: null };

/** A public feed ("Wire") and a feed guild A added ("Insider", which A calls "A's tip line"), each with one item. */
function twoFeeds(db: Db) {
  const feeds = new FeedStore(db);
  const items = new ItemStore(db);
  const wire = feeds.register({ url: 'https://wire.example/rss', outlet: 'Wire', fullText: false, intervalSeconds: 600, origin: 'config' }, 0);
  const insider = feeds.addForGuild(GUILD_A, { url: 'https://insider.example/rss?token=SECRET', outlet: 'A’s tip line', fullText: false, intervalSeconds: 600 }, 0);
  const [publicItem = 0] = items.insertNew(wire.id, [{ ...base, identity: 'p', title: 'Envoy offers guarantees' }], 1_000, false);
  const [privateItem = 0] = items.insertNew(insider.id, [{ ...base, identity: 'q', title: 'Insider: envoy offers guarantees' }], 2_000, false);
  return { feeds, items, insider, publicItem, privateItem };
}

describe('visibility in the stores', () => {
  it('never merges a private feed’s quote into a public one, and shows each guild only what it may see', () => {
    const db = openDatabase(':memory:');
    const { publicItem, privateItem } = twoFeeds(db);
    const quotes = new QuoteStore(db);
    const witkoff = person('Steve Witkoff');
    quotes.saveForItem(privateItem, 2_000, [extracted(`${QUOTE}, and Russia agreed`, witkoff)]);
    quotes.saveForItem(publicItem, 1_000, [extracted(QUOTE, witkoff)]);

    expect(quotes.quotesBy({ viewer: OPERATOR, limit: 10 })).toHaveLength(2);
    const seenByB = quotes.quotesBy({ viewer: guildViewer(GUILD_B), limit: 10 });
    expect(seenByB).toMatchObject([{ quote: QUOTE, outletCount: 1, firstSource: { outlet: 'Wire' } }]);
    const seenByA = quotes.quotesBy({ viewer: guildViewer(GUILD_A), limit: 10 }).map((quote) => quote.firstSource.outlet);
    expect(seenByA.sort()).toEqual(['A’s tip line', 'Wire']);
    // Only the private copy has these words: B finds nothing, not the public quote through them.
    expect(searchQuotes(db, 'and Russia agreed', { viewer: guildViewer(GUILD_B) }).best).toBeNull();
    expect(searchQuotes(db, 'robust security guarantees to Ukraine', { viewer: guildViewer(GUILD_B) }).best?.firstSource.outlet).toBe('Wire');
    expect(searchQuotes(db, 'and Russia agreed', { viewer: guildViewer(GUILD_A) }).best?.firstSource.outlet).toBe('A’s tip line');
  });

  it('gives a second guild adding the same URL the same feed under its own name, and removes it with its last guild', () => {
    const db = openDatabase(':memory:');
    const { feeds, items, insider, privateItem } = twoFeeds(db);
    feeds.addForGuild(GUILD_B, { url: insider.sourceUrl, outlet: 'B’s wire', fullText: false, intervalSeconds: 600 }, 5_000);
    expect(feeds.all()).toHaveLength(2);
    expect(items.byId(privateItem, guildViewer(GUILD_B))?.outlet).toBe('B’s wire');
    expect(items.byId(privateItem, guildViewer(GUILD_A))?.outlet).toBe('A’s tip line');
    expect(items.byId(privateItem, guildViewer('140000000000000003'))).toBeNull();
    feeds.removeForGuild(insider.id, GUILD_A);
    expect(items.byId(privateItem, guildViewer(GUILD_A))).toBeNull();
    expect(items.byId(privateItem, guildViewer(GUILD_B))).not.toBeNull();
    feeds.removeForGuild(insider.id, GUILD_B);
    expect(feeds.byId(insider.id)).toBeNull();
  });

  it('follows a redirect to another guild’s feed without saying so or sharing it', () => {
    const db = openDatabase(':memory:');
    const { feeds, insider } = twoFeeds(db);
    const probe = feeds.addForGuild(GUILD_B, { url: 'https://b.example/redirects', outlet: 'Probe', fullText: false, intervalSeconds: 600 }, 0);
    feeds.moveTo(probe.id, insider.url, 1);
    expect(feeds.byId(probe.id)).toMatchObject({ url: insider.url, disabledAt: null, disabledReason: null });
    expect(feeds.owners(insider.id)).toEqual([{ guildId: GUILD_A, outlet: 'A’s tip line' }]);
  });

  it('marks a story started by a private item as that feed’s, and finds it only for its guild', () => {
    const db = openDatabase(':memory:');
    const { privateItem } = twoFeeds(db);
    const stories = new StoryStore(db);
    stories.addMember({ itemId: privateItem, storyId: 'story:q', similarity: 0, publishedAt: 2_000 }, 'Insider: envoy offers guarantees');
    expect(stories.search('envoy', 10, guildViewer(GUILD_B))).toEqual([]);
    expect(stories.byId('story:q', guildViewer(GUILD_B))).toBeNull();
    expect(stories.search('envoy', 10, guildViewer(GUILD_A)).map((story) => story.id)).toEqual(['story:q']);
  });

  it('never changes another guild’s subscription of the same channel', () => {
    const subscriptions = new SubscriptionStore(openDatabase(':memory:'));
    const input = { guildId: GUILD_A, channelId: '300000000000000001', kind: 'topic', target: 'crimea', mode: 'alerts', digestTime: '08:00', timezone: 'UTC', quietNote: false, createdBy: '400000000000000001' } as const;
    subscriptions.add(input, 0);
    expect(() => subscriptions.add({ ...input, guildId: GUILD_B, mode: 'both' }, 1)).toThrow(/another guild/u);
    expect(subscriptions.listForGuild(GUILD_A)).toMatchObject([{ mode: 'alerts' }]);
  });

  it('migrates data that mixed private and public items: the private copies leave public quotes and stories', () => {
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
    expect(new StoryStore(db).byId('story:1', guildViewer(GUILD_B))).toMatchObject({ title: 'Public report' });
    expect(new StoryStore(db).itemIds('story:1')).toEqual([2]);
    expect(db.prepare(`SELECT item_id AS itemId FROM quote_sources`).all()).toEqual([{ itemId: 2 }]);
    expect(new FeedStore(db).owners(2)).toEqual([{ guildId: GUILD_A, outlet: 'Insider' }]);
  });
});

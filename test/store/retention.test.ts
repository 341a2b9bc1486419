import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { createStores } from '../../src/store/index.js';
import { PRUNE_BATCH, pruneCutoffs, pruneExpired } from '../../src/store/retention.js';
import { OPERATOR } from '../../src/store/visibility.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);

/** A database with `old` items fetched 200 days ago and one fetched yesterday, each matched and in a story; the first old item is cited by a quote. */
function seeded(old: number) {
  const db = openDatabase(':memory:');
  const stores = createStores(db);
  const feed = stores.feeds.register({ url: 'https://kyivindependent.com/feed/', outlet: 'Kyiv Independent', fullText: false, intervalSeconds: 300, origin: 'config' }, NOW - 300 * DAY);
  const store = (identity: string, fetchedAt: number) => {
    const [id = 0] = stores.items.insertNew(feed.id, [{ identity, guid: identity, link: `https://kyivindependent.com/${identity}`, title: `Talks ${identity}`, author: null, summary: 'Lede.', content: 'Full text.', published: null }], fetchedAt, false);
    stores.items.markProcessed(id, fetchedAt);
    stores.itemTopics.save(id, [{ topicId: 'crimea', score: 3, explain: { status: 'matched', score: 3, threshold: 3, signals: [] } }]);
    stores.stories.addMember({ itemId: id, storyId: `story:${identity}`, similarity: 1, publishedAt: fetchedAt }, `Talks ${identity}`);
    return id;
  };
  const oldIds = Array.from({ length: old }, (_, index) => store(`old-${index}`, NOW - 200 * DAY));
  const recent = store('recent', NOW - DAY);
  const cited = oldIds[0] ?? 0;
  db.prepare(`INSERT INTO quotes (id, direct, match_key, head_key, word_count, text, kind, speaker_type, confidence, first_reported_at)
    VALUES (1, 1, 'we are not there yet', 'we are', 5, 'We are not there yet', 'full', 'unknown', 0.9, ?)`).run(NOW - 200 * DAY);
  db.prepare(`INSERT INTO quote_sources (quote_id, item_id, reported_at, start_offset, end_offset, text, kind, speaker_type, confidence)
    VALUES (1, ?, ?, 0, 20, 'We are not there yet', 'full', 'unknown', 0.9)`).run(cited, NOW - 200 * DAY);
  const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  return { db, stores, recent, cited, count };
}

describe('pruning by retention', () => {
  it('deletes old items, matches and stories in batches, and keeps a quoted item as a stub for /whosaid', async () => {
    const old = PRUNE_BATCH * 2 + 7;
    const { db, stores, recent, cited, count } = seeded(old);
    const counts = await pruneExpired(db, pruneCutoffs({ items: 180, matches: 180, stories: 180 }, true, NOW));
    expect(counts).toEqual({ stories: old, matches: old, items: old - 1, stubs: 1 });
    expect(count('items')).toBe(2);
    expect(stores.items.byId(recent, OPERATOR)).toMatchObject({ summary: 'Lede.', content: 'Full text.' });
    expect(stores.items.byId(cited, OPERATOR)).toMatchObject({ title: 'Talks old-0', link: 'https://kyivindependent.com/old-0', summary: '', content: '' });
    expect(count('quotes')).toBe(1);
    expect(stores.itemTopics.topicsOf(recent)).toHaveLength(1);
    expect(stores.itemTopics.topicsOf(cited)).toEqual([]);
    expect(count('stories')).toBe(1);
    expect(stores.stories.storyOfItem(recent)).toBe('story:recent');
  });

  it('lets quotes go with their items when told to, and prunes matches sooner than items', async () => {
    const { db, count } = seeded(3);
    const counts = await pruneExpired(db, pruneCutoffs({ items: 365, matches: 30, stories: 365 }, false, NOW));
    expect(counts).toEqual({ stories: 0, matches: 3, items: 0, stubs: 0 });
    expect(count('item_topics')).toBe(1);
    await pruneExpired(db, pruneCutoffs({ items: 30, matches: 30, stories: 30 }, false, NOW));
    expect(count('items')).toBe(1);
    expect(count('quotes')).toBe(0);
  });

  it('yields to the event loop between batches', async () => {
    const { db } = seeded(PRUNE_BATCH * 3);
    let ticks = 0;
    const ticking = setInterval(() => (ticks += 1), 0);
    await pruneExpired(db, pruneCutoffs({ items: 180, matches: 180, stories: 180 }, true, NOW));
    clearInterval(ticking);
    expect(ticks).toBeGreaterThan(3);
  });
});

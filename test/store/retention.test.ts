import { describe, expect, it } from 'vitest';
import { PRUNE_BATCH, pruneCutoffs } from '../../src/store/retention.js';
import { OPERATOR } from '../../src/store/visibility.js';
import { openTestStores, execute, queryValue } from '../support/stores.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);

/** A database with `old` items fetched 200 days ago and one fetched yesterday, each matched and in a story; the first old item is cited by a quote. */
async function seeded(old: number) {
  const stores = await openTestStores();
  const feed = await stores.feeds.register({ url: 'https://kyivindependent.com/feed/', outlet: 'Kyiv Independent', fullText: false, intervalSeconds: 300, origin: 'config' }, NOW - 300 * DAY);
  const store = async (identity: string, fetchedAt: number) => {
    const [id = 0] = await stores.items.insertNew(feed.id, [{ identity, guid: identity, link: `https://kyivindependent.com/${identity}`, title: `Talks ${identity}`, author: null, summary: 'Lede.', content: 'Full text.', published: null }], fetchedAt, false);
    await stores.items.markProcessed(id, fetchedAt);
    await stores.itemTopics.save(id, [{ topicId: 'crimea', score: 3, explain: { status: 'matched', score: 3, threshold: 3, signals: [] } }]);
    await stores.stories.addMember({ itemId: id, storyId: `story:${identity}`, similarity: 1, publishedAt: fetchedAt }, `Talks ${identity}`);
    return id;
  };
  const oldIds: number[] = [];
  for (let index = 0; index < old; index += 1) oldIds.push(await store(`old-${index}`, NOW - 200 * DAY));
  const recent = await store('recent', NOW - DAY);
  const cited = oldIds[0] ?? 0;
  await execute(stores, `INSERT INTO quotes (id, direct, match_key, head_key, word_count, text, kind, speaker_type, confidence, first_reported_at)
    VALUES (1, 1, 'we are not there yet', 'we are', 5, 'We are not there yet', 'full', 'unknown', 0.9, ?)`, NOW - 200 * DAY);
  await execute(stores, `INSERT INTO quote_sources (quote_id, item_id, reported_at, start_offset, end_offset, text, kind, speaker_type, confidence)
    VALUES (1, ?, ?, 0, 20, 'We are not there yet', 'full', 'unknown', 0.9)`, cited, NOW - 200 * DAY);
  const count = async (table: string) => Number(await queryValue(stores, `SELECT COUNT(*) AS n FROM ${table}`));
  return { stores, recent, cited, count };
}

describe('pruning by retention', () => {
  it('deletes old items, matches and stories in batches, and keeps a quoted item as a stub for /whosaid', async () => {
    const old = PRUNE_BATCH * 2 + 7;
    const { stores, recent, cited, count } = await seeded(old);
    const counts = await stores.retention.pruneExpired(pruneCutoffs({ items: 180, matches: 180, stories: 180 }, true, NOW));
    expect(counts).toEqual({ stories: old, matches: old, items: old - 1, stubs: 1 });
    expect(await count('items')).toBe(2);
    expect(await stores.items.byId(recent, OPERATOR)).toMatchObject({ summary: 'Lede.', content: 'Full text.' });
    expect(await stores.items.byId(cited, OPERATOR)).toMatchObject({ title: 'Talks old-0', link: 'https://kyivindependent.com/old-0', summary: '', content: '' });
    expect(await count('quotes')).toBe(1);
    expect(await stores.itemTopics.topicsOf(recent)).toHaveLength(1);
    expect(await stores.itemTopics.topicsOf(cited)).toEqual([]);
    expect(await count('stories')).toBe(1);
    expect(await stores.stories.storyOfItem(recent)).toBe('story:recent');
  });

  it('lets quotes go with their items when told to, and prunes matches sooner than items', async () => {
    const { stores, count } = await seeded(3);
    const counts = await stores.retention.pruneExpired(pruneCutoffs({ items: 365, matches: 30, stories: 365 }, false, NOW));
    expect(counts).toEqual({ stories: 0, matches: 3, items: 0, stubs: 0 });
    expect(await count('item_topics')).toBe(1);
    await stores.retention.pruneExpired(pruneCutoffs({ items: 30, matches: 30, stories: 30 }, false, NOW));
    expect(await count('items')).toBe(1);
    expect(await count('quotes')).toBe(0);
  });

  it('yields to the event loop between batches', async () => {
    const { stores } = await seeded(PRUNE_BATCH * 3);
    let ticks = 0;
    const ticking = setInterval(() => (ticks += 1), 0);
    await stores.retention.pruneExpired(pruneCutoffs({ items: 180, matches: 180, stories: 180 }, true, NOW));
    clearInterval(ticking);
    expect(ticks).toBeGreaterThan(3);
  });
});

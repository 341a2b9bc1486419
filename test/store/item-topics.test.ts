import { describe, expect, it } from 'vitest';
import { OPERATOR } from '../../src/store/visibility.js';
import { openTestStores } from '../support/stores.js';

describe('ItemTopicStore', () => {
  it('keeps each match with its explanation and counts recent matches per topic', async () => {
    const stores = await openTestStores();
    const { id: feedId } = await stores.feeds.register({ url: 'https://example.org/f', outlet: 'Example', fullText: false, intervalSeconds: 300, origin: 'config' }, 0);
    const base = { guid: null, link: null, author: null, summary: '', content: '', published: null };
    const [old, recent] = (await stores.items.insertNew(feedId, [{ ...base, identity: 'a', title: 'A' }], 1_000, false))
      .concat(await stores.items.insertNew(feedId, [{ ...base, identity: 'b', title: 'B' }], 5_000, false));
    const topics = stores.itemTopics;
    await topics.save(old ?? -1, [{ topicId: 'crimea', score: 3, explain: { hits: ['Crimea in title'] } }]);
    await topics.save(recent ?? -1, [
      { topicId: 'crimea', score: 2, explain: { hits: ['Crimea in lede'] } },
      { topicId: 'nato-membership', score: 4, explain: { hits: ['NATO membership in title'] } },
    ]);

    expect(await topics.topicsOf(recent ?? -1)).toEqual([
      { topicId: 'nato-membership', score: 4, explain: { hits: ['NATO membership in title'] } },
      { topicId: 'crimea', score: 2, explain: { hits: ['Crimea in lede'] } },
    ]);
    expect(await topics.recentItemIds('crimea', 0, 10, OPERATOR)).toEqual([recent, old]);
    expect(await topics.recentItemIds('crimea', 2_000, 10, OPERATOR)).toEqual([recent]);
    expect(await topics.countsSince(2_000, OPERATOR)).toEqual(new Map([['crimea', 1], ['nato-membership', 1]]));
  });
});

import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { FeedStore } from '../../src/store/feeds.js';
import { ItemTopicStore } from '../../src/store/item-topics.js';
import { ItemStore } from '../../src/store/items.js';
import { OPERATOR } from '../../src/store/visibility.js';

describe('ItemTopicStore', () => {
  it('keeps each match with its explanation and counts recent matches per topic', () => {
    const db = openDatabase(':memory:');
    const { id: feedId } = new FeedStore(db).register({ url: 'https://example.org/f', outlet: 'Example', fullText: false, intervalSeconds: 300, origin: 'config' }, 0);
    const base = { guid: null, link: null, author: null, summary: '', content: '', published: null };
    const [old, recent] = new ItemStore(db).insertNew(feedId, [{ ...base, identity: 'a', title: 'A' }], 1_000, false)
      .concat(new ItemStore(db).insertNew(feedId, [{ ...base, identity: 'b', title: 'B' }], 5_000, false));
    const topics = new ItemTopicStore(db);
    topics.save(old ?? -1, [{ topicId: 'crimea', score: 3, explain: { hits: ['Crimea in title'] } }]);
    topics.save(recent ?? -1, [
      { topicId: 'crimea', score: 2, explain: { hits: ['Crimea in lede'] } },
      { topicId: 'nato-membership', score: 4, explain: { hits: ['NATO membership in title'] } },
    ]);

    expect(topics.topicsOf(recent ?? -1)).toEqual([
      { topicId: 'nato-membership', score: 4, explain: { hits: ['NATO membership in title'] } },
      { topicId: 'crimea', score: 2, explain: { hits: ['Crimea in lede'] } },
    ]);
    expect(topics.recentItemIds('crimea', 0, 10, OPERATOR)).toEqual([recent, old]);
    expect(topics.recentItemIds('crimea', 2_000, 10, OPERATOR)).toEqual([recent]);
    expect(topics.countsSince(2_000, OPERATOR)).toEqual(new Map([['crimea', 1], ['nato-membership', 1]]));
  });
});

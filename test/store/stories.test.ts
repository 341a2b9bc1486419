import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { FeedStore } from '../../src/store/feeds.js';
import { ItemStore } from '../../src/store/items.js';
import { StoryStore } from '../../src/store/stories.js';
import { OPERATOR } from '../../src/store/visibility.js';

function storeWithItems(count: number) {
  const db = openDatabase(':memory:');
  const { id: feedId } = new FeedStore(db).register({ url: 'https://example.org/f', outlet: 'Example', fullText: false, intervalSeconds: 300, origin: 'config' }, 0);
  const base = { guid: null, link: null, author: null, summary: '', content: '', published: null };
  const ids = new ItemStore(db).insertNew(feedId, Array.from({ length: count }, (_, index) => ({ ...base, identity: `i${index}`, title: `Item ${index}` })), 0, false);
  return { stories: new StoryStore(db), ids };
}

describe('StoryStore', () => {
  it('tracks membership and the first and latest report of each story', () => {
    const { stories, ids: [a = 0, b = 0, c = 0] } = storeWithItems(3);
    stories.addMember({ itemId: b, storyId: 'story:b', similarity: 0, publishedAt: 2_000 }, 'Leaders meet at the White House');
    stories.addMember({ itemId: a, storyId: 'story:b', similarity: 0.6, publishedAt: 1_000 }, 'ignored: the story keeps its first title');
    stories.addMember({ itemId: c, storyId: 'story:c', similarity: 0, publishedAt: 5_000 }, 'Strikes on Kharkiv');

    expect(stories.byId('story:b', OPERATOR)).toEqual({ id: 'story:b', title: 'Leaders meet at the White House', firstReportedAt: 1_000, lastReportedAt: 2_000 });
    expect(stories.itemIds('story:b')).toEqual([a, b]);
    expect(stories.storyOfItem(c)).toBe('story:c');
    expect(stories.membersSince(1_500).map((member) => member.itemId)).toEqual([b, c]);
    expect(stories.search('white HOUSE', 10, OPERATOR).map((story) => story.id)).toEqual(['story:b']);
    expect(stories.search('100%_', 10, OPERATOR)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { OPERATOR } from '../../src/store/visibility.js';
import { openTestStores } from '../support/stores.js';

async function storeWithItems(count: number) {
  const stores = await openTestStores();
  const { id: feedId } = await stores.feeds.register({ url: 'https://example.org/f', outlet: 'Example', fullText: false, intervalSeconds: 300, origin: 'config' }, 0);
  const base = { guid: null, link: null, author: null, summary: '', content: '', published: null };
  const ids = await stores.items.insertNew(feedId, Array.from({ length: count }, (_, index) => ({ ...base, identity: `i${index}`, title: `Item ${index}` })), 0, false);
  return { stories: stores.stories, ids };
}

describe('StoryStore', () => {
  it('tracks membership and the first and latest report of each story', async () => {
    const { stories, ids: [a = 0, b = 0, c = 0] } = await storeWithItems(3);
    await stories.addMember({ itemId: b, storyId: 'story:b', similarity: 0, publishedAt: 2_000 }, 'Leaders meet at the White House');
    await stories.addMember({ itemId: a, storyId: 'story:b', similarity: 0.6, publishedAt: 1_000 }, 'ignored: the story keeps its first title');
    await stories.addMember({ itemId: c, storyId: 'story:c', similarity: 0, publishedAt: 5_000 }, 'Strikes on Kharkiv');

    expect(await stories.byId('story:b', OPERATOR)).toEqual({ id: 'story:b', title: 'Leaders meet at the White House', firstReportedAt: 1_000, lastReportedAt: 2_000 });
    expect(await stories.itemIds('story:b')).toEqual([a, b]);
    expect(await stories.storyOfItem(c)).toBe('story:c');
    expect((await stories.membersSince(1_500)).map((member) => member.itemId)).toEqual([b, c]);
    expect((await stories.search('white HOUSE', 10, OPERATOR)).map((story) => story.id)).toEqual(['story:b']);
    expect(await stories.search('100%_', 10, OPERATOR)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { guildViewer, OPERATOR } from '../../src/store/visibility.js';
import { openTestStores } from '../support/stores.js';

const GUILD_A = '140000000000000001';
const GUILD_B = '140000000000000002';
const DAY = 86_400_000;
const AUG_17 = Date.UTC(2025, 7, 17, 12);
const base = { guid: null, link: null, author: null, summary: '', content: '', published: null };

/** Public Kyiv and TASS feeds, and a feed guild A added as Ukrainian and guild B as Russian state media. */
async function labelledFeeds() {
  const stores = await openTestStores();
  const feeds = stores.feeds;
  const items = stores.items;
  const stories = stores.stories;
  const register = (url: string, outlet: string, country: string, perspective: string) =>
    feeds.register({ url, outlet, fullText: false, intervalSeconds: 600, origin: 'config', country, perspective }, 0);
  const kyiv = await register('https://kyiv.example/rss', 'Kyiv Daily', 'UA', 'ukrainian');
  const tass = await register('https://tass.example/rss', 'Agency', 'RU', 'russian-state');
  const insider = await feeds.addForGuild(GUILD_A, { url: 'https://insider.example/rss', outlet: 'A’s tip line', fullText: false, intervalSeconds: 600, country: 'UA', perspective: 'ukrainian' }, 0);
  await feeds.addForGuild(GUILD_B, { url: 'https://insider.example/rss', outlet: 'B’s wire', fullText: false, intervalSeconds: 600, country: 'RU', perspective: 'russian-state' }, 0);
  let identity = 0;
  const report = async (feedId: number, storyId: string, publishedAt: number): Promise<number> => {
    const [id = 0] = await items.insertNew(feedId, [{ ...base, identity: String((identity += 1)), title: `report ${identity}` }], publishedAt, false);
    await stories.addMember({ itemId: id, storyId, similarity: 1, publishedAt }, `story ${storyId}`);
    return id;
  };
  return { stores, feeds, items, stories, kyiv, tass, insider, report };
}

describe('feed perspectives in the store', () => {
  it('keeps each owner’s own labels for a shared guild feed, and the configured labels for public ones', async () => {
    const { feeds, kyiv, insider } = await labelledFeeds();
    expect(await feeds.byId(kyiv.id)).toMatchObject({ country: 'UA', perspective: 'ukrainian' });
    expect((await feeds.visibleTo(GUILD_A)).find((feed) => feed.id === insider.id)).toMatchObject({ country: 'UA', perspective: 'ukrainian' });
    expect((await feeds.visibleTo(GUILD_B)).find((feed) => feed.id === insider.id)).toMatchObject({ country: 'RU', perspective: 'russian-state' });
  });

  it('defaults a feed registered without labels to "other"', async () => {
    const feeds = (await openTestStores()).feeds;
    expect(await feeds.register({ url: 'https://x.example/rss', outlet: 'X', fullText: false, intervalSeconds: 600, origin: 'config' }, 0)).toMatchObject({ country: null, perspective: 'other' });
  });

  it('counts per story and day the reports of each perspective the guild may see, never another guild’s private feed', async () => {
    const { stores, kyiv, tass, insider, report, items } = await labelledFeeds();
    await report(kyiv.id, 'summit', AUG_17);
    await report(tass.id, 'summit', AUG_17 + 3_600_000);
    await report(kyiv.id, 'summit', AUG_17 + DAY);
    const tip = await report(insider.id, 'tip', AUG_17);
    const window = { since: AUG_17 - DAY, until: AUG_17 + 2 * DAY };
    const publicRows = [
      { storyId: 'summit', day: '2025-08-17', perspective: 'russian-state', reports: 1 },
      { storyId: 'summit', day: '2025-08-17', perspective: 'ukrainian', reports: 1 },
      { storyId: 'summit', day: '2025-08-18', perspective: 'ukrainian', reports: 1 },
    ];
    expect(await stores.stories.perspectivesByDay(window, guildViewer('140000000000000003'))).toEqual(publicRows);
    expect(await stores.stories.perspectivesByDay(window, guildViewer(GUILD_A))).toEqual([...publicRows, { storyId: 'tip', day: '2025-08-17', perspective: 'ukrainian', reports: 1 }]);
    expect(await stores.stories.perspectivesByDay(window, guildViewer(GUILD_B))).toEqual([...publicRows, { storyId: 'tip', day: '2025-08-17', perspective: 'russian-state', reports: 1 }]);
    expect(await stores.stories.perspectivesByDay({ ...window, until: AUG_17 + DAY }, OPERATOR)).toHaveLength(3);
    expect((await items.byId(tip, guildViewer(GUILD_B)))?.perspective).toBe('russian-state');
  });

  it('narrows the count to stories with a report on the topics asked for', async () => {
    const { stores, kyiv, tass, report } = await labelledFeeds();
    const matched = await report(kyiv.id, 'summit', AUG_17);
    await report(tass.id, 'summit', AUG_17);
    await report(tass.id, 'strike', AUG_17);
    await stores.itemTopics.save(matched, [{ topicId: 'security-guarantees', score: 5, explain: {} }]);
    const rows = await stores.stories.perspectivesByDay({ since: 0, until: AUG_17 + DAY, topicIds: ['security-guarantees'] }, guildViewer(GUILD_A));
    expect(rows.map((row) => `${row.storyId} ${row.perspective}`)).toEqual(['summit russian-state', 'summit ukrainian']);
  });
});

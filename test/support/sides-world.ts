import type { ExtractedQuote } from '../../src/analysis/quotes/types.js';
import { loadPerspectives } from '../../src/config/perspectives.js';
import { createStoryReader, type StoryReader } from '../../src/services/stories.js';
import type { Stores } from '../../src/store/index.js';
import { extracted, person } from './quotes-db.js';
import { openTestStores } from './stores.js';

export const GUILD_A = '140000000000000001';
export const GUILD_B = '140000000000000002';
export const GUILD_C = '140000000000000003';
export const HOUR = 3_600_000;
/** When the summit story's first report came out. */
export const T0 = Date.UTC(2025, 8, 1, 6);
export const PERSPECTIVES = loadPerspectives('config');
export const PRINCIPALS = new Set(['volodymyr-zelensky', 'steve-witkoff']);
export const TOPIC = 'peace-talks';

export interface SidesWorld {
  stores: Stores;
  reader: StoryReader;
  /** Stores a report of the feed in the story, matched to TOPIC, with its quotes; returns the item id. */
  report(feedId: number, storyId: string, hoursIn: number, title: string, quotes?: readonly ExtractedQuote[]): Promise<number>;
  feeds: { ukrinform: number; kyiv: number; tass: number; reuters: number; shared: number };
}

/**
 * Public feeds of three sides (Ukrinform and Kyiv Independent Ukrainian, TASS Russian state media, Reuters western)
 * and a feed guilds A and B both added, A labelling it Gulf media and B Russian state media. Story "summit": all
 * three public sides, each quoting someone; story "tass-only": two TASS reports.
 */
export async function sidesWorld(): Promise<SidesWorld> {
  const stores = await openTestStores();
  const register = async (outlet: string, perspective: string, country: string) =>
    (await stores.feeds.register({ url: `https://${outlet.toLowerCase().replace(/\W+/gu, '')}.example/rss`, outlet, fullText: false, intervalSeconds: 600, origin: 'config', country, perspective }, 0)).id;
  const shared = { url: 'https://insider.example/rss', fullText: false, intervalSeconds: 600 };
  const feeds = {
    ukrinform: await register('Ukrinform', 'ukrainian', 'UA'),
    kyiv: await register('Kyiv Independent', 'ukrainian', 'UA'),
    tass: await register('TASS', 'russian-state', 'RU'),
    reuters: await register('Reuters', 'western', 'GB'),
    shared: (await stores.feeds.addForGuild(GUILD_A, { ...shared, outlet: 'A’s tip line', country: 'QA', perspective: 'gulf' }, 0)).id,
  };
  await stores.feeds.addForGuild(GUILD_B, { ...shared, outlet: 'B’s wire', country: 'RU', perspective: 'russian-state' }, 0);
  let identity = 0;
  const report: SidesWorld['report'] = async (feedId, storyId, hoursIn, title, quotes = []) => {
    const at = T0 + hoursIn * HOUR;
    identity += 1;
    const [itemId = 0] = await stores.items.insertNew(
      feedId,
      [{ identity: String(identity), guid: null, link: `https://news.example/${identity}`, title, author: null, summary: '', content: quotes.map((quote) => quote.quote).join(' '), published: new Date(at).toISOString() }],
      at,
      false,
    );
    await stores.quotes.saveForItem(itemId, at, quotes);
    await stores.stories.addMember({ itemId, storyId, similarity: 1, publishedAt: at }, title);
    await stores.itemTopics.save(itemId, [{ topicId: TOPIC, score: 5, explain: {} }]);
    return itemId;
  };
  const world: SidesWorld = { stores, reader: createStoryReader({ ...stores, principalIds: PRINCIPALS, perspectives: PERSPECTIVES }), report, feeds };
  await report(feeds.ukrinform, 'summit', 0, 'Zelensky: we are ready for a meeting at leaders’ level', [
    extracted('We are ready for a meeting at the level of leaders', person('Volodymyr Zelensky')),
  ]);
  await report(feeds.tass, 'summit', 1, 'Kremlin: no date set for Putin–Zelensky meeting', [
    extracted('The United States and Europe will decide nothing without us, it is completely clear', { confidence: 0.95 }),
    extracted('No date has been set for any such meeting, the work continues at expert level', { speaker: 'Dmitry Peskov', speakerType: 'person', speakerLabel: 'Kremlin spokesman Dmitry Peskov', confidence: 0.9 }),
  ]);
  await report(feeds.kyiv, 'summit', 2, 'Kyiv awaits Moscow’s answer on summit');
  await report(feeds.reuters, 'summit', 3, 'Witkoff says leaders’ meeting could come within weeks', [
    extracted('We think a meeting between the leaders could come within weeks', person('Steve Witkoff')),
  ]);
  await report(feeds.tass, 'tass-only', 1, 'Russian forces take village in Donetsk region');
  await report(feeds.tass, 'tass-only', 4, 'Defence ministry: second village taken in Donetsk region');
  return world;
}

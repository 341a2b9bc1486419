import { summarizeStory } from '../analysis/summary/index.js';
import type { DigestStory } from '../digest/index.js';
import { analysisText, publishedTime } from './item-text.js';
import type { ItemTopicStore } from '../store/item-topics.js';
import type { StoredItem } from '../store/items.js';
import type { Viewer } from '../store/visibility.js';
import { rankStoredQuotes } from './rank-stored-quotes.js';
import { readStorySides, type StorySidesDependencies, type StorySidesView } from './story-sides.js';

export interface StoryReaderDependencies extends StorySidesDependencies {
  itemTopics: ItemTopicStore;
}

/** Reads stored stories back as the plain data the summary and digest core take, as the viewer may see them. */
export interface StoryReader {
  /** The story; null when there is none the viewer may see. */
  story(storyId: string, viewer: Viewer): Promise<DigestStory | null>;
  /** Stories the viewer may see with a report between the two times matching any of the topics, latest report first. */
  storiesForTopics(topicIds: readonly string[], since: number, until: number, viewer: Viewer): Promise<DigestStory[]>;
  /** The story side by side (/story sides); null when there is none the viewer may see. */
  sides(storyId: string, viewer: Viewer): Promise<StorySidesView | null>;
}

const MAX_ITEMS_PER_TOPIC = 500;

export function createStoryReader(deps: StoryReaderDependencies): StoryReader {
  const story = async (storyId: string, viewer: Viewer): Promise<DigestStory | null> => {
    const stored = await deps.stories.byId(storyId, viewer);
    if (!stored) return null;
    const items: StoredItem[] = [];
    for (const id of await deps.stories.itemIds(storyId)) {
      const item = await deps.items.byId(id, viewer);
      if (item) items.push(item);
    }
    const first = items[0];
    if (!first) return null;
    const summary = summarizeStory(items.map((item) => ({ title: item.title, text: analysisText(item), outlet: item.outlet })), { maxSentences: 2 });
    return {
      id: storyId,
      title: stored.title,
      url: first.link ?? '',
      summary: summary.summary,
      sources: sourcesOf(items),
      reports: items.map((item) => ({ perspective: item.perspective, publishedAt: publishedTime(item) })),
      firstReportAt: new Date(stored.firstReportedAt),
      latestReportAt: new Date(stored.lastReportedAt),
      keyQuotes: rankStoredQuotes(await deps.quotes.topQuotesForItems(items.map((item) => item.id), viewer), deps.principalIds, 5),
      topicIds: topicsBestFirst(await topicsOfItems(deps.itemTopics, items)),
    };
  };

  return {
    story,
    sides: (storyId, viewer) => readStorySides(deps, storyId, viewer),
    async storiesForTopics(topicIds, since, until, viewer) {
      const storyIds = new Set<string>();
      for (const topicId of topicIds) {
        for (const itemId of await deps.itemTopics.recentItemIds(topicId, since, MAX_ITEMS_PER_TOPIC, viewer)) {
          const storyId = await deps.stories.storyOfItem(itemId);
          if (storyId) storyIds.add(storyId);
        }
      }
      const stories: DigestStory[] = [];
      for (const storyId of storyIds) {
        const found = await story(storyId, viewer);
        if (found) stories.push(found);
      }
      return stories
        .filter((found) => found.latestReportAt.getTime() >= since && found.firstReportAt.getTime() <= until)
        .sort((a, b) => b.latestReportAt.getTime() - a.latestReportAt.getTime());
    },
  };
}

async function topicsOfItems(itemTopics: ItemTopicStore, items: readonly StoredItem[]): Promise<{ topicId: string; score: number }[]> {
  const matches: { topicId: string; score: number }[] = [];
  for (const item of items) matches.push(...(await itemTopics.topicsOf(item.id)));
  return matches;
}

/** The story's topics by their summed match scores across its items, best first. */
function topicsBestFirst(matches: readonly { topicId: string; score: number }[]): string[] {
  const totals = new Map<string, number>();
  for (const match of matches) totals.set(match.topicId, (totals.get(match.topicId) ?? 0) + match.score);
  return [...totals].sort((a, b) => b[1] - a[1]).map(([topicId]) => topicId);
}

/** One source per outlet, earliest report first, with the outlet's perspective. */
function sourcesOf(items: readonly StoredItem[]): DigestStory['sources'] {
  const byOutlet = new Map<string, { outlet: string; url: string; perspective: string; at: number }>();
  for (const item of items) {
    const at = publishedTime(item);
    const known = byOutlet.get(item.outlet);
    if (!known || at < known.at) byOutlet.set(item.outlet, { outlet: item.outlet, url: item.link ?? '', perspective: item.perspective, at });
  }
  return [...byOutlet.values()].sort((a, b) => a.at - b.at).map(({ outlet, url, perspective }) => ({ outlet, url, perspective }));
}

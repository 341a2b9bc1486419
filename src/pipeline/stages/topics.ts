import { capStoredExplanations, type TopicMatch, type TopicMatcher } from '../../analysis/topics/index.js';
import type { ItemTopicStore } from '../../store/item-topics.js';
import type { StoredItem } from '../../store/items.js';
import { publishedTime } from '../../services/item-text.js';

export interface TopicStageDependencies {
  /** The matcher of the moment: recompiled whenever a guild changes its topics. */
  matcher: () => TopicMatcher;
  itemTopics: ItemTopicStore;
}

/**
 * Matches the item against every topic (shipped and guild-defined), stores the matches with their explanations (capped
 * per topic and item) and returns them, best first. The item's date (when it was fetched, if the feed gave none) decides rules with a date window.
 */
export async function matchTopics(item: StoredItem, deps: TopicStageDependencies): Promise<TopicMatch[]> {
  const published = new Date(publishedTime(item)).toISOString();
  const matches = deps.matcher().match({ title: item.title, summary: item.summary, content: item.content, published });
  await deps.itemTopics.save(item.id, capStoredExplanations(matches));
  return matches;
}

import { capStoredExplanations, type TopicMatcher } from '../../analysis/topics/index.js';
import type { ItemTopicStore } from '../../store/item-topics.js';
import type { ItemStage } from '../item-stage.js';
import { publishedTime } from '../item-text.js';

/**
 * Matches the item against every topic (shipped and guild-defined) and stores the matches with their explanations
 * (capped per topic and item). The item's date (when it was fetched, if the feed gave none) decides rules with a date
 * window.
 */
export function topicStage(deps: { matcher: () => TopicMatcher; itemTopics: ItemTopicStore }): ItemStage {
  return {
    name: 'topics',
    process(item) {
      const published = new Date(publishedTime(item)).toISOString();
      const matches = deps.matcher().match({ title: item.title, summary: item.summary, content: item.content, published });
      deps.itemTopics.save(item.id, capStoredExplanations(matches));
    },
  };
}

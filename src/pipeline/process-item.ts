import type { StoredItem } from '../store/items.js';
import type { AlertPlanningInput } from './alert-planning.js';
import { alertsFor, type AlertStageDependencies } from './stages/alerts.js';
import { storeQuotes, type QuoteStageDependencies } from './stages/quotes.js';
import { assignStory, type StoryStageDependencies } from './stages/stories.js';
import { matchTopics, type TopicStageDependencies } from './stages/topics.js';

/** Everything the stages of an item need, and where its alerts go. */
export interface ItemPipeline extends TopicStageDependencies, QuoteStageDependencies, StoryStageDependencies, AlertStageDependencies {
  /** The Discord outbox, or the terminal when running headless. */
  deliver: (alert: AlertPlanningInput) => Promise<void>;
}

export type StageName = 'topics' | 'quotes' | 'stories' | 'alerts';

/**
 * Runs one stage of an item in a savepoint of its own and returns what it returned. A stage that throws has its own
 * writes undone and is logged, and `ifFailed` goes forward instead.
 */
export type StageRunner = <T>(stage: StageName, item: StoredItem, run: () => Promise<T>, ifFailed: T) => Promise<T>;

/**
 * What happens to a newly stored item: it is matched against every topic, its quotes are extracted, it joins (or
 * starts) a story, and what it means for whoever follows those topics, people or the story becomes alerts, delivered.
 * Each stage passes its result forward; the alert is built from them.
 *
 * A failed stage passes forward "nothing found": no topics, no quotes, no story. The later stages still run on what
 * is left (an item whose quotes failed still joins its story), but without a story there is nothing to alert about.
 */
export async function processItem(item: StoredItem, pipeline: ItemPipeline, inSavepoint: StageRunner): Promise<void> {
  const topics = await inSavepoint('topics', item, () => matchTopics(item, pipeline), []);
  const quotes = await inSavepoint('quotes', item, () => storeQuotes(item, pipeline), []);
  const story = await inSavepoint('stories', item, () => assignStory(item, pipeline), null);
  // A feed's first poll is its archive, not news: analysed (its quotes become searchable) but never alerted.
  if (story === null || item.fromInitialPoll) return;
  const planAndDeliver = async (): Promise<void> => {
    const alerts = await alertsFor(item, { topics, quotes, story }, pipeline);
    for (const alert of alerts) await pipeline.deliver(alert);
  };
  await inSavepoint('alerts', item, planAndDeliver, undefined);
}

import type { StoredItem } from '../store/items.js';
import type { AlertPlanningInput } from './alert-planning.js';
import { alertsFor, type AlertStageDependencies } from './stages/alerts.js';
import { storeQuotes, type QuoteStageDependencies } from './stages/quotes.js';
import { assignStory, type StoryStageDependencies } from './stages/stories.js';
import { matchTopics, type TopicStageDependencies } from './stages/topics.js';

/** Everything the stages of an item need, and where its alerts go. */
export interface ItemPipeline extends TopicStageDependencies, QuoteStageDependencies, StoryStageDependencies, AlertStageDependencies {
  /** The Discord outbox, or the terminal when running headless. */
  deliver: (alert: AlertPlanningInput) => void;
}

export type StageName = 'topics' | 'quotes' | 'stories' | 'alerts';

/**
 * Runs one stage of an item in a savepoint of its own and returns what it returned. A stage that throws has its own
 * writes undone and is logged, and `ifFailed` goes forward instead.
 */
export type StageRunner = <T>(stage: StageName, item: StoredItem, run: () => T, ifFailed: T) => T;

/**
 * What happens to a newly stored item: it is matched against every topic, its quotes are extracted, it joins (or
 * starts) a story, and what it means for whoever follows those topics, people or the story becomes alerts, delivered.
 * Each stage passes its result forward; the alert is built from them.
 *
 * A failed stage passes forward "nothing found": no topics, no quotes, no story. The later stages still run on what
 * is left (an item whose quotes failed still joins its story), but without a story there is nothing to alert about.
 */
export function processItem(item: StoredItem, pipeline: ItemPipeline, inSavepoint: StageRunner): void {
  const topics = inSavepoint('topics', item, () => matchTopics(item, pipeline), []);
  const quotes = inSavepoint('quotes', item, () => storeQuotes(item, pipeline), []);
  const story = inSavepoint('stories', item, () => assignStory(item, pipeline), null);
  // A feed's first poll is its archive, not news: analysed (its quotes become searchable) but never alerted.
  if (story === null || item.fromInitialPoll) return;
  const planAndDeliver = (): void => {
    const alerts = alertsFor(item, { topics, quotes, story }, pipeline);
    for (const alert of alerts) pipeline.deliver(alert);
  };
  inSavepoint('alerts', item, planAndDeliver, undefined);
}

import type { StoredItem } from '../store/items.js';

/**
 * One step of what happens to a newly stored item (topic matching, quotes, stories, alerts).
 * Stages run in order, 50 items to a transaction, each item and each stage in a savepoint of its own: a failing
 * stage undoes only its own writes, and a crash mid-batch rolls the batch back to be processed again on restart.
 */
export interface ItemStage {
  name: string;
  process(item: StoredItem): void;
}

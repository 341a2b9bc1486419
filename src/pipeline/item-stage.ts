import type { StoredItem } from '../store/items.js';

/**
 * One step of what happens to a newly stored item (topic matching, quotes, stories, alerts).
 * Stages run in order inside one database transaction per item, so an item is either fully
 * processed or not at all, and a crash mid-way is redone on restart.
 */
export interface ItemStage {
  name: string;
  process(item: StoredItem): void;
}

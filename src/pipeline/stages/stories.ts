import type { ClusterItem, StoryClusterer } from '../../analysis/stories/index.js';
import type { ItemStore, StoredItem } from '../../store/items.js';
import type { StoryStore } from '../../store/stories.js';
import type { ItemStage } from '../item-stage.js';
import { ledeOf, publishedTime } from '../item-text.js';

export interface StoryStageDependencies {
  clusterer: StoryClusterer;
  stories: StoryStore;
  /** Canonical ids or names of the people a text names. */
  peopleNamedIn: (text: string) => string[];
}

/** Puts the item into the story it reports (joining other outlets' reports) and stores the membership. */
export function storyStage(deps: StoryStageDependencies): ItemStage {
  return {
    name: 'stories',
    process(item) {
      const clusterItem = toClusterItem(item, deps.peopleNamedIn);
      const assignment = deps.clusterer.assign(clusterItem);
      deps.stories.addMember(
        { itemId: item.id, storyId: assignment.storyId, similarity: assignment.similarity, publishedAt: clusterItem.publishedAt.getTime() },
        item.title,
      );
    },
  };
}

/** Rebuilds the clusterer's window from stored membership after a restart, oldest first. */
export function restoreStoryWindow(deps: StoryStageDependencies & { items: ItemStore; since: number }): number {
  let restored = 0;
  for (const member of deps.stories.membersSince(deps.since)) {
    const item = deps.items.byId(member.itemId);
    if (!item) continue;
    deps.clusterer.restore(toClusterItem(item, deps.peopleNamedIn), member.storyId);
    restored += 1;
  }
  return restored;
}

function toClusterItem(item: StoredItem, peopleNamedIn: (text: string) => string[]): ClusterItem {
  const lede = ledeOf(item);
  return {
    id: String(item.id),
    title: item.title,
    lede,
    publishedAt: new Date(publishedTime(item)),
    outlet: item.outlet,
    people: peopleNamedIn(`${item.title}\n${lede}`),
  };
}

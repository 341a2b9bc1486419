import type { ClusterItem, StoryAssignment, StoryClusterer } from '../../analysis/stories/index.js';
import type { ItemStore, StoredItem } from '../../store/items.js';
import type { StoryStore } from '../../store/stories.js';
import { OPERATOR } from '../../store/visibility.js';
import { ledeOf, publishedTime } from '../../services/item-text.js';

/**
 * One clusterer for the public feeds' items and one per guild-added feed: a private feed's item never joins a public
 * story (nor a public item a private one), so every story is seen whole by exactly the guilds that may see its items.
 */
export class ScopedClusterers {
  private readonly byPrivateFeed = new Map<number, StoryClusterer>();
  private readonly publicClusterer: StoryClusterer;

  constructor(private readonly create: () => StoryClusterer) {
    this.publicClusterer = create();
  }

  for(item: Pick<StoredItem, 'privateFeedId'>): StoryClusterer {
    if (item.privateFeedId === null) return this.publicClusterer;
    let clusterer = this.byPrivateFeed.get(item.privateFeedId);
    if (!clusterer) this.byPrivateFeed.set(item.privateFeedId, (clusterer = this.create()));
    return clusterer;
  }
}

export interface StoryStageDependencies {
  clusterers: ScopedClusterers;
  stories: StoryStore;
  /** Canonical ids or names of the people a text names. */
  peopleNamedIn: (text: string) => string[];
}

/** Puts the item into the story it reports (joining other outlets' reports), stores the membership and returns it. */
export async function assignStory(item: StoredItem, deps: StoryStageDependencies): Promise<StoryAssignment> {
  const clusterItem = toClusterItem(item, deps.peopleNamedIn);
  const assignment = deps.clusterers.for(item).assign(clusterItem);
  await deps.stories.addMember(
    { itemId: item.id, storyId: assignment.storyId, similarity: assignment.similarity, publishedAt: clusterItem.publishedAt.getTime() },
    item.title,
  );
  return assignment;
}

/** Story members whose items one query reads when the window is restored. */
const RESTORE_BATCH = 500;

/** Rebuilds the clusterer's window from stored membership after a restart (or an election), oldest first. */
export async function restoreStoryWindow(deps: StoryStageDependencies & { items: ItemStore; since: number }): Promise<number> {
  let restored = 0;
  const members = await deps.stories.membersSince(deps.since);
  // Items read RESTORE_BATCH at a time: one query each, not one per member (a new analysis leader waits for this).
  for (let start = 0; start < members.length; start += RESTORE_BATCH) {
    const batch = members.slice(start, start + RESTORE_BATCH);
    const items = new Map((await deps.items.byIds(batch.map((member) => member.itemId), OPERATOR)).map((item) => [item.id, item]));
    for (const member of batch) {
      const item = items.get(member.itemId);
      if (!item) continue;
      deps.clusterers.for(item).restore(toClusterItem(item, deps.peopleNamedIn), member.storyId);
      restored += 1;
    }
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

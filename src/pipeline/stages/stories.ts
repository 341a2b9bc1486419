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

/** Rebuilds the clusterer's window from stored membership after a restart, oldest first. */
export async function restoreStoryWindow(deps: StoryStageDependencies & { items: ItemStore; since: number }): Promise<number> {
  let restored = 0;
  for (const member of await deps.stories.membersSince(deps.since)) {
    const item = await deps.items.byId(member.itemId, OPERATOR);
    if (!item) continue;
    deps.clusterers.for(item).restore(toClusterItem(item, deps.peopleNamedIn), member.storyId);
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

import { dot, type SparseVector } from '../summary/vectors.js';
import { TermStatistics } from './term-statistics.js';
import { itemFeatures, type ClusterItem, type ItemFeatures } from './features.js';
import { matchFactor } from './agreement.js';
import { addMember, newStory, removeMember, type StoryState, type WindowItem } from './story-state.js';

export interface StoryAssignment {
  storyId: string;
  /** The item starts a story of its own. */
  isNew: boolean;
  /** Similarity to the best matching story (below the threshold when the item starts a new one). */
  similarity: number;
}

export interface StoryClustererOptions {
  /** Items older than this (relative to the newest item seen) leave the window. Default 48. */
  windowHours?: number;
  /** Minimum similarity to join a story. Default 0.2. */
  threshold?: number;
  /** IDF is computed over this many most recent items, however old (at least the window's items matter). Default 5000. */
  vocabularyMemory?: number;
  /** Id for a story an item starts. Default `story:<item id>`. */
  newStoryId?: (item: ClusterItem) => string;
}

const HOUR_MS = 3_600_000;
/**
 * Candidates are the items sharing one of the report's most distinctive terms; terms found in more items than this
 * tell nothing apart and would make the cost grow with the window.
 */
const CANDIDATE_TERMS = 12;
const MAX_POSTINGS_PER_CANDIDATE_TERM = 256;
const MAX_CANDIDATE_STORIES = 12;
const CAST_SHARE = 0.1;
const CAST_MIN_DOCUMENTS = 20;
/**
 * Online story clustering over a sliding window: each item joins the most similar recent story or starts a new one.
 * Similarity is the TF-IDF cosine of title and lede (IDF over recent items; people and places as weighted terms;
 * headline synonyms folded), averaged over the story's centroid and its closest member, and discounted when the
 * places or people named disagree with the story's and as the time gap grows. An inverted index over distinctive
 * terms keeps the cost per item independent of the window size.
 */
export class StoryClusterer {
  private readonly windowMs: number;
  private readonly threshold: number;
  private readonly newStoryId: (item: ClusterItem) => string;
  private readonly items = new Map<string, WindowItem>();
  private readonly stories = new Map<string, StoryState>();
  private readonly statistics: TermStatistics;
  /** Per term, the window's items with that term and the term's weight in each (the hot loop reads both). */
  private readonly postings = new Map<string, Map<WindowItem, number>>();
  /** Items in publication order from `timelineStart`; evicted entries before it are compacted away lazily. */
  private timeline: WindowItem[] = [];
  private timelineStart = 0;
  private newestAt = -Infinity;
  /** Numbers the candidate searches, so that an item's `partial` is known to be from the current one. */
  private searches = 0;

  constructor(options: StoryClustererOptions = {}) {
    this.windowMs = (options.windowHours ?? 48) * HOUR_MS;
    this.threshold = options.threshold ?? 0.2;
    this.newStoryId = options.newStoryId ?? ((item) => `story:${item.id}`);
    this.statistics = new TermStatistics(options.vocabularyMemory ?? 5000);
  }

  get itemCount(): number {
    return this.items.size;
  }

  get storyCount(): number {
    return this.stories.size;
  }

  storyOf(itemId: string): string | undefined {
    return this.items.get(itemId)?.storyId;
  }

  /** Puts the item in the best matching story within the window, or in a new story. Re-assigning an item is a no-op. */
  assign(item: ClusterItem): StoryAssignment {
    const known = this.items.get(item.id);
    if (known) return { storyId: known.storyId, isNew: false, similarity: 1 };
    this.advanceWindow(item.publishedAt.getTime());
    const features = itemFeatures(item);
    const vector = this.weigh(features.counts);
    const best = this.bestStory(vector, features, item.publishedAt.getTime());
    if (best && best.similarity >= this.threshold) {
      this.insert(item, features, vector, best.story.id);
      return { storyId: best.story.id, isNew: false, similarity: best.similarity };
    }
    const storyId = this.newStoryId(item);
    this.insert(item, features, vector, storyId);
    return { storyId, isNew: true, similarity: best?.similarity ?? 0 };
  }

  /** Rebuilds state from storage: puts the item in the given story without matching. Restore oldest first. */
  restore(item: ClusterItem, storyId: string): void {
    if (this.items.has(item.id)) return;
    this.advanceWindow(item.publishedAt.getTime());
    const features = itemFeatures(item);
    this.insert(item, features, this.weigh(features.counts), storyId);
  }

  /** Drops items published before `cutoff`; returns how many left. Called automatically as newer items arrive. */
  evictBefore(cutoff: Date): number {
    const cutoffMs = cutoff.getTime();
    let evicted = 0;
    while (this.timelineStart < this.timeline.length && this.timeline[this.timelineStart]!.publishedAt < cutoffMs) {
      this.remove(this.timeline[this.timelineStart]!);
      this.timelineStart++;
      evicted++;
    }
    if (this.timelineStart > 1024 && this.timelineStart * 2 > this.timeline.length) {
      this.timeline = this.timeline.slice(this.timelineStart);
      this.timelineStart = 0;
    }
    return evicted;
  }

  private advanceWindow(publishedAt: number): void {
    // An invalid date would sit in the timeline forever and stop eviction: a caller bug, not an input to tolerate.
    if (Number.isNaN(publishedAt)) throw new TypeError('StoryClusterer: item.publishedAt is an invalid Date');
    if (publishedAt <= this.newestAt) return;
    this.newestAt = publishedAt;
    this.evictBefore(new Date(publishedAt - this.windowMs));
  }

  private weigh(counts: Map<string, number>): SparseVector {
    const vector: SparseVector = new Map();
    let sumOfSquares = 0;
    for (const [term, count] of counts) {
      const weight = (1 + Math.log(count)) * this.statistics.idf(term);
      vector.set(term, weight);
      sumOfSquares += weight * weight;
    }
    const norm = Math.sqrt(sumOfSquares) || 1;
    for (const [term, weight] of vector) vector.set(term, weight / norm);
    return vector;
  }

  /**
   * Candidates come from the inverted index over the report's most distinctive terms; per story, the member sharing
   * the most of them stands for the story's closest member. The cost is bounded whatever the window size.
   */
  private bestStory(vector: SparseVector, features: ItemFeatures, publishedAt: number) {
    const distinctive = [...vector]
      .filter(([term]) => (this.postings.get(term)?.size ?? 0) <= MAX_POSTINGS_PER_CANDIDATE_TERM)
      .sort((a, b) => b[1] - a[1])
      .slice(0, CANDIDATE_TERMS);
    // Partial scores accumulate on the items themselves: a Map per search was most of the cost of clustering.
    const search = ++this.searches;
    const scored: WindowItem[] = [];
    for (const [term, weight] of distinctive) {
      for (const [member, memberWeight] of this.postings.get(term) ?? []) {
        if (member.searchedIn !== search) {
          member.searchedIn = search;
          member.partial = 0;
          scored.push(member);
        }
        member.partial += weight * memberWeight;
      }
    }
    const closestByStory = new Map<string, { partial: number; member: WindowItem }>();
    for (const member of scored) {
      const { partial } = member;
      const current = closestByStory.get(member.storyId);
      if (!current) closestByStory.set(member.storyId, { partial, member });
      else if (partial > current.partial) {
        current.partial = partial;
        current.member = member;
      }
    }
    const candidates = topByPartial(closestByStory.values(), MAX_CANDIDATE_STORIES);
    let best: { story: StoryState; similarity: number } | null = null;
    for (const { member } of candidates) {
      const story = this.stories.get(member.storyId)!;
      const similarity = this.similarity(vector, features, publishedAt, story, member);
      if (!best || similarity > best.similarity) best = { story, similarity };
    }
    return best;
  }

  private similarity(
    vector: SparseVector,
    features: ItemFeatures,
    publishedAt: number,
    story: StoryState,
    closestMember: WindowItem,
  ): number {
    let centroidDot = 0;
    for (const [term, weight] of vector) centroidDot += weight * (story.centroid.get(term) ?? 0);
    const centroidCosine = story.normSquared > 0 ? centroidDot / Math.sqrt(story.normSquared) : 0;
    // The centroid alone would let a large, diffuse story attract everything; the closest member alone would let one
    // odd report chain two stories together. Both have to agree.
    return ((centroidCosine + closeness(vector, features.titleOnly, closestMember)) / 2) * matchFactor(features, publishedAt, story, this.isCast);
  }

  /**
   * A person named in a large share of recent reports (the presidents, the envoy) is the beat's cast: naming them
   * is no evidence that two reports share an event. Learned from the reports, so it follows the news.
   */
  private readonly isCast = (person: string): boolean =>
    this.statistics.documents >= CAST_MIN_DOCUMENTS && this.statistics.share(`person:${person}`) >= CAST_SHARE;

  private insert(item: ClusterItem, features: ItemFeatures, vector: SparseVector, storyId: string): void {
    const entry: WindowItem = {
      id: item.id,
      storyId,
      publishedAt: item.publishedAt.getTime(),
      vector,
      people: features.people,
      places: features.places,
      cues: features.cues,
      titleOnly: features.titleOnly,
      searchedIn: 0,
      partial: 0,
    };
    this.items.set(entry.id, entry);
    this.statistics.add(vector.keys());
    for (const [term, weight] of vector) {
      let posting = this.postings.get(term);
      if (!posting) this.postings.set(term, (posting = new Map()));
      posting.set(entry, weight);
    }
    this.insertInTimeline(entry);
    let story = this.stories.get(storyId);
    if (!story) {
      story = newStory(storyId, entry.publishedAt);
      this.stories.set(storyId, story);
    }
    addMember(story, entry);
  }

  private insertInTimeline(entry: WindowItem): void {
    let low = this.timelineStart;
    let high = this.timeline.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.timeline[middle]!.publishedAt <= entry.publishedAt) low = middle + 1;
      else high = middle;
    }
    this.timeline.splice(low, 0, entry);
  }

  private remove(entry: WindowItem): void {
    this.items.delete(entry.id);
    for (const term of entry.vector.keys()) {
      const posting = this.postings.get(term);
      posting?.delete(entry);
      if (posting?.size === 0) this.postings.delete(term);
    }
    const story = this.stories.get(entry.storyId);
    if (!story) return;
    removeMember(story, entry);
    if (story.members.size === 0) this.stories.delete(story.id);
  }
}

/**
 * A headline alone shares few words with a full report even when it names the same event, so a title-only report
 * (on either side) is compared by how much of its weight the other covers, held to a stricter bar than the cosine.
 */
const TITLE_ONLY_BAR = 0.6;

function closeness(vector: SparseVector, titleOnly: boolean, member: WindowItem): number {
  const cosine = dot(vector, member.vector);
  if (titleOnly) return Math.max(cosine, covered(vector, member.vector) * TITLE_ONLY_BAR);
  if (member.titleOnly) return Math.max(cosine, covered(member.vector, vector) * TITLE_ONLY_BAR);
  return cosine;
}

/** The share of `short`'s squared weight on terms that `long` has too. */
function covered(short: SparseVector, long: SparseVector): number {
  let share = 0;
  for (const [term, weight] of short) if (long.has(term)) share += weight * weight;
  return share;
}

/** The `count` entries with the highest partial score, without sorting them all. */
function topByPartial<T extends { partial: number }>(entries: Iterable<T>, count: number): T[] {
  const top: T[] = [];
  for (const entry of entries) {
    if (top.length === count && entry.partial <= top[count - 1]!.partial) continue;
    let index = top.length;
    while (index > 0 && top[index - 1]!.partial < entry.partial) index--;
    top.splice(index, 0, entry);
    if (top.length > count) top.pop();
  }
  return top;
}

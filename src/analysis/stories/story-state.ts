import type { SparseVector } from '../summary/vectors.js';
import type { ItemFeatures } from './features.js';

/** The clusterer's per-story bookkeeping: members, centroid, time span and the people and places named. */

export interface WindowItem {
  id: string;
  storyId: string;
  publishedAt: number;
  /** TF-IDF weights frozen at insertion, L2-normalised. */
  vector: SparseVector;
  people: string[];
  places: string[];
  /** Scratch of the clusterer's candidate search: the search that last scored this item, and its partial score there. */
  searchedIn: number;
  partial: number;
}

export interface StoryState {
  id: string;
  members: Set<WindowItem>;
  /** Sum of member vectors and its squared norm, kept up to date as members come and go. */
  centroid: Map<string, number>;
  normSquared: number;
  firstAt: number;
  latestAt: number;
  people: Map<string, number>;
  places: Map<string, number>;
}

const HOUR_MS = 3_600_000;
/**
 * Two reports of one event name the same place and usually the same people; same-topic events the same day (strikes
 * on two cities, two meetings) share vocabulary but not those. A disjoint set is strong evidence against a match.
 */
const DISJOINT_PLACES_FACTOR = 0.5;
/** A report that names no place at all, while the story's reports agree on where it happened. */
const MISSING_PLACE_FACTOR = 0.7;
const DISJOINT_PEOPLE_FACTOR = 0.7;
/** Coverage of one event spreads over hours; beyond that, a similar report is increasingly likely a new event. */
const SAME_EVENT_HOURS = 6;
const DECAY_HOURS = 36;

export function newStory(id: string, at: number): StoryState {
  return { id, members: new Set(), centroid: new Map(), normSquared: 0, firstAt: at, latestAt: at, people: new Map(), places: new Map() };
}

export function addMember(story: StoryState, entry: WindowItem): void {
  let crossTerm = 0;
  let ownSquares = 0;
  for (const [term, weight] of entry.vector) {
    const current = story.centroid.get(term) ?? 0;
    crossTerm += current * weight;
    ownSquares += weight * weight;
    story.centroid.set(term, current + weight);
  }
  story.normSquared += 2 * crossTerm + ownSquares;
  story.members.add(entry);
  story.firstAt = Math.min(story.firstAt, entry.publishedAt);
  story.latestAt = Math.max(story.latestAt, entry.publishedAt);
  for (const person of entry.people) story.people.set(person, (story.people.get(person) ?? 0) + 1);
  for (const place of entry.places) story.places.set(place, (story.places.get(place) ?? 0) + 1);
}

export function removeMember(story: StoryState, entry: WindowItem): void {
  story.members.delete(entry);
  for (const [term, weight] of entry.vector) {
    const remaining = (story.centroid.get(term) ?? 0) - weight;
    if (remaining > 1e-9) story.centroid.set(term, remaining);
    else story.centroid.delete(term);
  }
  // Recomputed rather than updated so rounding errors cannot accumulate over a long-lived story.
  story.normSquared = 0;
  for (const weight of story.centroid.values()) story.normSquared += weight * weight;
  decrement(story.people, entry.people);
  decrement(story.places, entry.places);
  const times = [...story.members].map((member) => member.publishedAt);
  story.firstAt = Math.min(...times);
  story.latestAt = Math.max(...times);
}

function decrement(counts: Map<string, number>, keys: string[]): void {
  for (const key of keys) {
    const remaining = (counts.get(key) ?? 1) - 1;
    if (remaining > 0) counts.set(key, remaining);
    else counts.delete(key);
  }
}

/** How much the people, places and timing of a report support its joining the story: 1 when nothing speaks against. */
export function matchFactor(features: ItemFeatures, publishedAt: number, story: StoryState): number {
  return entityAgreement(features, story) * timeProximity(publishedAt, story);
}

function entityAgreement(features: ItemFeatures, story: StoryState): number {
  let factor = 1;
  const storyPlaces = settledPlaces(story);
  if (storyPlaces.length > 0) {
    if (features.places.length === 0) factor *= MISSING_PLACE_FACTOR;
    else if (!storyPlaces.some((place) => features.places.includes(place))) factor *= DISJOINT_PLACES_FACTOR;
  }
  if (features.people.length > 0 && story.people.size > 0 && !features.people.some((person) => story.people.has(person))) {
    factor *= DISJOINT_PEOPLE_FACTOR;
  }
  return factor;
}

/** Where the story happened: the places at least half of its reports name (none when they disagree). */
function settledPlaces(story: StoryState): string[] {
  const settled: string[] = [];
  for (const [place, count] of story.places) if (count * 2 >= story.members.size) settled.push(place);
  return settled;
}

function timeProximity(publishedAt: number, story: StoryState): number {
  const gapMs = publishedAt < story.firstAt ? story.firstAt - publishedAt : Math.max(0, publishedAt - story.latestAt);
  const gapHours = gapMs / HOUR_MS;
  return gapHours <= SAME_EVENT_HOURS ? 1 : Math.exp(-(gapHours - SAME_EVENT_HOURS) / DECAY_HOURS);
}

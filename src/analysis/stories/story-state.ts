import type { SparseVector } from '../summary/vectors.js';
import type { EventCues, EventKind } from './event-cues.js';

/** The clusterer's per-story bookkeeping: members, centroid, time span and the people and places named. */

export interface WindowItem {
  id: string;
  storyId: string;
  publishedAt: number;
  /** TF-IDF weights frozen at insertion, L2-normalised. */
  vector: SparseVector;
  people: string[];
  places: string[];
  cues: EventCues;
  titleOnly: boolean;
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
  /** How many members name each event day, announce the event (previews), and report each kind of event. */
  days: Map<number, number>;
  previews: number;
  kinds: Map<EventKind, number>;
}

export function newStory(id: string, at: number): StoryState {
  return {
    id,
    members: new Set(),
    centroid: new Map(),
    normSquared: 0,
    firstAt: at,
    latestAt: at,
    people: new Map(),
    places: new Map(),
    days: new Map(),
    previews: 0,
    kinds: new Map(),
  };
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
  for (const day of entry.cues.days) story.days.set(day, (story.days.get(day) ?? 0) + 1);
  if (entry.cues.preview) story.previews += 1;
  if (entry.cues.kind) story.kinds.set(entry.cues.kind, (story.kinds.get(entry.cues.kind) ?? 0) + 1);
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
  decrement(story.days, entry.cues.days);
  if (entry.cues.preview) story.previews -= 1;
  if (entry.cues.kind) decrement(story.kinds, [entry.cues.kind]);
  const times = [...story.members].map((member) => member.publishedAt);
  story.firstAt = Math.min(...times);
  story.latestAt = Math.max(...times);
}

function decrement<K>(counts: Map<K, number>, keys: readonly K[]): void {
  for (const key of keys) {
    const remaining = (counts.get(key) ?? 1) - 1;
    if (remaining > 0) counts.set(key, remaining);
    else counts.delete(key);
  }
}

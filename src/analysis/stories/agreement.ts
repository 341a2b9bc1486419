import type { EventKind } from './event-cues.js';
import type { ItemFeatures } from './features.js';
import type { StoryState } from './story-state.js';

/**
 * Whether a report and a story are about the same event, beyond their words: the places and people named, the day
 * and kind of the event, whether it is still to come, and the hours between the reports. Each rule scales the text
 * similarity by a factor: 1 when nothing speaks against the match.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

/**
 * How much disagreeing about places and people counts depends on the kind of event: where a strike hit tells it from
 * the one on another city the same night; who met whom tells two meetings apart; a statement or a plan names places
 * and people as its subject, so they weigh less. Factors per kind: [disjoint places, no place named, disjoint people,
 * none of the story's own actors]. Example: a "meeting" report naming Dmitriev and Witkoff, for a story whose
 * reports all name Umerov, gets 0.8 (Witkoff, named by everyone, is no evidence either way).
 */
const ENTITY_FACTORS: Record<EventKind | 'other', [number, number, number, number]> = {
  strike: [0.5, 0.8, 1, 1],
  meeting: [0.5, 0.85, 0.7, 0.8],
  call: [0.6, 1, 0.7, 0.8],
  other: [0.8, 0.9, 1, 0.9],
};
/** Coverage of one event spreads over hours; beyond that, a similar report is increasingly likely a new event. */
const SAME_EVENT_HOURS = 6;
const DECAY_HOURS = 36;
/** Two reports naming different days for their event report different events: strikes on one city, rounds of talks. */
const DIFFERENT_DAY_FACTOR = 0.35;
/** The next day may be a second day of the same talks, or the next meeting of the same people. */
const NEXT_DAY_FACTOR = 0.5;
/** A preview of a meeting is not the meeting: both share every name and place. */
const PREVIEW_MISMATCH_FACTOR = 0.25;
/** A strike is not the talks it overshadows. */
const KIND_MISMATCH_FACTOR = 0.45;
/** A call is not the meeting it prepares, though the two are often told together. */
const TALKS_MISMATCH_FACTOR = 0.6;

/** How much the people, places, event cues and timing of a report support its joining the story. */
export function matchFactor(
  features: ItemFeatures,
  publishedAt: number,
  story: StoryState,
  isCast: (person: string) => boolean,
): number {
  const { cues } = features;
  const storyKind = settledKind(story);
  let factor = entityAgreement(features, story, storyKind ?? 'other', isCast);
  const sameDay = cues.days.some((day) => story.days.has(day));
  if (cues.days.length > 0 && story.days.size > 0 && !sameDay) {
    const nextDay = cues.days.some((day) => story.days.has(day - 1) || story.days.has(day + 1));
    factor *= nextDay ? (cues.followUp ? 1 : NEXT_DAY_FACTOR) : DIFFERENT_DAY_FACTOR;
  }
  if (previewMeetsOutcome(features, publishedAt, story)) factor *= PREVIEW_MISMATCH_FACTOR;
  if (cues.kind && storyKind && cues.kind !== storyKind) {
    factor *= cues.kind === 'strike' || storyKind === 'strike' ? KIND_MISMATCH_FACTOR : TALKS_MISMATCH_FACTOR;
  }
  // A report naming the story's day is about its event however late it comes; a follow-up comes a day or two later.
  if (sameDay || cues.followUp) return factor;
  return factor * timeProximity(publishedAt, story);
}

function entityAgreement(features: ItemFeatures, story: StoryState, kind: EventKind | 'other', isCast: (person: string) => boolean): number {
  const [disjointPlaces, missingPlace, disjointPeople, otherActors] = ENTITY_FACTORS[kind];
  let factor = 1;
  const storyPlaces = settledPlaces(story);
  if (storyPlaces.length > 0) {
    if (features.places.length === 0) factor *= missingPlace;
    else if (!storyPlaces.some((place) => features.places.includes(place))) factor *= disjointPlaces;
  }
  // Sharing the cast everyone names (the presidents, the envoy) is no evidence either way; the story's own actors are.
  const people = features.people.filter((person) => !isCast(person));
  const storyPeople = [...story.people.keys()].filter((person) => !isCast(person));
  if (people.length > 0 && storyPeople.length > 0 && !people.some((person) => story.people.has(person))) {
    factor *= disjointPeople;
  } else if (features.people.length > 0) {
    const settled = settledPeople(story);
    const actors = settled.filter((person) => !isCast(person));
    if (actors.length > 0 && !actors.some((person) => features.people.includes(person))) factor *= otherActors;
    // Who met or called whom: a report of Trump and Zelensky is not one of Trump's call with Putin.
    else if (kind !== 'strike' && story.members.size > 1 && swapsCounterpart(features.people, settled, story)) factor *= otherActors;
  }
  return factor;
}

/**
 * A preview and a report of an event share every name and place; they differ in when. The mismatch counts once the
 * previewed day has come: the report on or after it is the event itself (or another one), not its preview. A report
 * before the day (the call that announced the summit) may belong with the preview.
 */
function previewMeetsOutcome(features: ItemFeatures, publishedAt: number, story: StoryState): boolean {
  const { cues } = features;
  const storyIsPreview = story.previews * 2 > story.members.size;
  if (cues.preview === storyIsPreview) return false;
  const storyDays = [...story.days.keys()];
  const previewDays = cues.preview ? cues.days : storyDays;
  if (previewDays.length === 0) return false;
  const reportDays = cues.preview
    ? storyDays.length > 0 ? storyDays : [Math.floor(story.firstAt / DAY_MS)]
    : cues.days.length > 0 ? cues.days : [Math.floor(publishedAt / DAY_MS)];
  return Math.max(...reportDays) >= Math.min(...previewDays);
}

/** The report leaves out one of the story's principals and names someone none of the story's reports names. */
function swapsCounterpart(people: readonly string[], settled: readonly string[], story: StoryState): boolean {
  return settled.length > 1 && settled.some((person) => !people.includes(person)) && people.some((person) => !story.people.has(person));
}

/** The kind of event most of the story's reports that name one agree on, if any. */
function settledKind(story: StoryState): EventKind | null {
  let named = 0;
  for (const count of story.kinds.values()) named += count;
  for (const [kind, count] of story.kinds) if (count * 2 > named) return kind;
  return null;
}

/** Who the story is about: the people at least half of its reports (two or more) name. */
function settledPeople(story: StoryState): string[] {
  if (story.members.size < 2) return [...story.people.keys()];
  const settled: string[] = [];
  for (const [person, count] of story.people) if (count * 2 >= story.members.size) settled.push(person);
  return settled;
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

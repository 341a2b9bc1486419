import { stripDateline } from '../../text/boilerplate.js';
import { contentTerms } from '../../text/terms.js';
import { eventCues, kindOf, mainClause, type EventCues } from './event-cues.js';
import { extractPlaces } from './places.js';
import { concept } from './synonyms.js';

/** A news item as the clusterer sees it. */
export interface ClusterItem {
  id: string;
  title: string;
  lede: string;
  publishedAt: Date;
  outlet: string;
  /** Canonical ids (or names) of the people the title and lede name. */
  people: string[];
  /** Canonical place names; extracted from the title and lede with the gazetteer when omitted. */
  places?: string[];
}

export interface ItemFeatures {
  /** Raw term counts, entities included as `person:` / `place:` terms. */
  counts: Map<string, number>;
  people: string[];
  /** Places the title and lede text name; a dateline only says where the reporter was, so it is not among them. */
  places: string[];
  cues: EventCues;
  /** Only a headline to go on (no lede, or a lede too short to say more): matched on the headline's terms. */
  titleOnly: boolean;
}

/** Headline words say what the story is; they count twice. */
const TITLE_WEIGHT = 2;
/** The scene-setting clause of a headline ("… as talks go on in Abu Dhabi") names another event as often as its own. */
const CONTEXT_WEIGHT = 0.5;
/** Naming the same person or place is stronger evidence than sharing a word: independent rewrites share few words. */
const ENTITY_WEIGHT = 2;
/** A lede of fewer words adds nothing a headline does not say. */
const MIN_LEDE_WORDS = 8;

/**
 * An aggregator appends the outlet to the headline ("Zelensky to meet Trump on Sunday - Reuters"); its words are
 * the outlet's name, not the story's. A short capitalised tail after a spaced dash or bar is taken for one.
 */
const OUTLET_SUFFIX = /\s+[-–—|]\s+(?:[\p{Lu}\d][\p{L}\d.&'/]*)(?:\s+[\p{Lu}\d&][\p{L}\d.&'/]*){0,4}\s*$/u;
/** A TASS-style dateline: "MOSCOW, December 25. /TASS/." */
const AGENCY_DATELINE = /^\p{Lu}[\p{Lu} ,.'-]+,\s+\p{L}+\.?\s+\d{1,2}\.\s*\/[\p{L}-]+\/\.\s*/u;

export function headlineOf(title: string): string {
  return title.replace(OUTLET_SUFFIX, '').trim();
}

export function ledeBody(lede: string): string {
  return stripDateline(lede).replace(AGENCY_DATELINE, '');
}

/** A strike report names the city hit, however it phrases it ("Kyiv's left bank without heating after strikes"). */
function reportsStrike(title: string, cues: EventCues): boolean {
  return cues.kind === 'strike' || (cues.kind === null && kindOf(title) === 'strike');
}

export function itemFeatures(item: ClusterItem): ItemFeatures {
  const title = headlineOf(item.title);
  const lede = ledeBody(item.lede);
  const counts = new Map<string, number>();
  const add = (term: string, weight: number) => counts.set(term, (counts.get(term) ?? 0) + weight);
  const main = mainClause(title);
  for (const term of contentTerms(main)) add(concept(term), TITLE_WEIGHT);
  for (const term of contentTerms(title.slice(title.indexOf(main) + main.length))) add(concept(term), CONTEXT_WEIGHT);
  if (main !== title && !title.startsWith(main)) {
    for (const term of contentTerms(title.slice(0, title.indexOf(main)))) add(concept(term), CONTEXT_WEIGHT);
  }
  for (const term of contentTerms(lede)) add(concept(term), 1);
  const people = [...new Set(item.people)];
  const cues = eventCues(title, lede, item.publishedAt);
  const places = item.places ? [...new Set(item.places)] : extractPlaces(`${title}\n${lede}`, { seatsAreLocations: reportsStrike(title, cues) });
  for (const person of people) add(`person:${person}`, ENTITY_WEIGHT);
  // A wire lede often names the venue only in its dateline ("ISTANBUL, May 16 (Reuters) - ..."): evidence, but weaker.
  const dateline = item.lede.slice(0, item.lede.length - lede.length);
  const datelinePlaces = extractPlaces(dateline.replace(/\p{Lu}{2,}/gu, (word) => word[0] + word.slice(1).toLowerCase()));
  for (const place of new Set([...places, ...datelinePlaces])) add(`place:${place}`, places.includes(place) ? ENTITY_WEIGHT : 1);
  const titleOnly = lede.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length < MIN_LEDE_WORDS;
  return { counts, people, places, cues, titleOnly };
}

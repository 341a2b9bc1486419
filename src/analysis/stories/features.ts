import { stripDateline } from '../../text/boilerplate.js';
import { contentTerms } from '../../text/terms.js';
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
}

/** Headline words say what the story is; they count twice. */
const TITLE_WEIGHT = 2;
/** Naming the same person or place is stronger evidence than sharing a word: independent rewrites share few words. */
const ENTITY_WEIGHT = 2;

export function itemFeatures(item: ClusterItem): ItemFeatures {
  const lede = stripDateline(item.lede);
  const counts = new Map<string, number>();
  const add = (term: string, weight: number) => counts.set(term, (counts.get(term) ?? 0) + weight);
  for (const term of contentTerms(item.title)) add(concept(term), TITLE_WEIGHT);
  for (const term of contentTerms(lede)) add(concept(term), 1);
  const people = [...new Set(item.people)];
  const places = item.places ? [...new Set(item.places)] : extractPlaces(`${item.title}\n${lede}`);
  for (const person of people) add(`person:${person}`, ENTITY_WEIGHT);
  // A wire lede often names the venue only in its dateline ("ISTANBUL, May 16 (Reuters) - ..."): evidence, but weaker.
  const dateline = item.lede.slice(0, item.lede.length - lede.length);
  const datelinePlaces = extractPlaces(dateline.replace(/\p{Lu}{2,}/gu, (word) => word[0] + word.slice(1).toLowerCase()));
  for (const place of new Set([...places, ...datelinePlaces])) add(`place:${place}`, places.includes(place) ? ENTITY_WEIGHT : 1);
  return { counts, people, places };
}

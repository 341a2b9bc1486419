import { foldWord, ORGANIZATION_HEADS } from '../people/name-words.js';
import { findNameRuns, resolveArticleName, type ArticleNameTable, type NameRun } from '../people/article-names.js';
import { resolveOwnedTitle, resolvePersonName, type PersonIndex } from '../people/resolve.js';
import type { Person } from '../people/schema.js';
import type { Token } from './narration.js';
import { CALENDAR_WORDS, DETERMINERS, DOCUMENT_NOUNS, ORGANIZATION_NOUNS, PERSON_NOUNS, PREPOSITIONS, THIRD_PERSON_PRONOUNS } from './lexicon.js';

/** Who a phrase refers to, before and after pronouns and descriptions are resolved. */
export type Entity =
  | { type: 'person'; name: string; person: Person | null; label: string; certainty: number }
  | { type: 'nominal' | 'organization' | 'unknown'; label: string; head: string; certainty: number };

/** What the article said so far, for resolving "he", "the diplomat" and "the president". */
export interface Discourse {
  readonly text: string;
  readonly index: PersonIndex;
  readonly names: ArticleNameTable;
  /** Topic (main subject or speaker) of the previous sentence. */
  previousTopic: Entity | null;
  /** The tokens of the previous sentence's narration. */
  previousTokens: readonly Token[];
  lastSpeaker: Entity | null;
  /** People named so far, most recent last, with the title words written before their name. */
  mentions: { entity: Extract<Entity, { type: 'person' }>; titles: string }[];
  /** Nominal and organisation subjects of the last few sentences, most recent last. */
  recentNominals: Entity[];
  /** Name runs of the whole narration, in text order, so phrases reuse them instead of scanning again. */
  readonly runs: readonly NameRun[];
  /** Phrases already looked up in the person index. */
  readonly phrases: Map<string, Person | null>;
}

function runsWithin(discourse: Discourse, start: number, end: number): NameRun[] {
  const runs = discourse.runs;
  let low = 0;
  let high = runs.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((runs[middle]?.end ?? 0) <= start) low = middle + 1;
    else high = middle;
  }
  const found: NameRun[] = [];
  for (let i = low; i < runs.length; i++) {
    const run = runs[i] as NameRun;
    if (run.start >= end) break;
    if (run.start < start || run.end > end) return findNameRuns(discourse.text, start, end).filter((own) => own.end <= end);
    found.push(run);
  }
  return found;
}

function lookUpPhrase(discourse: Discourse, raw: string): Person | null {
  let person = discourse.phrases.get(raw);
  if (person === undefined) {
    person = resolvePersonName(discourse.index, raw);
    discourse.phrases.set(raw, person);
  }
  return person;
}

/** Classifies the words of a subject or speaker phrase [start, end) of the text. */
export function classifyPhrase(discourse: Discourse, start: number, end: number, sameSentencePersons: readonly Entity[]): Entity | null {
  const raw = discourse.text.slice(start, end).replace(/^[\s,;:]+|[\s,;:.]+$/g, '');
  if (raw.length === 0) return null;
  const words = raw.split(/\s+/);
  const first = foldWord(words[0] ?? '');
  if (THIRD_PERSON_PRONOUNS.has(first) && words.length === 1) {
    const resolved = resolvePronoun(discourse, sameSentencePersons);
    // "he" names nobody: the label stays the name or description the article used for the person it refers to.
    return resolved;
  }
  if (first === 'it' && words.length === 1) return lastOrganization(discourse);
  if (['they', 'we', 'i', 'you', 'them'].includes(first)) return null;
  // "one of them": one of the people the previous sentences spoke of.
  if (PARTITIVES.has(first) && /^of (?:them|those|us)$/u.test(foldWord(words.slice(1).join(' ')))) return { type: 'nominal', label: raw, head: first, certainty: 0.7 };

  const runs = runsWithin(discourse, start, end);
  // "Zelensky's statement" speaks for Zelensky; "Putin's spokesman" is whoever holds that title.
  const owner = runs.find((run) => run.possessive);
  const ownerName = owner ? resolveArticleName(discourse.names, discourse.index, owner.name) : null;
  if (owner && ownerName && DOCUMENT_NOUNS.has(headOf(words))) return personEntity(ownerName.name, ownerName.person, raw, 0.85);
  const ownedTitle = owner ? discourse.text.slice(owner.end, end).replace(/^['\u2019]s?\s*/u, '') : '';
  const owned = ownerName?.person ? resolveOwnedTitle(discourse.index, ownerName.person, ownedTitle) : null;
  if (owned) return personEntity(owned.name, owned, raw, 0.9);
  const introduced = introducedAs(discourse, raw, words);
  if (introduced) return introduced;
  const direct = lookUpPhrase(discourse, expandAbbreviations(raw));
  if (direct) return personEntity(direct.name, direct, raw, 0.95);
  for (const run of runs) {
    if (run.possessive) continue;
    const resolved = resolveArticleName(discourse.names, discourse.index, run.name);
    if (resolved && !ORGANIZATION_HEADS.has(foldWord(run.name.split(' ').at(-1) ?? ''))) {
      return personEntity(resolved.name, resolved.person, raw, resolved.person ? 1 : 0.9);
    }
    // An unknown capitalised word before a noun modifies it ("one Nordic diplomat"); alone it may be a name.
    const modifiesNoun = /^\s+\p{Ll}/u.test(discourse.text.slice(run.end, end));
    if (isCommonNoun(run.name) || modifiesNoun) continue;
    // News copy names a person in full before it uses a surname alone: a lone word nobody was introduced by
    // ("Ukrenergo said", "UNIAN reported") is an organisation or an outlet.
    // "said Oksana, 54, a teacher": a first name given with an age or a description is a person.
    const described = /^,\s+(?:\d{2}\b|an?\s)/u.test(discourse.text.slice(run.end, run.end + 12));
    if (!run.name.includes(' ') && run.name === raw && !described) return { type: 'organization', label: raw, head: foldWord(raw), certainty: 0.6 };
    return personEntity(run.name, null, raw, 0.6);
  }
  return describeNominal(discourse, raw, words, sameSentencePersons);
}

/**
 * "the Kremlin aide" after "Anatoly Berezin, a Kremlin aide,": a definite description the article itself gave a
 * person it named wins over a tracked person's title.
 */
function introducedAs(discourse: Discourse, raw: string, words: string[]): Entity | null {
  if (!['the', 'this'].includes(foldWord(words[0] ?? '')) || words.length < 2) return null;
  const head = headOf(words);
  if (!PERSON_NOUNS.has(head)) return null;
  const roleWords = foldWord(raw).replace(/^(the|this) /, '');
  // "the president" alone is whoever the tracked people's titles say; "the Kremlin aide" says more.
  if (!roleWords.includes(' ')) return null;
  for (let i = discourse.mentions.length - 1; i >= 0; i--) {
    const mention = discourse.mentions[i];
    if (mention && describes(roleWords, head, mention.titles)) return { ...mention.entity, label: raw, certainty: 0.85 };
  }
  return null;
}

function isCommonNoun(word: string): boolean {
  const fold = foldWord(word);
  return PERSON_NOUNS.has(fold) || ORGANIZATION_NOUNS.has(fold) || DOCUMENT_NOUNS.has(fold) || CALENDAR_WORDS.has(fold);
}

function personEntity(name: string, person: Person | null, label: string, certainty: number): Extract<Entity, { type: 'person' }> {
  return { type: 'person', name, person, label, certainty };
}

/** "FM", "PM": abbreviations of titles written in headlines. */
function expandAbbreviations(phrase: string): string {
  return phrase.replace(/\bFM\b/g, 'foreign minister').replace(/\bPM\b/g, 'prime minister');
}

/** Quantities before "of": the head of "one of the sources" is "sources". */
const PARTITIVES = new Set(['one', 'two', 'three', 'some', 'several', 'many', 'most', 'each', 'none', 'both', 'all', 'either', 'neither']);

function headOf(words: string[]): string {
  let headIndex = words.length - 1;
  const partitive = PARTITIVES.has(foldWord(words[0] ?? '')) && foldWord(words[1] ?? '') === 'of' ? 2 : 0;
  for (let i = partitive + 1; i < words.length; i++) {
    if (PREPOSITIONS.has(foldWord(words[i] ?? ''))) {
      headIndex = i - 1;
      break;
    }
  }
  return foldWord(words[headIndex] ?? '').replace(/['\u2019]s?$/, '');
}

function describeNominal(discourse: Discourse, raw: string, words: string[], sameSentencePersons: readonly Entity[]): Entity {
  const head = headOf(words);
  const definite = ['the', 'his', 'her', 'its', 'their'].includes(foldWord(words[0] ?? ''));
  if (DOCUMENT_NOUNS.has(head)) return { type: 'unknown', label: raw, head, certainty: 0.5 };
  const capitalizedHead = /^\p{Lu}/u.test(words.at(-1) ?? '');
  if (ORGANIZATION_NOUNS.has(head) || (capitalizedHead && ORGANIZATION_HEADS.has(head))) return { type: 'organization', label: raw, head, certainty: 0.9 };
  if (!PERSON_NOUNS.has(head)) return { type: 'unknown', label: raw, head, certainty: 0.4 };
  const bareTitle = words.length > 1 && /^\p{Lu}/u.test(words[0] ?? '') && !DETERMINERS.has(foldWord(words[0] ?? ''));
  if (definite || bareTitle) {
    const resolved = resolveDescription(discourse, raw, head, definite ? sameSentencePersons : null);
    return resolved ? { ...resolved, label: raw } : { type: 'nominal', label: raw, head, certainty: 0.8 };
  }
  const counted = DETERMINERS.has(foldWord(words[0] ?? '')) || words.length > 1;
  return { type: 'nominal', label: raw, head, certainty: counted ? 0.9 : 0.7 };
}

/**
 * "the prime minister", "the diplomat", "the source": the most recent person whose role fits, else an earlier
 * unnamed speaker with the same noun, else (for generic nouns) the person the previous sentence was about.
 */
function resolveDescription(discourse: Discourse, raw: string, head: string, sameSentenceIfDefinite: readonly Entity[] | null): Entity | null {
  const sameSentence = sameSentenceIfDefinite ?? [];
  const roleWords = foldWord(raw).replace(/^(the|his|her|its|their) /, '');
  const fits = (entity: Entity, titles: string): boolean => entity.type === 'person' && describes(roleWords, head, `${entity.person?.role ?? ''} ${titles}`);
  const last = discourse.lastSpeaker;
  if (last && fits(last, titleOf(discourse, last))) return { ...last, certainty: 0.8 };
  for (let i = discourse.mentions.length - 1; i >= 0; i--) {
    const mention = discourse.mentions[i];
    if (mention && fits(mention.entity, mention.titles)) return { ...mention.entity, certainty: 0.75 };
  }
  const nominal = [...discourse.recentNominals, ...sameSentence].reverse().find((entity) => entity.type !== 'person' && entity.head === head);
  if (nominal) return { type: 'nominal', label: raw, head, certainty: 0.8 };
  if (roleWords.includes(' ')) {
    // A headline or lead that names the role before the person: "Defence secretary says …", then "John Healey".
    for (const run of discourse.runs.slice(0, 200)) {
      const resolved = resolveArticleName(discourse.names, discourse.index, run.name);
      if (resolved?.person && foldWord(`${resolved.person.role} ${run.title}`).includes(roleWords)) return personEntity(resolved.name, resolved.person, raw, 0.6);
    }
  }
  if (!sameSentenceIfDefinite) return null;
  const topic = sameSentence.find((entity) => entity.type === 'person') ?? discourse.previousTopic;
  if (topic?.type === 'person' && REFERRING_ROLES.has(head)) {
    return { ...topic, certainty: 0.65 };
  }
  return null;
}

/**
 * Role nouns that, definite and unmatched, refer back to the person the article was just talking about. Not
 * "official" or "source": "the official" is the unnamed official of the story.
 */
const REFERRING_ROLES = new Set([
  'diplomat', 'politician', 'minister', 'leader', 'envoy', 'spokesman', 'spokeswoman', 'spokesperson', 'aide',
  'head', 'chief', 'secretary', 'president', 'chancellor', 'premier', 'ambassador', 'commander', 'general', 'governor',
  'mayor', 'negotiator', 'representative', 'director', 'deputy', 'lawmaker', 'senator', 'veteran', 'mediator', 'adviser',
  'advisor', 'economist', 'analyst', 'expert',
]);

/**
 * Whether a description fits what is known of a person: "the 61-year-old former finance minister" fits "a former
 * finance minister" (the head noun and most of the other words), "the Kremlin aide" fits "Kremlin aide to Putin".
 */
function describes(roleWords: string, head: string, known: string): boolean {
  if (!known.trim()) return false;
  const knownWords = wordsOf(known);
  if (!knownWords.has(head)) return false;
  const others = roleWords.split(/\s+/).filter((word) => word !== head && !DESCRIPTION_FILLER.has(word));
  return others.filter((word) => knownWords.has(word)).length * 2 >= others.length;
}

/** The folded words of a title or role, remembered: the same few are compared for every description. */
const knownWordSets = new Map<string, ReadonlySet<string>>();

function wordsOf(known: string): ReadonlySet<string> {
  let words = knownWordSets.get(known);
  if (!words) {
    words = new Set(foldWord(known).split(/[^\p{L}\p{N}-]+/u));
    if (knownWordSets.size > 5_000) knownWordSets.clear();
    knownWordSets.set(known, words);
  }
  return words;
}

/** Words of a description that say nothing about which role it is. */
const DESCRIPTION_FILLER = new Set(['the', 'of', 'for', 'a', 'an', 'and', 'veteran', 'longtime', 'seasoned', 'top']);

function titleOf(discourse: Discourse, entity: Entity): string {
  if (entity.type !== 'person') return '';
  return discourse.mentions.filter((mention) => mention.entity.name === entity.name).map((mention) => mention.titles).join(' ');
}

/** "he"/"she": the person the sentence already named as subject, else the previous sentence's topic, else the last speaker. */
function resolvePronoun(discourse: Discourse, sameSentencePersons: readonly Entity[]): Entity | null {
  // An unnamed official can be "he" too: "A senior official said … “…,” he said."
  const personLike = (entity: Entity | null): Entity | null => (entity?.type === 'person' || entity?.type === 'nominal' ? entity : null);
  const candidate =
    sameSentencePersons.find((entity) => entity.type === 'person') ??
    personLike(discourse.previousTopic) ??
    (discourse.lastSpeaker?.type === 'person' ? discourse.lastSpeaker : null);
  return candidate ? { ...candidate, certainty: Math.min(candidate.certainty, 0.85) } : null;
}

function lastOrganization(discourse: Discourse): Entity | null {
  const organization = [...discourse.recentNominals].reverse().find((entity) => entity.type === 'organization');
  return organization ? { ...organization, certainty: 0.6 } : null;
}

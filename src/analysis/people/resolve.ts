import { foldWord, isInitial, TITLE_WORDS, withoutPossessive } from './name-words.js';
import type { Person } from './schema.js';

/** Lookup tables over config/people.json for turning a name as written into a tracked person. */
export interface PersonIndex {
  readonly people: readonly Person[];
  /** Canonical names and aliases exactly as written (case-sensitive, so "Trump" is not "trump card"). */
  readonly byAlias: ReadonlyMap<string, Person>;
  /** Canonical names and multi-word aliases, folded ("viktor orban" finds "Viktor Orbán"). */
  readonly byFoldedFullName: ReadonlyMap<string, Person>;
  /** Titles folded, without a leading "the" ("ukrainian president"). */
  readonly byTitle: ReadonlyMap<string, Person>;
  /** Folded first-name + surname pairs, so "Vladimir V. Putin" and "Dmitri Peskov" still find their person. */
  readonly bySurname: ReadonlyMap<string, Person[]>;
  /** Titles owned by another tracked person ("Putin's spokesman"), keyed "owner-id|spokesman". */
  readonly byOwnedTitle: ReadonlyMap<string, Person>;
  /** Surnames by their transliteration key, so "Peskow", "Uschakow" and "Sibiga" find their person. */
  readonly bySpelling: ReadonlyMap<string, Person[]>;
}

export function buildPersonIndex(people: readonly Person[]): PersonIndex {
  const byAlias = new Map<string, Person>();
  const byFoldedFullName = new Map<string, Person>();
  const byTitle = new Map<string, Person>();
  const bySurname = new Map<string, Person[]>();
  const bySpelling = new Map<string, Person[]>();
  for (const person of people) {
    for (const name of [person.name, ...person.aliases]) {
      const surname = name.trim().split(/\s+/).at(-1) ?? '';
      const key = spellingKey(surname);
      if (key.length < MIN_SPELLING_KEY) continue;
      const known = bySpelling.get(key) ?? [];
      if (!known.includes(person)) bySpelling.set(key, [...known, person]);
    }
    for (const name of [person.name, ...person.aliases]) {
      const written = normalizeSpacing(name);
      if (!byAlias.has(written)) byAlias.set(written, person);
      if (written.includes(' ')) {
        const folded = foldName(written);
        if (!byFoldedFullName.has(folded)) byFoldedFullName.set(folded, person);
        const surname = folded.split(' ').at(-1) ?? folded;
        bySurname.set(surname, [...(bySurname.get(surname) ?? []), person]);
      }
    }
    for (const title of person.titles) {
      const key = titleKey(title);
      if (!byTitle.has(key)) byTitle.set(key, person);
    }
  }
  const byOwnedTitle = new Map<string, Person>();
  for (const person of people) {
    for (const title of person.titles) {
      const owned = /^(.+?)['\u2019]s (.+)$/u.exec(normalizeSpacing(title));
      const owner = owned ? byAlias.get(owned[1] ?? '') : undefined;
      if (owned && owner) byOwnedTitle.set(`${owner.id}|${foldName(owned[2] ?? '')}`, person);
    }
  }
  return { people, byAlias, byFoldedFullName, byTitle, bySurname, byOwnedTitle, bySpelling };
}

/** "Vladimir Putin's spokesman" however the owner is written: the person with that title, if tracked. */
export function resolveOwnedTitle(index: PersonIndex, owner: Person, description: string): Person | null {
  return index.byOwnedTitle.get(`${owner.id}|${foldName(description)}`) ?? null;
}

/**
 * Finds the tracked person a name or description refers to: "Witkoff", "Steve Witkoff", "Mr. Witkoff",
 * "Zelenskyy", "U.S. President Donald Trump", "the Ukrainian president". Null when it is nobody in the index.
 */
export function resolvePersonName(index: PersonIndex, text: string): Person | null {
  let known = resolvedNames.get(index);
  if (!known) resolvedNames.set(index, (known = new Map()));
  let person = known.get(text);
  if (person === undefined) {
    person = resolveUncached(index, text);
    if (known.size > 20_000) known.clear();
    known.set(text, person);
  }
  return person;
}

/** Names already resolved against an index: the same names and phrases recur in article after article. */
const resolvedNames = new WeakMap<PersonIndex, Map<string, Person | null>>();

function resolveUncached(index: PersonIndex, text: string): Person | null {
  const written = normalizeSpacing(text.replace(/^[\s"“”«»„]+|[\s,.;:!?"“”«»„]+$/gu, ''));
  if (written.length === 0) return null;
  const exact = index.byAlias.get(written) ?? index.byAlias.get(withoutPossessive(written));
  if (exact) return exact;
  const byTitle = index.byTitle.get(titleKey(written));
  if (byTitle) return byTitle;

  const tokens = withoutPossessive(written).split(' ');
  let first = 0;
  while (first < tokens.length - 1 && TITLE_WORDS.has(foldToken(tokens[first] ?? ''))) first++;
  const nameTokens = tokens.slice(first).filter((token, i, all) => !(isInitial(token) && i > 0 && i < all.length - 1));
  const name = nameTokens.join(' ');
  const direct = index.byAlias.get(name) ?? index.byFoldedFullName.get(foldName(name));
  if (direct) return direct;
  const surnameWritten = nameTokens.at(-1) ?? '';
  const spelled = /^\p{Lu}/u.test(surnameWritten) ? (index.bySpelling.get(spellingKey(surnameWritten)) ?? []) : [];
  if (nameTokens.length === 1) return spelled.length === 1 ? (spelled[0] as Person) : null;
  // "Dmitrij Peskow", "Juri Uschakow": the surname spelt another way, the first name starting alike.
  const firstKey = spelled.length > 0 ? spellingKey(nameTokens[0] ?? '').slice(0, 2) : '';
  const transliterated = spelled.length > 0 ? spelled.find((person) => spellingKey(person.name.split(' ')[0] ?? '').slice(0, 2) === firstKey) : undefined;
  if (transliterated) return transliterated;

  // "Dmitri Peskov": a known surname with a first name written another way is the same person only when the
  // first names agree on their first letters; "Bradley Cooper" is not Yvette Cooper.
  const surname = foldName(nameTokens.at(-1) ?? '');
  const firstName = foldName(nameTokens[0] ?? '');
  const candidates = index.bySurname.get(surname) ?? [];
  return (
    candidates.find((person) => {
      const personFirst = foldName(person.name.split(' ')[0] ?? '');
      return personFirst.slice(0, 2) === firstName.slice(0, 2);
    }) ?? null
  );
}

/** A surname key shorter than this matches too much by chance. */
const MIN_SPELLING_KEY = 5;

/**
 * One key for the ways a Slavic name is written in Latin letters (English, German, French, Ukrainian and Russian
 * transliteration): "Peskov"/"Peskow", "Ushakov"/"Uschakow", "Sybiga"/"Sibiga", "Yermak"/"Iermak"/"Jermak",
 * "Dmitriy"/"Dmitrij"/"Dmitri" all meet. Only ever compared with the keys of tracked people's names.
 */
export function spellingKey(word: string): string {
  let key = spellingKeys.get(word);
  if (key === undefined) {
    key = computeSpellingKey(word);
    if (spellingKeys.size > 20_000) spellingKeys.clear();
    spellingKeys.set(word, key);
  }
  return key;
}

/** Keys already computed: the same names recur in every article. */
const spellingKeys = new Map<string, string>();

function computeSpellingKey(word: string): string {
  return foldWord(word)
    .replace(/[^a-z]/g, '')
    .replace(/tsch/g, 'ch')
    .replace(/sch/g, 'sh')
    .replace(/[kc]h/g, 'h')
    .replace(/w/g, 'v')
    .replace(/ou/g, 'u')
    .replace(/ph/g, 'f')
    .replace(/ck/g, 'k')
    .replace(/[yj]/g, 'i')
    .replace(/(.)\1+/g, '$1');
}

function normalizeSpacing(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/\u2019/g, "'").trim();
}

function foldName(text: string): string {
  return foldWord(text).replace(/\./g, '').replace(/\s+/g, ' ').trim();
}

function foldToken(token: string): string {
  return foldWord(token).replace(/\.$/, '');
}

function titleKey(title: string): string {
  return foldName(title).replace(/^the /, '');
}

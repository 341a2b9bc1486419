import { foldWord, isInitial, looksCapitalized, NAME_PARTICLES, ORGANIZATION_HEADS, TITLE_WORDS, withoutPossessive } from './name-words.js';
import { resolvePersonName, type PersonIndex } from './resolve.js';
import type { Person } from './schema.js';

/**
 * The per-article name table: news copy gives a full name once ("Jane Doe") and the surname after that ("Doe said"),
 * so a surname is resolved to the full name the same article used, even for people not in config/people.json.
 */
export interface ArticleNameTable {
  /** Folded surname → full name as first written; null when two different people share the surname. */
  readonly fullNameBySurname: ReadonlyMap<string, string | null>;
  /** Names already resolved in this article. */
  readonly resolved: Map<string, ResolvedName | null>;
}

export interface ResolvedName {
  /** Canonical name for a tracked person, else the full name as the article wrote it. */
  name: string;
  person: Person | null;
}

/** A run of capitalised words in the text, with the title words before the name dropped. */
export interface NameRun {
  name: string;
  start: number;
  end: number;
  /** The run ended in a possessive ("Trump's envoy"): the name modifies a noun, it is not the subject. */
  possessive: boolean;
  /** The title words written before the name ("Kremlin spokesman" is lower case, so only "U.S. President"). */
  title: string;
}

const WORD = /[\p{L}\p{N}]+(?:['\u2019.-][\p{L}\p{N}]+)*['\u2019]?\.?/gu;

/** Words that start sentences in capitals without being names. */
const CAPITALIZED_FUNCTION_WORDS = new Set([
  'the', 'a', 'an', 'in', 'on', 'at', 'as', 'but', 'and', 'or', 'still', 'however', 'meanwhile', 'asked', 'speaking',
  'according', 'after', 'before', 'for', 'with', 'from', 'by', 'when', 'while', 'if', 'this', 'that', 'these', 'those',
  'his', 'her', 'their', 'its', 'our', 'my', 'some', 'many', 'one', 'two', 'three', 'several', 'another', 'both',
  'even', 'yet', 'so', 'then', 'now', 'since', 'although', 'though', 'because', 'during', 'amid', 'despite', 'under',
  'over', 'earlier', 'later', 'last', 'next', 'on', 'not', 'no', 'it', 'he', 'she', 'they', 'we', 'i', 'you',
  'what', 'who', 'why', 'how', 'where', 'there', 'here', 'hours', 'days', 'weeks', 'months', 'years', 'ahead',
  'like', 'unlike', 'until', 'instead', 'also', 'only', 'just', 'more', 'most', 'all', 'any', 'each', 'every',
  'overnight', 'separately', 'previously', 'yesterday', 'today', 'tonight', 'additionally', 'finally', 'first', 'second',
  'initially', 'ultimately', 'notably', 'similarly', 'likewise', 'elsewhere', 'nonetheless', 'nevertheless', 'moreover',
  'furthermore', 'recently', 'currently', 'already', 'again', 'afterwards', 'soon', 'thus', 'hence', 'asked', 'told',
]);

/** Finds runs of capitalised words that look like personal names ("Steve Witkoff", "Ursula von der Leyen"). */
export function findNameRuns(text: string, from = 0, to = text.length): NameRun[] {
  const runs: NameRun[] = [];
  let current: { tokens: string[]; start: number; end: number } | null = null;
  const flush = (possessive: boolean): void => {
    if (current) {
      const run = toNameRun(current.tokens, current.start, current.end, possessive);
      if (run) runs.push(run);
    }
    current = null;
  };
  WORD.lastIndex = from;
  for (let match = WORD.exec(text); match && match.index < to; match = WORD.exec(text)) {
    const token = match[0];
    const gap = current ? text.slice(current.end, match.index) : '';
    const joins = current !== null && /^ $/.test(gap);
    const fold = foldWord(token);
    const capital = looksCapitalized(token);
    if (!capital && !(joins && NAME_PARTICLES.has(fold))) {
      flush(false);
      continue;
    }
    if (!joins) flush(false);
    const hasPossessive = /['\u2019]s?$/u.test(token) && token.length > 2;
    current ??= { tokens: [], start: match.index, end: match.index };
    current.tokens.push(hasPossessive ? withoutPossessive(token) : token);
    current.end = match.index + token.length;
    if (hasPossessive) flush(true);
    else if (/[.]$/.test(token) && !isInitial(token) && !TITLE_WORDS.has(fold.replace(/\.$/, ''))) {
      // A period ending the sentence is not part of the name ("… said Tokariuk.").
      current.end -= 1;
      flush(false);
    }
  }
  flush(false);
  return runs;
}

function toNameRun(tokens: string[], start: number, end: number, possessive: boolean): NameRun | null {
  const cleaned = tokens.map((token) => (isInitial(token) ? token : token.replace(/\.$/, '')));
  let first = 0;
  while (first < cleaned.length && isTitleOrFunctionWord(cleaned[first] ?? '')) first++;
  let last = cleaned.length;
  while (last > first && NAME_PARTICLES.has(foldWord(cleaned[last - 1] ?? ''))) last--;
  const name = cleaned.slice(first, last);
  if (name.length === 0) return null;
  if (ORGANIZATION_HEADS.has(foldWord(name.at(-1) ?? ''))) return null;
  // "External Affairs Minister S. Jaishankar": a title led by words we do not list still ends at its last title word.
  const lastTitle = name.findLastIndex((token) => TITLE_WORDS.has(foldWord(token)) && !isInitial(token));
  if (lastTitle >= 0) {
    if (lastTitle === name.length - 1) return null;
    first += lastTitle + 1;
    name.splice(0, lastTitle + 1);
  }
  return { name: name.join(' '), start, end, possessive, title: cleaned.slice(0, first).join(' ') };
}

function isTitleOrFunctionWord(token: string): boolean {
  const fold = foldWord(token).replace(/\.$/, '');
  // Sentence adverbs ("Separately", "Notably") but not names that end like them ("Anatoly", "Vitaly").
  return TITLE_WORDS.has(fold) || CAPITALIZED_FUNCTION_WORDS.has(fold) || (fold.length > 5 && fold.endsWith('ly') && !/[ao]ly$/.test(fold));
}

export function buildArticleNameTable(runs: readonly NameRun[]): ArticleNameTable {
  const fullNameBySurname = new Map<string, string | null>();
  for (const run of runs) {
    const parts = run.name.split(' ');
    if (parts.length < 2) continue;
    const surname = foldWord(parts.at(-1) ?? '');
    const known = fullNameBySurname.get(surname);
    if (known === undefined) fullNameBySurname.set(surname, run.name);
    else if (known !== null && !sameName(known, run.name)) fullNameBySurname.set(surname, null);
  }
  return { fullNameBySurname, resolved: new Map() };
}

function sameName(a: string, b: string): boolean {
  const strip = (name: string): string =>
    name
      .split(' ')
      .filter((token) => !isInitial(token))
      .map((token) => foldWord(token))
      .join(' ');
  return strip(a) === strip(b) || strip(a).endsWith(strip(b)) || strip(b).endsWith(strip(a));
}

/**
 * Resolves a name as written in the article: a lone surname goes through the article's table first, so "Cooper"
 * after "Bradley Cooper" is Bradley Cooper, and "Doe" after "Jane Doe" is Jane Doe.
 */
export function resolveArticleName(table: ArticleNameTable, index: PersonIndex, written: string): ResolvedName | null {
  const known = table.resolved.get(written);
  if (known !== undefined) return known;
  const resolved = resolveUncached(table, index, written);
  table.resolved.set(written, resolved);
  return resolved;
}

function resolveUncached(table: ArticleNameTable, index: PersonIndex, written: string): ResolvedName | null {
  const tokens = written.split(/\s+/).filter((token) => token.length > 0);
  let first = 0;
  while (first < tokens.length - 1 && TITLE_WORDS.has(foldWord(tokens[first] ?? '').replace(/\.$/, ''))) first++;
  const name = tokens.slice(first).join(' ');
  if (name.length === 0) return null;
  if (tokens.length - first === 1) {
    const full = table.fullNameBySurname.get(foldWord(name));
    if (full) {
      const person = resolvePersonName(index, full);
      return { name: person?.name ?? full, person };
    }
    const person = resolvePersonName(index, name);
    return person ? { name: person.name, person } : null;
  }
  const person = resolvePersonName(index, name);
  if (person) return { name: person.name, person };
  // "De Wever" after "Bart De Wever": the end of a full name the article gave.
  const full = table.fullNameBySurname.get(foldWord(name.split(' ').at(-1) ?? ''));
  return { name: full && full.endsWith(` ${name}`) ? full : name, person: null };
}

import type { Db } from './database.js';
import { statement } from './prepared.js';

/**
 * The words of the stored quotes, for reading a misremembered fragment: a word found in no quote ("gaurantees",
 * "bsais", "rreason", "wift") is looked up as the stored words one typing slip away from it: a letter left out,
 * doubled, or two letters swapped, anywhere in the word. The words are the quotes' match keys (the terms the
 * full-text index holds), kept in memory per database and read incrementally: only quotes stored since the last
 * search are read. (A quote reworded by a later outlet keeps the words of the wording first read here; its new
 * words are still found exactly by the index.)
 */

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
/** A slip in a shorter word too often makes another real word ("ear" for "hear", "form" for "from"). */
const MIN_LENGTH = 4;
/** More than this many stored words within one slip: the word says too little to pick among them. */
const MAX_CORRECTIONS = 6;

/** The stored words, and the last quote read into them (each backend reads the quotes with an id above it). */
export class QuoteVocabulary {
  private readonly terms = new Set<string>();
  lastId = 0;

  /** Reads quotes (their match keys) stored since the last read, in id order. */
  add(rows: readonly { id: number; matchKey: string }[]): void {
    for (const row of rows) {
      for (const word of row.matchKey.split(' ')) if (word.length >= MIN_LENGTH - 1) this.terms.add(word);
      this.lastId = row.id;
    }
  }

  /** Stored words one slip away from `term` (itself excluded), most similar in length first; empty when none. */
  corrections(term: string): string[] {
    if (term.length < MIN_LENGTH) return [];
    const found = [...oneSlipAway(term)].filter((candidate) => candidate !== term && this.terms.has(candidate));
    return found.sort((a, b) => Math.abs(a.length - term.length) - Math.abs(b.length - term.length)).slice(0, MAX_CORRECTIONS);
  }
}

const vocabularies = new WeakMap<Db, QuoteVocabulary>();

/** Stored words one slip away from `term` in this SQLite database (see QuoteVocabulary.corrections). */
export function spellingCorrections(db: Db, term: string): string[] {
  if (term.length < MIN_LENGTH) return [];
  let vocabulary = vocabularies.get(db);
  if (!vocabulary) vocabularies.set(db, (vocabulary = new QuoteVocabulary()));
  vocabulary.add(statement(db, 'SELECT id, match_key AS matchKey FROM quotes WHERE id > ? ORDER BY id').all(vocabulary.lastId) as { id: number; matchKey: string }[]);
  return vocabulary.corrections(term);
}

/** Every word one slip from `word`: with a letter removed (a doubled letter), inserted (a dropped one), or two swapped. */
function oneSlipAway(word: string): Set<string> {
  const variants = new Set<string>();
  const alphabet = /^[a-z]+$/.test(word) ? LETTERS : [...new Set(word)].join('');
  for (let i = 0; i < word.length; i++) {
    variants.add(word.slice(0, i) + word.slice(i + 1));
    if (i + 1 < word.length) variants.add(word.slice(0, i) + (word[i + 1] as string) + (word[i] as string) + word.slice(i + 2));
  }
  for (let i = 0; i <= word.length; i++) {
    for (const letter of alphabet) variants.add(word.slice(0, i) + letter + word.slice(i));
  }
  return variants;
}

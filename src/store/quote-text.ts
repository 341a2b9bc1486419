import { isStopword } from '../text/terms.js';
import { words } from '../text/words.js';

/**
 * How quotations are compared: the folded words of a quote, split the way SQLite's unicode61 tokenizer splits them
 * (apostrophes separate, so "Russia’s" is "russia s"), so that what merges two outlets' copies and what the full-text
 * index matches are the same words. Pure: no database here.
 */

export function quoteTerms(text: string): string[] {
  return words(text).flatMap((word) => word.split("'")).filter((term) => term.length > 0);
}

/** The merge key: case, diacritics, quote marks, dashes, whitespace and trailing punctuation all disappear. */
export function matchKey(terms: readonly string[]): string {
  return terms.join(' ');
}

/** Whether `inner` appears as whole consecutive words inside `outer` (both match keys). */
export function keyContains(outer: string, inner: string): boolean {
  return ` ${outer} `.includes(` ${inner} `);
}

/** A word that stands for itself only: 4 letters or more, else "we"/"he" would count as the same word misspelt. */
const MIN_FUZZY_LENGTH = 4;
const MIN_FUZZY_SIMILARITY = 0.6;

/**
 * 1 for the same word, 0.6–0.9 for a misspelling or another inflection of it, else 0. Misspellings and inflections
 * keep the first letter; requiring it spares most edit-distance computations.
 */
export function termSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < MIN_FUZZY_LENGTH || b.length < MIN_FUZZY_LENGTH || a[0] !== b[0]) return 0;
  const longest = Math.max(a.length, b.length);
  if (Math.abs(a.length - b.length) > longest * (1 - MIN_FUZZY_SIMILARITY)) return 0;
  const similarity = 1 - editDistance(a, b) / longest;
  return similarity >= MIN_FUZZY_SIMILARITY ? Math.min(similarity, 0.9) : 0;
}

/** Rows reused across calls: allocating typed arrays per word pair costs more than the computation. */
let editRows = [new Int32Array(32), new Int32Array(32), new Int32Array(32)];

/** Optimal string alignment distance: Levenshtein plus adjacent transpositions ("tlak" is one edit from "talk"). */
function editDistance(a: string, b: string): number {
  const width = b.length + 1;
  if ((editRows[0] as Int32Array).length < width) editRows = [new Int32Array(width * 2), new Int32Array(width * 2), new Int32Array(width * 2)];
  const rows = editRows;
  // Three rolling rows: the one before the previous is needed for transpositions.
  for (let j = 0; j < width; j += 1) (rows[1] as Int32Array)[j] = j;
  for (let i = 1; i <= a.length; i += 1) {
    const beforePrevious = rows[(i + 2) % 3] as Int32Array;
    const previous = rows[i % 3] as Int32Array;
    const current = rows[(i + 1) % 3] as Int32Array;
    current[0] = i;
    for (let j = 1; j < width; j += 1) {
      let best = Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (beforePrevious[j - 2] as number) + 1);
      current[j] = best;
    }
  }
  return (rows[(a.length + 1) % 3] as Int32Array)[b.length] as number;
}

/** What a quote word costs when the fragment leaves it out (a remembered quote often drops a word). */
const SKIPPED_QUOTE_WORD = 0.4;

/** Function words say less about which quote is meant than content words. */
function termWeight(term: string): number {
  return isStopword(term) ? 0.5 : 1;
}

/**
 * Scores how well a remembered fragment matches somewhere inside a quote, 0..1: a local alignment of the fragment's
 * words against the quote's, crediting each fragment word by its similarity to the quote word it lines up with. A
 * word changed or misspelt loses (part of) its own weight; a quote word missing from the fragment costs a little;
 * quote words before and after the remembered part cost nothing. 1 means the fragment appears verbatim. The scorer
 * remembers word similarities, since the same quote words recur across candidates.
 */
export function fragmentScorer(fragment: readonly string[]): (quote: readonly string[]) => number {
  const size = fragment.length;
  const weights = fragment.map(termWeight);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  // For each quote word seen, what it is worth against each fragment word (weight × similarity); most quote words
  // resemble none of them and share one row of zeros (a search rescores some hundred quotes: allocation adds up).
  const worth = new Map<string, readonly number[]>();
  const unrelated: readonly number[] = new Array<number>(size).fill(0);
  const columns: (readonly number[])[] = [];
  let previous = new Float64Array(0);
  let current = new Float64Array(0);
  return (quote) => {
    if (total === 0 || quote.length === 0) return 0;
    if (previous.length <= quote.length) {
      previous = new Float64Array(quote.length * 2 + 1);
      current = new Float64Array(quote.length * 2 + 1);
    }
    previous.fill(0, 0, quote.length + 1);
    for (let j = 0; j < quote.length; j += 1) {
      const word = quote[j] as string;
      let values = worth.get(word);
      if (!values) {
        let related: number[] | null = null;
        for (let i = 0; i < size; i += 1) {
          const value = (weights[i] as number) * termSimilarity(fragment[i] as string, word);
          if (value !== 0) (related ??= new Array<number>(size).fill(0))[i] = value;
        }
        values = related ?? unrelated;
        worth.set(word, values);
      }
      columns[j] = values;
    }
    // previous[j]: the best score of the fragment words so far, aligned to end at quote word j (0: before the quote).
    for (let i = 0; i < size; i += 1) {
      current[0] = 0;
      let left = 0;
      for (let j = 1; j <= quote.length; j += 1) {
        const aligned = (previous[j - 1] as number) + ((columns[j - 1] as readonly number[])[i] as number);
        const kept = previous[j] as number;
        const skipped = left - SKIPPED_QUOTE_WORD;
        left = aligned > kept ? (aligned > skipped ? aligned : skipped) : kept > skipped ? kept : skipped;
        current[j] = left;
      }
      const done = previous;
      previous = current;
      current = done;
    }
    let best = 0;
    for (let j = 0; j <= quote.length; j += 1) best = Math.max(best, previous[j] as number);
    return best / total;
  };
}

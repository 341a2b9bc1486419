/** Text helpers shared by every analysis stage: one notion of "a word" and of "the same letters". */

const APOSTROPHES = /[\u2019\u2018\u02bc\u02b9\u0060\u00b4]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;
const COMBINING_MARKS = /\p{M}+/gu;

/** Lower-cases, folds diacritics (é→e, й→и stays Cyrillic), and unifies apostrophes and dashes. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(APOSTROPHES, "'")
    .replace(DASHES, '-')
    .toLowerCase();
}

export interface WordToken {
  /** The folded form, for comparison. */
  word: string;
  /** Offsets into the original string. */
  start: number;
  end: number;
}

const WORD = /[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)*/gu;

/**
 * Unicode-aware word tokens (JavaScript's \b is ASCII-only). Offsets refer to the input;
 * the folded form is computed per token so offsets survive NFKD length changes.
 */
export function tokenizeWords(text: string): WordToken[] {
  const tokens: WordToken[] = [];
  for (const match of text.matchAll(WORD)) {
    const start = match.index ?? 0;
    tokens.push({ word: foldText(match[0]), start, end: start + match[0].length });
  }
  return tokens;
}

/** Just the folded words. */
export function words(text: string): string[] {
  return tokenizeWords(text).map((token) => token.word);
}

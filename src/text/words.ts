/** Text helpers shared by every analysis stage: one notion of "a word" and of "the same letters". */
import { extendHash, extendHashByCode, extendHashLowerAscii } from './word-hash.js';

const APOSTROPHES = /[\u2019\u2018\u02bc\u02b9\u0060\u00b4]/g;
/** Letters NFKD leaves whole (they are not a base letter plus a mark) but readers type without the stroke. */
const UNDECOMPOSED = /[łŁøØđĐßæÆœŒ]/g;
const UNDECOMPOSED_FOLDS: Record<string, string> = { ł: 'l', Ł: 'l', ø: 'o', Ø: 'o', đ: 'd', Đ: 'd', ß: 'ss', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe' };
const DASHES = /[\u2010-\u2015\u2212]/g;
const COMBINING_MARKS = /\p{M}+/gu;

/** Lower-cases, folds diacritics (é→e, ł→l; й→и stays Cyrillic), and unifies apostrophes and dashes. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS, '')
    .replace(UNDECOMPOSED, (letter) => UNDECOMPOSED_FOLDS[letter] ?? letter)
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

const LETTER_OR_NUMBER = /^[\p{L}\p{N}]$/u;
const LETTER = /^\p{L}$/u;
const APOSTROPHE = 0x27;
const RIGHT_SINGLE_QUOTE = 0x2019;

/** Length in code units of the word character at `index` (0 when there is none). */
function wordCharLength(text: string, index: number, allowNumbers: boolean): number {
  const code = text.charCodeAt(index);
  if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) return 1;
  if (code >= 0x30 && code <= 0x39) return allowNumbers ? 1 : 0;
  if (code < 0x80 || isGeneralPunctuation(code)) return 0;
  const codePoint = text.codePointAt(index) ?? code;
  const char = String.fromCodePoint(codePoint);
  return (allowNumbers ? LETTER_OR_NUMBER : LETTER).test(char) ? char.length : 0;
}

function isAsciiLetterOrDigit(code: number): boolean {
  const lower = code | 0x20;
  return (lower >= 0x61 && lower <= 0x7a) || (code >= 0x30 && code <= 0x39);
}

/** Curly quotes, dashes, spaces: frequent in news text and never a letter or digit. */
function isGeneralPunctuation(code: number): boolean {
  return code >= 0x2000 && code <= 0x206f;
}

/** Per word in WordSpans' buffer: start, end, key length, key hash, key head, index of the key string (-1: none),
 * e.g. "Ukraine's talks" → [0, 9, 7, hash("ukraine"), hash("ukr"), -1, 10, 15, 5, hash("talks"), hash("tal"), -1]. */
const STRIDE = 6;
const NO_KEY_STRING = -1;

/**
 * Where the words of a text are, and each word's match key: folded, with a possessive 's removed ("Ukraine’s" →
 * "ukraine"), as a length and a word-hash. An ASCII word's key is its own letters lower-cased, read in place, so
 * only the other words (accents, Cyrillic, curly apostrophes) get a string: most words of an English article cost
 * no allocation at all. The words are packed into one Int32Array that grows as needed and can be cleared and
 * refilled: the topic matcher tokenises every item into the same buffer.
 */
export class WordSpans {
  // Small to start: most texts tokenised are titles and quotes; a reused buffer grows once to the longest text.
  private columns = new Int32Array(STRIDE * 32);
  private readonly keyStrings: string[] = [];
  private words = 0;

  get count(): number {
    return this.words;
  }

  /** Offset of the word's first code unit in the text it came from. */
  start(word: number): number {
    return this.columns[word * STRIDE] ?? 0;
  }

  /** Offset just past the word. */
  end(word: number): number {
    return this.columns[word * STRIDE + 1] ?? 0;
  }

  keyLength(word: number): number {
    return this.columns[word * STRIDE + 2] ?? 0;
  }

  keyHash(word: number): number {
    return this.columns[word * STRIDE + 3] ?? 0;
  }

  /** The word-hash of the key's first KEY_HEAD_LENGTH code units, -1 for shorter keys. */
  keyHead(word: number): number {
    return this.columns[word * STRIDE + 4] ?? -1;
  }

  /** The match key of words with any non-ASCII character (curly apostrophes included); undefined for ASCII words. */
  key(word: number): string | undefined {
    const index = this.columns[word * STRIDE + 5] ?? NO_KEY_STRING;
    return index === NO_KEY_STRING ? undefined : this.keyStrings[index];
  }

  clear(): void {
    this.words = 0;
    this.keyStrings.length = 0;
  }

  /** A word of ASCII letters and digits only: its key is itself. */
  addAscii(start: number, end: number, keyHash: number, keyHead: number): void {
    const at = this.words * STRIDE;
    if (at + STRIDE > this.columns.length) this.grow();
    const { columns } = this;
    columns[at] = start;
    columns[at + 1] = end;
    columns[at + 2] = end - start;
    columns[at + 3] = keyHash;
    columns[at + 4] = keyHead;
    columns[at + 5] = NO_KEY_STRING;
    this.words += 1;
  }

  add(start: number, end: number, keyLength: number, keyHash: number, keyHead: number, key: string | undefined): void {
    let at = this.words * STRIDE;
    if (at + STRIDE > this.columns.length) this.grow();
    const { columns } = this;
    columns[at++] = start;
    columns[at++] = end;
    columns[at++] = keyLength;
    columns[at++] = keyHash;
    columns[at++] = keyHead;
    columns[at] = key === undefined ? NO_KEY_STRING : this.keyStrings.push(key) - 1;
    this.words += 1;
  }

  private grow(): void {
    const grown = new Int32Array(this.columns.length * 2);
    grown.set(this.columns);
    this.columns = grown;
  }
}

/** Words of a text as parallel columns: the folded form and the offsets of each word in the input. */
export interface WordColumns {
  words: string[];
  starts: number[];
  ends: number[];
}

const LOWER_S = 0x73;
/** How much of a key WordSpans.keyHead covers: enough for a lookup of stems (`guarantee*`), which are at least this long. */
export const KEY_HEAD_LENGTH = 3;

/**
 * Unicode-aware word tokens (JavaScript's \b is ASCII-only): letters and digits, with inner apostrophes
 * ("Russia's", "Zelensky’s"). Offsets refer to the input; folding is per word so offsets survive NFKD length
 * changes. A hand-written single pass rather than a Unicode regex, and packed columns rather than one object per
 * word: tokenising article bodies is most of the cost of matching items against topics.
 */
export function wordSpans(text: string): WordSpans {
  const spans = new WordSpans();
  scanWords(text, spans);
  return spans;
}

/** Per ASCII code unit: its lower-case form when it is a letter or digit, else 0. */
const ASCII_WORD_CHAR = Uint8Array.from({ length: 0x80 }, (_, code) => (isAsciiLetterOrDigit(code) ? code | 0x20 : 0));

/** The lower-case form of an ASCII letter or digit, else 0 (for any other code unit too). */
function asciiWordChar(code: number): number {
  return code < 0x80 ? (ASCII_WORD_CHAR[code] ?? 0) : 0;
}

/** Adds the words of `text` to `spans`, after those already there (see wordSpans). */
export function scanWords(text: string, spans: WordSpans): void {
  const length = text.length;
  for (let index = 0; index < length; index += 1) {
    let code = text.charCodeAt(index);
    let lower = asciiWordChar(code);
    if (lower === 0) {
      if (code >= 0x80 && wordCharLength(text, index, true) > 0) index = scanRestOfWord(text, index, index, 0, spans) - 1;
      continue;
    }
    const start = index;
    let hash = extendHashByCode(0, lower);
    let head = -1;
    for (index += 1; index < length; index += 1) {
      code = text.charCodeAt(index);
      lower = asciiWordChar(code);
      if (lower === 0) break;
      hash = extendHashByCode(hash, lower);
      if (index - start === KEY_HEAD_LENGTH - 1) head = hash;
    }
    if (index < length && (code === APOSTROPHE || code === RIGHT_SINGLE_QUOTE || (code >= 0x80 && !isGeneralPunctuation(code)))) {
      index = scanRestOfWord(text, start, index, hash, spans) - 1;
    } else {
      // The common case: a word of ASCII letters and digits only, its own key.
      spans.addAscii(start, index, hash, head);
    }
  }
}

/**
 * Scans the rest of a word that goes on past its first ASCII letters (from `index`, with their `hash` so far) with
 * other letters or apostrophes, adds it to the spans, and returns where it ends.
 */
function scanRestOfWord(text: string, start: number, from: number, hashSoFar: number, spans: WordSpans): number {
  const length = text.length;
  let index = from;
  let hash = hashSoFar;
  let ascii = true;
  let step: number;
  while (index < length) {
    const code = text.charCodeAt(index);
    if (isAsciiLetterOrDigit(code)) {
      hash = extendHashByCode(hash, code | 0x20);
      index += 1;
      continue;
    }
    if (code < 0x80 || (step = wordCharLength(text, index, true)) === 0) break;
    ascii = false;
    index += step;
  }
  let possessive = false;
  let curlyApostrophe = false;
  let hashBeforeSuffix = hash;
  while (index < length) {
    const code = text.charCodeAt(index);
    if (code !== APOSTROPHE && code !== RIGHT_SINGLE_QUOTE) break;
    let next = index + 1;
    let suffixHash = extendHashByCode(hash, APOSTROPHE);
    let suffixAscii = true;
    while (next < length && (step = wordCharLength(text, next, false)) > 0) {
      const suffixCode = text.charCodeAt(next);
      if (suffixCode > 0x7f) suffixAscii = false;
      else suffixHash = extendHashByCode(suffixHash, suffixCode | 0x20);
      next += step;
    }
    if (next === index + 1) break;
    possessive = next === index + 2 && (text.charCodeAt(index + 1) | 0x20) === LOWER_S;
    hashBeforeSuffix = hash;
    hash = suffixHash;
    ascii &&= suffixAscii;
    curlyApostrophe ||= code === RIGHT_SINGLE_QUOTE;
    index = next;
  }
  if (ascii) {
    const stripped = possessive && index - start > 2;
    const keyLength = stripped ? index - 2 - start : index - start;
    // "Russia’s": ASCII letters but a curly apostrophe, so the key needs a string of its own, though not foldText.
    const key = curlyApostrophe ? text.slice(start, start + keyLength).toLowerCase().replaceAll('\u2019', "'") : undefined;
    const head = key === undefined ? extendHashLowerAscii(0, text, start, start + KEY_HEAD_LENGTH) : extendHash(0, key.slice(0, KEY_HEAD_LENGTH));
    spans.add(start, index, keyLength, stripped ? hashBeforeSuffix : hash, keyLength < KEY_HEAD_LENGTH ? -1 : head, key);
  } else {
    const key = stripPossessive(foldText(text.slice(start, index)));
    const head = key.length < KEY_HEAD_LENGTH ? -1 : extendHash(0, key.slice(0, KEY_HEAD_LENGTH));
    spans.add(start, index, key.length, extendHash(0, key), head, key);
  }
  return index;
}

/** "ukraine's" → "ukraine", for folded words. */
export function stripPossessive(word: string): string {
  return word.length > 2 && word.endsWith("'s") ? word.slice(0, -2) : word;
}

/** wordColumns' buffer, reused: it runs synchronously and keeps nothing of it. */
const columnsScratch = new WordSpans();

/** wordSpans with every word's folded form (possessives kept). */
export function wordColumns(text: string): WordColumns {
  const spans = columnsScratch;
  spans.clear();
  scanWords(text, spans);
  const columns: WordColumns = { words: [], starts: [], ends: [] };
  for (let word = 0; word < spans.count; word += 1) {
    const start = spans.start(word);
    const end = spans.end(word);
    const raw = text.slice(start, end);
    columns.words.push(spans.key(word) === undefined ? raw.toLowerCase() : foldText(raw));
    columns.starts.push(start);
    columns.ends.push(end);
  }
  return columns;
}

/** The same words as wordColumns, one object per word. */
export function tokenizeWords(text: string): WordToken[] {
  const { words: folded, starts, ends } = wordColumns(text);
  return folded.map((word, index) => ({ word, start: starts[index] ?? 0, end: ends[index] ?? 0 }));
}

/** Just the folded words. */
export function words(text: string): string[] {
  return tokenizeWords(text).map((token) => token.word);
}

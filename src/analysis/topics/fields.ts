import type { ItemField } from './schema.js';
import { scanWords, WordSpans } from '../../text/words.js';
import { extendHash, extendHashLowerAscii } from '../../text/word-hash.js';

/** What the matcher reads from a news item. */
export interface MatchableItem {
  title: string;
  summary?: string | undefined;
  content?: string | undefined;
  /** When it was published (ISO 8601, as feeds and the store give it); rules with a date window need it. */
  published?: string | undefined;
}

/** The item's publication time in ms since the epoch, NaN when it has none (or an unreadable one). */
export function publicationTime(item: MatchableItem): number {
  return item.published === undefined ? Number.NaN : Date.parse(item.published);
}

/**
 * One field of an item as matchable words: words [first, end) of `words` (see WordSpans for their match keys), which
 * holds the words of every field of the item; their offsets point into `text`.
 */
export interface FieldTokens {
  field: ItemField;
  text: string;
  words: WordSpans;
  first: number;
  end: number;
}

/** An item's fields in reading order; per-field arrays of the matcher follow it. */
export const FIELDS: readonly ItemField[] = ['title', 'lede', 'body'];

const NOT_BLANK = /\S/;
const LEDE_WORDS = 60;
/** A first paragraph up to this long is kept whole as the lede. */
const LONGEST_WHOLE_FIRST_PARAGRAPH = 80;

/**
 * Title, lede and body. The lede is the summary; without one, it is the first paragraph of the content
 * (cut to ~60 words when longer), and the body is the rest of the content. The words go into `words`, cleared first.
 */
export function itemFields(item: MatchableItem, words = new WordSpans()): FieldTokens[] {
  words.clear();
  const fields = [fieldTokens('title', item.title, words)];
  const summary = item.summary !== undefined && NOT_BLANK.test(item.summary) ? item.summary : undefined;
  const content = item.content !== undefined && NOT_BLANK.test(item.content) ? item.content : undefined;
  if (summary !== undefined) {
    fields.push(fieldTokens('lede', summary, words));
    if (content !== undefined) fields.push(fieldTokens('body', content, words));
    return fields;
  }
  if (content === undefined) return fields;
  const all = fieldTokens('lede', content, words);
  const ledeEnd = all.first + ledeLength(all);
  fields.push({ ...all, end: ledeEnd }, { ...all, field: 'body', first: ledeEnd });
  return fields;
}

/** How many of the content's first words make its lede. */
function ledeLength(content: FieldTokens): number {
  const { words, first, end } = content;
  const count = end - first;
  const paragraphBreak = content.text.indexOf('\n', words.start(first));
  if (paragraphBreak === -1) return Math.min(count, LEDE_WORDS);
  let inParagraph = 0;
  while (inParagraph < count && words.start(first + inParagraph) < paragraphBreak) inParagraph += 1;
  return inParagraph <= LONGEST_WHOLE_FIRST_PARAGRAPH ? inParagraph : LEDE_WORDS;
}

function fieldTokens(field: ItemField, text: string, words: WordSpans): FieldTokens {
  const first = words.count;
  scanWords(text, words);
  return { field, text, words, first, end: words.count };
}

/**
 * When a hyphen joins words `index` and `index + 1` ("co-operation"), the word-hash of both written as one
 * ("cooperation"); else -1.
 */
export function joinedHash(field: FieldTokens, index: number): number {
  const { words, text } = field;
  if (index + 1 >= field.end) return -1;
  const end = words.end(index);
  const nextStart = words.start(index + 1);
  if (nextStart !== end + 1 || !isHyphen(text.charCodeAt(end))) return -1;
  const hash = words.keyHash(index);
  const nextKey = words.key(index + 1);
  return nextKey === undefined ? extendHashLowerAscii(hash, text, nextStart, nextStart + words.keyLength(index + 1)) : extendHash(hash, nextKey);
}

/** Code unit `offset` of word `index`'s match key. */
function keyCodeAt(field: FieldTokens, index: number, offset: number): number {
  const key = field.words.key(index);
  return key === undefined ? field.text.charCodeAt(field.words.start(index) + offset) | 0x20 : key.charCodeAt(offset);
}

/** Whether the first `count` code units of word `index`'s match key equal `expected` from `offset` (no string built). */
export function keyMatches(field: FieldTokens, index: number, expected: string, offset: number, count: number): boolean {
  for (let at = 0; at < count; at += 1) if (keyCodeAt(field, index, at) !== expected.charCodeAt(offset + at)) return false;
  return true;
}

const WRITTEN_POSSESSIVE = /(?<=.)['\u2019][sS]$/;

/** "Merz’s" → "Merz", "TRUMP'S" → "TRUMP", for words as written (either apostrophe). */
export function stripWrittenPossessive(word: string): string {
  return word.replace(WRITTEN_POSSESSIVE, '');
}

/** Hyphen-minus, the Unicode hyphens and dashes, minus sign. */
export function isHyphen(code: number): boolean {
  return code === 0x2d || (code >= 0x2010 && code <= 0x2015) || code === 0x2212;
}

import type { ItemField } from './schema.js';
import { wordSpans, type WordSpans } from '../../text/words.js';
import { extendHash, extendHashLowerAscii } from '../../text/word-hash.js';

/** What the matcher reads from a news item. */
export interface MatchableItem {
  title: string;
  summary?: string | undefined;
  content?: string | undefined;
}

/** One field of an item as matchable tokens (see WordSpans for the words' match keys); offsets point into `text`. */
export interface FieldTokens extends WordSpans {
  field: ItemField;
  text: string;
}

const NOT_BLANK = /\S/;
const LEDE_WORDS = 60;
/** A first paragraph up to this long is kept whole as the lede. */
const LONGEST_WHOLE_FIRST_PARAGRAPH = 80;

/**
 * Title, lede and body. The lede is the summary; without one, it is the first paragraph of the content
 * (cut to ~60 words when longer), and the body is the rest of the content.
 */
export function itemFields(item: MatchableItem): FieldTokens[] {
  const fields = [fieldTokens('title', item.title)];
  const summary = item.summary !== undefined && NOT_BLANK.test(item.summary) ? item.summary : undefined;
  const content = item.content !== undefined && NOT_BLANK.test(item.content) ? item.content : undefined;
  if (summary !== undefined) {
    fields.push(fieldTokens('lede', summary));
    if (content !== undefined) fields.push(fieldTokens('body', content));
    return fields;
  }
  if (content === undefined) return fields;
  const all = fieldTokens('lede', content);
  const ledeEnd = ledeLength(all);
  fields.push(sliceField(all, 'lede', 0, ledeEnd), sliceField(all, 'body', ledeEnd, all.starts.length));
  return fields;
}

function ledeLength(content: FieldTokens): number {
  const firstWordStart = content.starts[0] ?? 0;
  const paragraphBreak = content.text.indexOf('\n', firstWordStart);
  if (paragraphBreak === -1) return Math.min(content.starts.length, LEDE_WORDS);
  let count = 0;
  while (count < content.starts.length && (content.starts[count] ?? 0) < paragraphBreak) count += 1;
  return count <= LONGEST_WHOLE_FIRST_PARAGRAPH ? count : LEDE_WORDS;
}

function sliceField(source: FieldTokens, field: ItemField, from: number, to: number): FieldTokens {
  return {
    field,
    text: source.text,
    starts: source.starts.slice(from, to),
    ends: source.ends.slice(from, to),
    keyLengths: source.keyLengths.slice(from, to),
    keyHashes: source.keyHashes.slice(from, to),
    keyHeads: source.keyHeads.slice(from, to),
    keys: source.keys.slice(from, to),
  };
}

function fieldTokens(field: ItemField, text: string): FieldTokens {
  const { starts, ends, keyLengths, keyHashes, keyHeads, keys } = wordSpans(text);
  return { field, text, starts, ends, keyLengths, keyHashes, keyHeads, keys };
}

/**
 * When a hyphen joins words `index` and `index + 1` ("co-operation"), the word-hash of both written as one
 * ("cooperation"); else -1.
 */
export function joinedHash(field: FieldTokens, index: number): number {
  const end = field.ends[index] ?? 0;
  const nextStart = field.starts[index + 1];
  if (nextStart !== end + 1 || !isHyphen(field.text.charCodeAt(end))) return -1;
  const hash = field.keyHashes[index] ?? 0;
  const nextKey = field.keys[index + 1];
  return nextKey === undefined ? extendHashLowerAscii(hash, field.text, nextStart, nextStart + (field.keyLengths[index + 1] ?? 0)) : extendHash(hash, nextKey);
}

/** Code unit `offset` of word `index`'s match key. */
export function keyCodeAt(field: FieldTokens, index: number, offset: number): number {
  const key = field.keys[index];
  return key === undefined ? field.text.charCodeAt((field.starts[index] ?? 0) + offset) | 0x20 : key.charCodeAt(offset);
}

/** Whether the first `count` code units of word `index`'s match key equal `expected` from `offset` (no string built). */
export function keyMatches(field: FieldTokens, index: number, expected: string, offset: number, count: number): boolean {
  for (let at = 0; at < count; at += 1) if (keyCodeAt(field, index, at) !== expected.charCodeAt(offset + at)) return false;
  return true;
}

const WRITTEN_POSSESSIVE = /(?<=.)['\u2019]s$/;

/** "Merz’s" → "Merz", for words as written (either apostrophe). */
export function stripWrittenPossessive(word: string): string {
  return word.replace(WRITTEN_POSSESSIVE, '');
}

/** Hyphen-minus, the Unicode hyphens and dashes, minus sign. */
export function isHyphen(code: number): boolean {
  return code === 0x2d || (code >= 0x2010 && code <= 0x2015) || code === 0x2212;
}

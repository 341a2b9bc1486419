import type { ItemField } from './schema.js';
import { tokenizeWords } from '../../text/words.js';

/** What the matcher reads from a news item. */
export interface MatchableItem {
  title: string;
  summary?: string | undefined;
  content?: string | undefined;
}

/** One field of an item as matchable tokens; offsets point into `text`. */
export interface FieldTokens {
  field: ItemField;
  text: string;
  /** Folded words, possessive 's removed ("Ukraine’s" → "ukraine"). */
  words: string[];
  starts: number[];
  ends: number[];
  /** `joined[i]` is words i and i+1 written as one ("co-operation" → "cooperation") when a hyphen joins them. */
  joined: (string | undefined)[];
}

const LEDE_WORDS = 60;
/** A first paragraph up to this long is kept whole as the lede. */
const LONGEST_WHOLE_FIRST_PARAGRAPH = 80;

/**
 * Title, lede and body. The lede is the summary; without one, it is the first paragraph of the content
 * (cut to ~60 words when longer), and the body is the rest of the content.
 */
export function itemFields(item: MatchableItem): FieldTokens[] {
  const fields = [fieldTokens('title', item.title)];
  const summary = item.summary?.trim() ? item.summary : undefined;
  const content = item.content?.trim() ? item.content : undefined;
  if (summary !== undefined) {
    fields.push(fieldTokens('lede', summary));
    if (content !== undefined) fields.push(fieldTokens('body', content));
    return fields;
  }
  if (content === undefined) return fields;
  const all = fieldTokens('lede', content);
  const ledeEnd = ledeLength(all);
  fields.push(sliceField(all, 'lede', 0, ledeEnd), sliceField(all, 'body', ledeEnd, all.words.length));
  return fields;
}

function ledeLength(content: FieldTokens): number {
  const firstWordStart = content.starts[0] ?? 0;
  const paragraphBreak = content.text.indexOf('\n', firstWordStart);
  if (paragraphBreak === -1) return Math.min(content.words.length, LEDE_WORDS);
  let count = 0;
  while (count < content.starts.length && (content.starts[count] ?? 0) < paragraphBreak) count += 1;
  return count <= LONGEST_WHOLE_FIRST_PARAGRAPH ? count : LEDE_WORDS;
}

function sliceField(source: FieldTokens, field: ItemField, from: number, to: number): FieldTokens {
  const joined = source.joined.slice(from, to);
  if (joined.length > 0) joined[joined.length - 1] = undefined;
  return {
    field,
    text: source.text,
    words: source.words.slice(from, to),
    starts: source.starts.slice(from, to),
    ends: source.ends.slice(from, to),
    joined,
  };
}

const POSSESSIVE = /'s$/;

function fieldTokens(field: ItemField, text: string): FieldTokens {
  const tokens = tokenizeWords(text);
  const words = tokens.map((token) => stripPossessive(token.word));
  const joined = tokens.map((token, index) => {
    const next = tokens[index + 1];
    return next && next.start === token.end + 1 && isHyphen(text.charCodeAt(token.end))
      ? `${words[index]}${words[index + 1]}`
      : undefined;
  });
  return {
    field,
    text,
    words,
    starts: tokens.map((token) => token.start),
    ends: tokens.map((token) => token.end),
    joined,
  };
}

/** "ukraine's" → "ukraine", for folded words. */
export function stripPossessive(word: string): string {
  return word.length > 2 && word.endsWith("'s") ? word.replace(POSSESSIVE, '') : word;
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

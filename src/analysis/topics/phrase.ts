import { isHyphen, stripWrittenPossessive } from './fields.js';
import { stripPossessive, tokenizeWords } from '../../text/words.js';

/** One word of a phrase pattern. */
export interface PatternWord {
  /** Folded form, the key in the phrase trie. */
  folded: string;
  /** As written, for case-sensitive checks. */
  original: string;
  /** Written with a trailing *: matches any word that starts with `folded`. */
  prefix: boolean;
}

/** A sequence of words to find; one phrase yields several when it has hyphens ("co-operation" / "cooperation"). */
export interface PhrasePattern {
  words: PatternWord[];
  caseSensitive: boolean;
}

export type ParsedPhrase = { ok: true; patterns: PhrasePattern[] } | { ok: false; message: string };

export const MAX_PHRASE_WORDS = 10;
const MIN_PREFIX_LETTERS = 3;
/** Characters that only make sense in a regular expression. */
const REGEX_SYNTAX = /[\\^|()[\]{}?+]/;
const MAX_HYPHEN_VARIANTS = 3;

export function parsePhrase(text: string, caseSensitive: boolean): ParsedPhrase {
  if (REGEX_SYNTAX.test(text)) {
    return fail(
      `"${text}" looks like a regular expression, which rules don't support: write the plain words ` +
        '(matching ignores case and accents), end a word with * to match any ending ("guarantee*"), and list variants as separate terms',
    );
  }
  const tokens = tokenizeWords(text);
  if (tokens.length === 0) return fail(`"${text}" has no words to match: write letters or digits, e.g. "peace deal"`);
  if (tokens.length > MAX_PHRASE_WORDS) return fail(`"${text}" has ${tokens.length} words; a phrase has at most ${MAX_PHRASE_WORDS}`);
  const words: PatternWord[] = [];
  const hyphenAfter: boolean[] = [];
  for (const [index, token] of tokens.entries()) {
    const prefix = text.charCodeAt(token.end) === 0x2a;
    const folded = stripPossessive(token.word);
    if (prefix && [...folded].length < MIN_PREFIX_LETTERS) {
      return fail(`"${text}": put * after at least ${MIN_PREFIX_LETTERS} letters ("guarantee*"), a shorter stem matches too many words`);
    }
    words.push({ folded, original: stripWrittenPossessive(text.slice(token.start, token.end)), prefix });
    const next = tokens[index + 1];
    hyphenAfter.push(next !== undefined && next.start === token.end + 1 && isHyphen(text.charCodeAt(token.end)));
  }
  const strayStar = [...text.matchAll(/\*/g)].some((star) => !tokens.some((token) => token.end === star.index));
  if (strayStar) return fail(`"${text}": * goes right after a word ("guarantee*") and means "any ending"`);
  return { ok: true, patterns: hyphenVariants(words, hyphenAfter).map((variant) => ({ words: variant, caseSensitive })) };
}

/** The phrase as written, plus each hyphenated pair written as one word ("cease-fire" → "ceasefire"). */
function hyphenVariants(words: PatternWord[], hyphenAfter: boolean[]): PatternWord[][] {
  const joinable = hyphenAfter.flatMap((hyphen, index) => (hyphen && !words[index]?.prefix ? [index] : []));
  const variants = [words];
  for (const index of joinable.slice(0, MAX_HYPHEN_VARIANTS)) {
    for (const variant of [...variants]) {
      const offset = variant.length - words.length;
      const left = variant[index + offset];
      const right = variant[index + offset + 1];
      if (!left || !right) continue;
      const merged: PatternWord = {
        folded: left.folded + right.folded,
        original: left.original + right.original,
        prefix: right.prefix,
      };
      variants.push([...variant.slice(0, index + offset), merged, ...variant.slice(index + offset + 2)]);
    }
  }
  return variants;
}

function fail(message: string): ParsedPhrase {
  return { ok: false, message };
}

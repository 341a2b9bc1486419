import { CUE_VERBS, DETERMINERS, GOVERNING_VERBS, NAMING_WORDS, PREPOSITIONS } from './lexicon.js';
import type { Token } from './narration.js';

/**
 * Quoted words that are nobody's speech: titles ("Putin's World", "Meet the Press"), names of things
 * ("codenamed “Spiderweb”") and scare quotes used as a noun ("the “coalition of the willing”").
 */

const FUNCTION_WORDS = new Set(['of', 'the', 'a', 'an', 'and', 'for', 'in', 'on', 'to', 'at', 'by', 'with', 'from', 'is', 'or', 'nor', 'but']);

export function isNamedThing(tokens: readonly Token[], quoteIndex: number, quoteText: string, describingCues: ReadonlySet<number>): boolean {
  const before = tokens[quoteIndex - 1];
  const previousWord = before?.kind === 'word' ? before : null;
  if (previousWord && NAMING_WORDS.has(previousWord.fold)) return true;
  if (isTitleCase(quoteText)) return true;
  const wordCount = quoteText.trim().split(/\s+/).length;
  if (!previousWord || wordCount < 2) return false;
  const determinerBefore = DETERMINERS.has(previousWord.fold) || /['\u2019]s$/.test(previousWord.text);
  return determinerBefore && !describingVerbNear(tokens, quoteIndex, describingCues) && governingVerb(tokens, quoteIndex) < 0;
}

/**
 * "praised the “tireless work”", "spoke of a “framework for peace”", "warned against “any provocations”",
 * "thanked Washington for its “leadership”": a verb of speech or evaluation whose object the quoted words are,
 * a few words before them in the same clause. Its token index, or -1.
 */
export function governingVerb(tokens: readonly Token[], quoteIndex: number): number {
  for (let i = quoteIndex - 1; i >= Math.max(0, quoteIndex - 6); i--) {
    const token = tokens[i];
    if (token?.kind !== 'word') return -1;
    // "with talk of a “free economic zone”": after a preposition or determiner the word is a noun, not a verb.
    const before = tokens[i - 1];
    if (/^\p{Lu}/u.test(token.text) || (before?.kind === 'word' && (PREPOSITIONS.has(before.fold) || DETERMINERS.has(before.fold)))) continue;
    const lemma = CUE_VERBS.get(token.fold)?.lemma;
    const stems = [token.fold, token.fold.replace(/e?d$|s$|ing$/, ''), token.fold.replace(/d$/, '')];
    if ((lemma && GOVERNING_VERBS.has(lemma)) || stems.some((stem) => GOVERNING_VERBS.has(stem))) return i;
  }
  return -1;
}

/** "described the original as a “wish list”": a describing verb just before keeps the words a quote. */
function describingVerbNear(tokens: readonly Token[], quoteIndex: number, describingCues: ReadonlySet<number>): boolean {
  for (let i = quoteIndex - 1; i >= Math.max(0, quoteIndex - 6); i--) {
    if (tokens[i]?.kind !== 'word') return false;
    if (describingCues.has(i)) return true;
  }
  return false;
}

function isTitleCase(quoteText: string): boolean {
  const words = quoteText.replace(/[.,;:!?]+$/u, '').split(/\s+/).filter((word) => /\p{L}/u.test(word));
  if (words.length === 0 || words.length > 6) return false;
  if (words.every((word) => word === word.toUpperCase())) return false;
  return words.every((word, i) => /^[\p{Lu}\p{N}]/u.test(word) || (i > 0 && FUNCTION_WORDS.has(word.toLowerCase())));
}

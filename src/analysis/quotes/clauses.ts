import {
  ADVERBIAL_OPENERS,
  CLAUSE_OPENERS,
  CUE_VERBS,
  DETERMINERS,
  INVERTIBLE,
  NAMING_WORDS,
  ORGANIZATION_NOUNS,
  PASSIVE_MARKERS,
  PERSON_NOUNS,
  PREPOSITIONS,
  VERB_MODIFIERS,
  type CueVerb,
} from './lexicon.js';
import type { Token } from './narration.js';

/** Reading attribution clauses off a sentence's tokens: cue verbs and their subjects. */

export interface CueHit {
  /** Token index of the verb, and of the last token of the cue ("pointed out", "put it"). */
  index: number;
  last: number;
  verb: CueVerb;
  /** The cue as written, e.g. "told", "put it", "said in a statement". */
  text: string;
  /** A participle ("adding that …") whose subject is the subject of the clause it hangs on. */
  participle: boolean;
}

/** "was saying", "is warning": the -ing form is the verb of its clause. */
const PROGRESSIVE_AUXILIARIES = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being', 'am', "'s", "'re"]);

export interface PhraseRange {
  start: number;
  end: number;
}

type Word = Extract<Token, { kind: 'word' }>;

export function wordAt(tokens: readonly Token[], i: number): Word | null {
  const token = tokens[i];
  return token?.kind === 'word' ? token : null;
}

function isPunct(tokens: readonly Token[], i: number, text?: string): boolean {
  const token = tokens[i];
  return token?.kind === 'punct' && (text === undefined || token.text === text);
}

/** All cue verbs of a sentence, passives and naming uses ("described as a …", "codenamed") left out. */
export function findCues(tokens: readonly Token[], source: string): CueHit[] {
  const hits: CueHit[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (i <= (hits.at(-1)?.last ?? -1)) continue;
    const word = wordAt(tokens, i);
    if (!word || (i > 0 && /^\p{Lu}/u.test(word.text))) continue;
    const verb = CUE_VERBS.get(word.fold);
    if (!verb) continue;
    let last = i;
    if (verb.particle) {
      if (wordAt(tokens, i + 1)?.fold !== verb.particle) continue;
      last = i + 1;
      if (verb.lemma === 'go' && wordAt(tokens, i + 2)?.fold === 'to' && CUE_VERBS.has(wordAt(tokens, i + 3)?.fold ?? '')) last = i + 3;
    }
    const previous = wordAt(tokens, i - 1);
    if (previous && PASSIVE_MARKERS.has(previous.fold) && !word.fold.endsWith('ing')) continue;
    // "would not comment", "declined to say": no words of theirs follow.
    if ([1, 2].some((back) => ['not', 'never', "n't", 'declined', 'refused', 'cannot'].includes(wordAt(tokens, i - back)?.fold ?? ''))) continue;
    // "Russia's terms", "the claims", "a post", "a similar note": a noun, not a verb.
    if (previous && (DETERMINERS.has(previous.fold) || /['\u2019]s$/.test(previous.text))) continue;
    if (previous && isNounAfterAdjective(tokens, i, verb)) continue;
    const next = tokens[last + 1];
    if (verb.tier === 'describe' && wordAt(tokens, last + 1)?.fold === 'that') continue;
    if (verb.tier === 'describe' && wordAt(tokens, last + 1)?.fold === 'as' && !hasActiveSubject(tokens, i)) continue;
    if (previous && ['phone', 'video', 'conference', 'roll', 'wake-up', 'close', 'of', 'for', 'in', 'on', 'at', 'with', 'from', 'by', 'about'].includes(previous.fold)) continue;
    // "the statement read: …", "…,” he continued." report words; "the plan read “like …”", "continue to supply" do not.
    if ((verb.lemma === 'read' || verb.lemma === 'continue') && next !== undefined && next.kind !== 'punct') continue;
    const clauseInitial = i === 0 || isPunct(tokens, i - 1);
    // "posted a video criticising …", "risked repeating …": an -ing form after anything but an auxiliary hangs on the
    // clause before it and shares its subject.
    const participle = /ing$/.test(word.fold) && (clauseInitial || (previous !== null && !PROGRESSIVE_AUXILIARIES.has(previous.fold) && !VERB_MODIFIERS.has(previous.fold)));
    if (clauseInitial && /ed$/.test(word.fold) && isAdverbialParticiple(tokens, i, last)) continue;
    hits.push({ index: i, last, verb, text: cueText(tokens, i, last, source), participle });
  }
  return hits;
}

/** "what both sides described as", "he described as": not the participle of "allies, described as a …". */
function hasActiveSubject(tokens: readonly Token[], verb: number): boolean {
  const previous = wordAt(tokens, verb - 1);
  if (!previous) return false;
  if (['he', 'she', 'they', 'we', 'i', 'it'].includes(previous.fold) || /^\p{Lu}/u.test(previous.text)) return true;
  return [2, 3, 4].some((back) => ['what', 'which'].includes(wordAt(tokens, verb - back)?.fold ?? ''));
}

/** "a similar note", "the latest claims": a base or plural form after determiner + adjective is a noun. */
function isNounAfterAdjective(tokens: readonly Token[], index: number, verb: CueVerb): boolean {
  const word = wordAt(tokens, index);
  const between = wordAt(tokens, index - 1);
  if (!word || !between || !DETERMINERS.has(wordAt(tokens, index - 2)?.fold ?? '')) return false;
  if (word.fold !== verb.lemma && word.fold !== `${verb.lemma}s`) return false;
  return /^\p{Ll}/u.test(between.text) && !PERSON_NOUNS.has(between.fold) && !ORGANIZATION_NOUNS.has(between.fold);
}

/** "Asked about …, Leavitt said": a participle phrase before the real verb of the clause. */
function isAdverbialParticiple(tokens: readonly Token[], index: number, last: number): boolean {
  const next = wordAt(tokens, last + 1)?.fold ?? '';
  if (!['about', 'whether', 'by', 'if', 'for', 'on', 'in', 'to', 'why', 'what', 'how', 'at', 'after'].includes(next)) return false;
  if (index === 0) return true;
  for (let i = last + 1; i < tokens.length && tokens[i]?.kind !== 'quote'; i++) {
    if (isPunct(tokens, i, ',') && CUE_VERBS.has(wordAt(tokens, i + 1)?.fold ?? '')) return true;
  }
  return false;
}

function cueText(tokens: readonly Token[], first: number, last: number, source: string): string {
  const start = tokens[first]?.start ?? 0;
  let end = tokens[last]?.end ?? start;
  const following = [1, 2, 3].map((offset) => wordAt(tokens, last + offset)?.fold);
  if (following[0] === 'in' && (following[1] === 'a' || following[1] === 'the') && following[2] === 'statement') end = tokens[last + 3]?.end ?? end;
  return source.slice(start, end);
}

/** Whether a word may be part of a subject phrase rather than a verb or modifier after it. */
function endsPhrase(word: Word, length: number): boolean {
  if (/^\p{Lu}/u.test(word.text) && length > 0) return false;
  if (VERB_MODIFIERS.has(word.fold) || CUE_VERBS.has(word.fold) || NAMING_WORDS.has(word.fold)) return true;
  if (['who', 'which', 'whose', 'that', 'are', 'were', 'been', 'being'].includes(word.fold)) return true;
  return length > 0 && /^\p{Ll}/u.test(word.text) && /(?:ed|ing)$/.test(word.fold) && word.fold.length > 4;
}

/** A noun phrase starting at token `from`, up to `to` (exclusive). */
export function phraseFrom(tokens: readonly Token[], from: number, to: number): PhraseRange | null {
  let start = from;
  if (ADVERBIAL_OPENERS.has(wordAt(tokens, from)?.fold ?? '') && to - from > 1) start = subjectAfterAdverbial(tokens, from, to);
  let end = start;
  while (end < to) {
    const word = wordAt(tokens, end);
    if (!word) break;
    const previous = wordAt(tokens, end - 1)?.fold ?? '';
    const afterDeterminer = end > start && (DETERMINERS.has(previous) || previous === 'of');
    if (!afterDeterminer && endsPhrase(word, end - start)) break;
    end++;
  }
  // "Putin on Tuesday said": the time phrase's preposition is left behind when its date ends the phrase.
  while (end - start > 1 && ['on', 'in', 'at', 'late', 'early', 'this', 'last', 'of'].includes(wordAt(tokens, end - 1)?.fold ?? '')) end--;
  if (end === start) return null;
  return { start: tokens[start]?.start ?? 0, end: tokens[end - 1]?.end ?? 0 };
}

/** "on Saturday he …", "in Moscow the Kremlin …": the subject after a leading phrase with no comma. */
function subjectAfterAdverbial(tokens: readonly Token[], from: number, to: number): number {
  for (let i = from + 1; i < to; i++) {
    const fold = wordAt(tokens, i)?.fold ?? '';
    if (['he', 'she', 'it', 'they', 'we', 'i'].includes(fold)) return i;
  }
  for (let i = from + 2; i < to; i++) if (DETERMINERS.has(wordAt(tokens, i)?.fold ?? '')) return i;
  return from;
}

function isParenthetical(tokens: readonly Token[], start: number, end: number): boolean {
  const first = wordAt(tokens, start);
  if (!first) return true;
  if (['who', 'which', 'whose', 'whom', 'not'].includes(first.fold) || ADVERBIAL_OPENERS.has(first.fold)) return true;
  return /^\p{Ll}/u.test(first.text) && /(?:ing|ed)$/.test(first.fold) && end - start >= 1;
}

/**
 * The subject of the cue at token `verb`, looking left no further than `lower`: the phrase right before the verb,
 * past auxiliaries ("had joked"), or, when parentheticals stand between ("Peskov, asked about …, said"), the first
 * noun phrase of the clause. "inherit" for a participle or a verb that shares the subject of an earlier clause.
 */
export function subjectBefore(tokens: readonly Token[], verb: number, lower: number): PhraseRange | 'inherit' | null {
  let end = verb;
  while (end > lower && VERB_MODIFIERS.has(wordAt(tokens, end - 1)?.fold ?? '')) end--;
  if (tokens[end - 1]?.kind === 'quote') return null;
  if (end > lower && !isPunct(tokens, end - 1)) {
    let start = end;
    while (start > lower && !isPunct(tokens, start - 1) && tokens[start - 1]?.kind !== 'quote') start--;
    for (let i = end - 1; i >= start; i--) {
      const word = wordAt(tokens, i);
      const fold = word?.fold ?? '';
      // "said the Russian leader had warned": a reporting verb opens a clause even without "that".
      const cue = CUE_VERBS.get(fold);
      // "an official briefed on the talks said": a participle before a preposition describes the subject instead.
      // "an official who asked not to be named said": a cue inside a relative clause opens nothing either.
      const reporting =
        word !== null && /^\p{Ll}/u.test(word.text) && cue?.tier === 'speech' && cue.particle === undefined &&
        !PREPOSITIONS.has(wordAt(tokens, i + 1)?.fold ?? '') && !['who', 'which', 'that'].includes(wordAt(tokens, i - 1)?.fold ?? '');
      // "the National Security and Defense Council": "and" inside a name joins, it opens no clause.
      const joinsName = fold === 'and' && /^\p{Lu}/u.test(wordAt(tokens, i - 1)?.text ?? '') && /^\p{Lu}/u.test(wordAt(tokens, i + 1)?.text ?? '');
      if ((!CLAUSE_OPENERS.has(fold) || joinsName) && !reporting) continue;
      if (reporting) {
        if (i + 1 < end) return phraseFrom(tokens, i + 1, end);
        continue;
      }
      if (fold === 'who') return antecedent(tokens, lower, i);
      if (i + 1 < end) return phraseFrom(tokens, i + 1, end);
      if (fold === 'which') return firstPhrase(tokens, lower, i);
      // "she warned that “…” and urged …": a coordinated verb shares the subject of the verb before it.
      return subjectBefore(tokens, i, lower) ?? 'inherit';
    }
    if (!isParenthetical(tokens, start, end)) return phraseFrom(tokens, start, end);
    if (start === lower || tokens[start - 1]?.kind === 'quote') return phraseFrom(tokens, start, end);
    return firstPhrase(tokens, lower, start);
  }
  const hasWords = tokens.slice(lower, end).some((token) => token.kind === 'word');
  return hasWords ? (firstPhrase(tokens, lower, end) ?? 'inherit') : null;
}

/** "… remarks by U.S. President Donald Trump, who had said": the name or noun phrase right before "who". */
function antecedent(tokens: readonly Token[], lower: number, who: number): PhraseRange | null {
  let end = who;
  if (isPunct(tokens, end - 1, ',')) end--;
  let start = end;
  while (start > lower) {
    const word = wordAt(tokens, start - 1);
    if (!word || !(/^\p{Lu}/u.test(word.text) || DETERMINERS.has(word.fold) || (start === end && /^\p{Ll}/u.test(word.text)))) break;
    start--;
    if (DETERMINERS.has(word.fold)) break;
  }
  return start < end ? phraseFrom(tokens, start, end) : null;
}

/** The first comma-separated chunk in [lower, upper) that is a noun phrase, preferring a name in apposition. */
export function firstPhrase(tokens: readonly Token[], lower: number, upper: number): PhraseRange | null {
  const chunks: [number, number][] = [];
  let start = lower;
  for (let i = lower; i <= upper; i++) {
    if (i === upper || isPunct(tokens, i) || tokens[i]?.kind === 'quote') {
      if (i > start) chunks.push([start, i]);
      start = i + 1;
    }
  }
  for (let k = 0; k < chunks.length; k++) {
    const [from, to] = chunks[k] as [number, number];
    if (isParenthetical(tokens, from, to)) continue;
    const phrase = phraseFrom(tokens, from, to);
    if (!phrase) continue;
    const next = chunks[k + 1];
    const hasCapital = tokens.slice(from, to).some((token, i) => i > 0 && token.kind === 'word' && /^\p{Lu}/u.test(token.text));
    // "the spokesman for the Ukrainian foreign ministry, Heorhiy Tykhyi,": a role described, then the name.
    const role = DETERMINERS.has(wordAt(tokens, from)?.fold ?? '') && PERSON_NOUNS.has(wordAt(tokens, from + 1)?.fold ?? '');
    if (next && !hasCapital && isApposedName(tokens, next[0], next[1])) return phraseFrom(tokens, next[0], next[1]);
    // "The head of Ukraine's military intelligence (HUR), Kyrylo Budanov,": a full name, past any initials in brackets.
    const named = role ? chunks.slice(k + 1).find(([start, end]) => end - start >= 2 && isApposedName(tokens, start, end)) : undefined;
    if (named) return phraseFrom(tokens, named[0], named[1]);
    return phrase;
  }
  return null;
}

function isApposedName(tokens: readonly Token[], from: number, to: number): boolean {
  const words = tokens.slice(from, to);
  return words.length > 0 && words.length <= 5 && words.every((token) => token.kind === 'word' && /^\p{Lu}/u.test(token.text));
}

/** The phrase after an inverted cue: “…,” said Sen. Jeanne Shaheen of New Hampshire. */
export function subjectAfter(tokens: readonly Token[], cue: CueHit): PhraseRange | null {
  const first = cue.last + 1;
  const word = wordAt(tokens, first);
  if (!word || !INVERTIBLE.has(cue.verb.lemma)) return null;
  if (['that', 'on', 'in', 'at', 'to', 'of', 'with', 'by', 'from', 'it', 'this', 'and', 'but', 'as', 'for', 'after', 'before', 'during'].includes(word.fold)) return null;
  let end = first;
  while (end < tokens.length && tokens[end]?.kind === 'word' && !['of', 'in', 'at', 'on', 'who', 'after', 'during', 'before'].includes(wordAt(tokens, end)?.fold ?? '')) end++;
  return phraseFrom(tokens, first, end);
}

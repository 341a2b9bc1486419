import { phraseFrom, wordAt, type CueHit, type PhraseRange } from './clauses.js';
import { PLATFORM_WORDS, VERB_MODIFIERS } from './lexicon.js';
import type { Token } from './narration.js';

/** The other roles around a cue: who was quoted by whom, "according to" whom, by whom, and to whom or where. */

/** "Interfax quoted Ushakov as saying": the person quoted, for a cue right after "as". */
export function quotedAsSaying(tokens: readonly Token[], cue: CueHit): PhraseRange | null {
  if (wordAt(tokens, cue.index - 1)?.fold !== 'as' || !/ing$/.test(wordAt(tokens, cue.index)?.fold ?? '')) return null;
  for (let i = cue.index - 2; i >= Math.max(0, cue.index - 12); i--) {
    const fold = wordAt(tokens, i)?.fold ?? '';
    if (['quoted', 'cited', 'quoting', 'citing', 'quotes', 'cites'].includes(fold)) {
      // "Dmitriev was quoted by RIA Novosti as saying": the one quoted is the subject, not the agent.
      return wordAt(tokens, i + 1)?.fold === 'by' ? null : phraseFrom(tokens, i + 1, cue.index - 1);
    }
    if (tokens[i]?.kind !== 'word') return null;
  }
  return null;
}

/** "according to X": the phrase after it, from token `from` on. */
export function accordingTo(tokens: readonly Token[], from: number, to: number): PhraseRange | null {
  for (let i = from; i < to - 2; i++) {
    if (wordAt(tokens, i)?.fold !== 'according' || wordAt(tokens, i + 1)?.fold !== 'to') continue;
    let end = i + 2;
    while (end < to && tokens[end]?.kind === 'word') end++;
    return phraseFrom(tokens, i + 2, end);
  }
  return null;
}

/** "released by the White House": the agent of a passive between `from` and `to`. */
export function agentPhrase(tokens: readonly Token[], from: number, to: number): PhraseRange | null {
  for (let i = from; i < to - 1; i++) {
    if (wordAt(tokens, i)?.fold !== 'by') continue;
    let end = i + 1;
    while (end < to && tokens[end]?.kind === 'word' && !VERB_MODIFIERS.has(wordAt(tokens, end)?.fold ?? '')) end++;
    return phraseFrom(tokens, i + 1, end);
  }
  return null;
}

/** Who was addressed or where it was said: "told CNN", "wrote on Telegram", "in an interview with NBC". */
export function addresseeOf(tokens: readonly Token[], cue: CueHit, lower: number, source: string): string | null {
  if (cue.verb.lemma === 'tell') {
    const range = objectPhrase(tokens, cue.last + 1);
    if (range) return source.slice(range.start, range.end);
  }
  const upper = Math.min(tokens.length, cue.last + 9);
  for (let i = lower; i < upper; i++) {
    const fold = wordAt(tokens, i)?.fold;
    if (fold === 'on') {
      let j = i + 1;
      if (['his', 'her', 'its', 'their', 'the', 'a'].includes(wordAt(tokens, j)?.fold ?? '')) j++;
      const platform = wordAt(tokens, j);
      if (platform && PLATFORM_WORDS.has(platform.fold) && (platform.fold !== 'x' || platform.text === 'X')) {
        const range = objectPhrase(tokens, i + 1);
        if (range) return source.slice(range.start, range.end);
      }
    }
    if (i > cue.last && (fold === 'to' || fold === 'with') && (wordAt(tokens, i - 1)?.fold === 'interview' || wordAt(tokens, i - 1)?.fold === 'comment' || i === cue.last + 1)) {
      const range = objectPhrase(tokens, i + 1);
      if (range) return source.slice(range.start, range.end);
    }
  }
  return null;
}

function objectPhrase(tokens: readonly Token[], from: number): PhraseRange | null {
  let end = from;
  while (end < tokens.length && end - from < 6) {
    const word = wordAt(tokens, end);
    if (!word) break;
    if (end > from && ['that', 'in', 'at', 'on', 'during', 'after', 'before', 'ahead', 'outside', 'late', 'earlier', 'from', 'about', 'the', 'a', 'when', 'while', 'as', 'if', 'and'].includes(word.fold)) break;
    if (end > from && /(?:ing)$/.test(word.fold) && /^\p{Ll}/u.test(word.text)) break;
    if (VERB_MODIFIERS.has(word.fold) && end === from) return null;
    end++;
  }
  if (end === from) return null;
  return { start: tokens[from]?.start ?? 0, end: tokens[end - 1]?.end ?? 0 };
}

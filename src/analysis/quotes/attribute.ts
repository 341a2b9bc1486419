import { findCues, firstPhrase, subjectAfter, subjectBefore, type CueHit, type PhraseRange } from './clauses.js';
import { classifyPhrase, type Discourse, type Entity } from './entities.js';
import { governingVerb, isNamedThing } from './fragments.js';
import { findClaims } from './reported.js';
import { accordingTo, addresseeOf, agentPhrase, quotedAsSaying } from './roles.js';
import { CLAUSE_OPENERS, CUE_VERBS, DOCUMENT_NOUNS, PREPOSITIONS, SPEECH_NOUNS, THIRD_PERSON_POSSESSIVES } from './lexicon.js';
import type { NarrationSentence, Token } from './narration.js';

/** How one quotation in a sentence was attributed, before continuation across sentences is applied. */
export interface Attribution {
  entity: Entity | null;
  cue: string | null;
  to: string | null;
  /** How reliable the pattern is, before the speaker's own certainty. */
  strength: number;
}

export interface SentenceReading {
  /** Per quote of the sentence (same order): its attribution, 'continue' (no cue of its own), or 'drop' (not speech). */
  quotes: (Attribution | 'continue' | 'drop')[];
  /** Which quotes stand as sentences of their own rather than words inside narration. */
  full: boolean[];
  /** The person or body the sentence is about, for pronouns in the next one. */
  topic: Entity | null;
  /** "Healey said:" closing the sentence: the attribution for the quotation that opens the next paragraph. */
  trailingColon: Attribution | null;
  /** Reported speech without quotation marks, when asked for. */
  claims: { attribution: Attribution; start: number; end: number }[];
}

/** What reading one sentence has worked out so far: its cues and, per cue, the subject found. */
interface SentenceState {
  tokens: readonly Token[];
  cues: CueHit[];
  subjects: Map<number, Entity | null>;
  earlierPersons: (position: number) => Entity[];
  /** Cues that attribute a quotation standing as a sentence: their complement is that quote, not a claim. */
  usedByFullQuotes: Set<number>;
  /** The cue the last attribution came from, -1 for none. */
  lastCue: number;
}

/** Attributes the quotations of one sentence and notes what the next sentences need (topic, a trailing colon). */
export function readSentence(discourse: Discourse, sentence: NarrationSentence, earlierPersons: (position: number) => Entity[], withClaims: boolean): SentenceReading {
  const tokens = sentence.tokens;
  const state: SentenceState = { tokens, cues: findCues(tokens, discourse.text), subjects: new Map(), earlierPersons, usedByFullQuotes: new Set(), lastCue: -1 };
  const quoteTokens = tokens.flatMap((token, i) => (token.kind === 'quote' ? [i] : []));
  const tailCues = new Map(quoteTokens.map((qi) => [qi, tailCue(state, qi)]));
  const attached = new Set([...tailCues.values()].flatMap((hit) => (hit && hit !== 'according' ? [hit.index] : [])));
  const describing = new Set(state.cues.filter((cue) => cue.verb.tier === 'describe').map((cue) => cue.last));
  const full: boolean[] = [];
  const quotes = quoteTokens.map((qi, n) => {
    const previousQuote = n > 0 ? (quoteTokens[n - 1] ?? -1) : -1;
    const before = tokens[qi - 1];
    const colon = before?.kind === 'punct' && before.text === ':';
    const interrupted = previousQuote >= 0 && isInterruption(state, previousQuote, qi, tailCues.get(previousQuote));
    const isFull = qi === 0 || colon || interrupted || (previousQuote === qi - 1);
    full.push(isFull);
    // A quoted name or scare quote has nobody's attribution right after it; “…,” according to X is someone's words.
    const attributedRightAfter = tailCues.get(qi) !== null;
    if (!isFull && !attributedRightAfter && isNamedThing(tokens, qi, quotedText(discourse.text, tokens[qi]), describing)) return 'drop' as const;
    state.lastCue = -1;
    const attribution = attributeQuote(discourse, state, qi, previousQuote, { colon, interrupted, isFull, tail: tailCues.get(qi) ?? null, attached });
    if (isFull && state.lastCue >= 0) state.usedByFullQuotes.add(state.lastCue);
    return attribution;
  });
  const last = tokens.at(-1);
  const endsWithColon = last?.kind === 'punct' && last.text === ':';
  const previousQuote = quoteTokens.at(-1) ?? -1;
  const trailingColon = endsWithColon ? colonIntroduction(discourse, state, previousQuote + 1, tokens.length, attached) : null;
  const claims = withClaims
    ? findClaims(tokens, state.cues, new Set([...state.usedByFullQuotes, ...attached])).map((claim) => ({ attribution: fromCue(discourse, state, claim.cue, 0.7), start: claim.start, end: claim.end }))
    : [];
  return { quotes, full, topic: sentenceTopic(discourse, state, quotes), trailingColon, claims };
}

function quotedText(text: string, token: Token | undefined): string {
  return token ? text.slice(token.start, token.end).replace(/^\S/u, '').replace(/["\u201c\u201d\u00ab\u00bb\u201e\u2019]$/u, '') : '';
}

interface QuoteContext {
  colon: boolean;
  interrupted: boolean;
  isFull: boolean;
  tail: CueHit | 'according' | null;
  attached: ReadonlySet<number>;
}

function attributeQuote(discourse: Discourse, state: SentenceState, qi: number, previousQuote: number, context: QuoteContext): Attribution | 'continue' | 'drop' {
  const { tokens, cues } = state;
  const headStart = previousQuote + 1;
  if (context.colon) return colonIntroduction(discourse, state, headStart, qi, context.attached) ?? 'continue';
  if (context.interrupted) {
    const cue = rightmostCue(cues, headStart, qi, new Set());
    if (cue) return fromCue(discourse, state, cue, 0.9);
  }
  // "… ready to “contribute in any way possible”, the ministry said": an attribution of its own after the quote's
  // clause outranks the verb before it.
  const tail = context.tail;
  if (!context.isFull && tail !== null && tail !== 'according' && isPunctAt(tokens, qi + 1, ',') && tail.index > qi + 2) return fromCue(discourse, state, tail, 0.9);
  const head = context.isFull ? null : rightmostCue(cues, 0, qi, context.attached);
  if (head) return fromCue(discourse, state, head, head.verb.tier === 'cognition' ? 0.6 : head.verb.tier === 'describe' ? 0.85 : 0.9);
  if (context.tail === 'according') return fromAccording(discourse, state, qi + 1, tokens.length, 0.85);
  if (context.tail) return fromCue(discourse, state, context.tail, 0.95);
  const according = accordingTo(tokens, 0, tokens.length);
  if (according) return fromAccording(discourse, state, 0, tokens.length, 0.8);
  if (context.isFull) return 'continue';
  const governing = governingVerb(tokens, qi);
  if (governing >= 0) return governedBy(discourse, state, governing, previousQuote + 1) ?? 'continue';
  const headline = headlineSpeaker(discourse, state, qi);
  if (headline) return headline;
  const words = (discourse.text.slice(tokens[qi]?.start ?? 0, tokens[qi]?.end ?? 0).match(/[\p{L}\p{N}]+/gu) ?? []).length;
  return words >= 6 ? { entity: null, cue: null, to: null, strength: 0.2 } : 'drop';
}

/** "Hardt spoke of a „dangerous moment“": the subject of a verb that governs quoted words without being a cue. */
function governedBy(discourse: Discourse, state: SentenceState, verb: number, lower: number): Attribution | null {
  const range = subjectBefore(state.tokens, verb, lower);
  const phrase = range === 'inherit' ? firstSubject(state.tokens, lower, verb) : range;
  const position = phrase ? state.tokens.findIndex((token) => token.start >= phrase.start) : -1;
  const entity = phrase ? classifyPhrase(discourse, phrase.start, phrase.end, state.earlierPersons(position)) : null;
  return entity ? { entity, cue: null, to: null, strength: 0.75 } : null;
}

/** "Sergei Lavrov: West “does not want to hear” Russia": a headline's speaker stands before its colon. */
function headlineSpeaker(discourse: Discourse, state: SentenceState, qi: number): Attribution | null {
  let colon = 1;
  while (colon < Math.min(qi, 7) && state.tokens[colon]?.kind === 'word') colon++;
  if (!isPunctAt(state.tokens, colon, ':') || colon >= qi || state.tokens[0]?.kind !== 'word') return null;
  const first = state.tokens[0] as Token;
  const entity = classifyPhrase(discourse, first.start, (state.tokens[colon - 1] as Token).end, []);
  return entity && entity.type !== 'unknown' ? { entity, cue: null, to: null, strength: 0.7 } : null;
}

/** `Lavrov also noted: “…”`, `Kallas was blunter: “…”`: the clause before the colon at token `colon + 1`. */
function colonIntroduction(discourse: Discourse, state: SentenceState, headStart: number, qi: number, attached: ReadonlySet<number>): Attribution | null {
  const cue = rightmostCue(state.cues, headStart, qi, attached);
  if (cue) return fromCue(discourse, state, cue, 0.95);
  const owner = speechOwner(state.tokens, headStart, qi);
  const speaker = owner ? classifyPhrase(discourse, owner.start, owner.end, state.earlierPersons(qi)) : null;
  if (speaker) return { entity: speaker, cue: null, to: null, strength: 0.85 };
  const subject = firstSubject(state.tokens, headStart, qi - 1);
  const entity = subject ? classifyPhrase(discourse, subject.start, subject.end, state.earlierPersons(qi)) : null;
  return entity ? { entity, cue: null, to: null, strength: 0.7 } : null;
}

/**
 * "Here are the key points from his speech:", "The main quotes from Kallas's address follow:": the owner of the
 * speech a list of quotations is taken from. The introduction itself is nobody.
 */
function speechOwner(tokens: readonly Token[], from: number, to: number): PhraseRange | null {
  for (let i = from; i < to; i++) {
    const noun = tokens[i];
    if (noun?.kind !== 'word' || !SPEECH_NOUNS.has(noun.fold)) continue;
    for (let back = i - 1; back >= Math.max(from, i - 3); back--) {
      const owner = tokens[back];
      if (owner?.kind !== 'word') break;
      if (THIRD_PERSON_POSSESSIVES.has(owner.fold) || /['\u2019]s?$/u.test(owner.text)) {
        const end = owner.end - (/['\u2019]s?$/u.exec(owner.text)?.[0].length ?? 0);
        return { start: owner.start, end: THIRD_PERSON_POSSESSIVES.has(owner.fold) ? owner.end : end };
      }
    }
  }
  return null;
}

function fromCue(discourse: Discourse, state: SentenceState, cue: CueHit, strength: number): Attribution {
  state.lastCue = cue.index;
  const entity = subjectOf(discourse, state, cue);
  const lower = lastQuoteBefore(state.tokens, cue.index) + 1;
  return { entity, cue: cue.text, to: addresseeOf(state.tokens, cue, lower, discourse.text), strength };
}

function fromAccording(discourse: Discourse, state: SentenceState, from: number, to: number, strength: number): Attribution {
  const range = accordingTo(state.tokens, from, to);
  const entity = range ? classifyPhrase(discourse, range.start, range.end, state.earlierPersons(from)) : null;
  return { entity, cue: 'according to', to: null, strength };
}

function subjectOf(discourse: Discourse, state: SentenceState, cue: CueHit): Entity | null {
  if (state.subjects.has(cue.index)) return state.subjects.get(cue.index) ?? null;
  const lower = lastQuoteBefore(state.tokens, cue.index) + 1;
  let range: PhraseRange | 'inherit' | null = quotedAsSaying(state.tokens, cue) ?? (cue.participle ? 'inherit' : subjectBefore(state.tokens, cue.index, lower));
  if (range === null) range = subjectAfter(state.tokens, cue);
  // "Trump, who has urged both sides to “make a deal,” told reporters": the subject stands before the quote.
  if (range === null && lower > 0 && state.tokens[cue.index - 1]?.kind === 'quote') range = firstPhrase(state.tokens, 0, cue.index);
  let entity: Entity | null = null;
  if (range === 'inherit') {
    const earlier = [...state.cues].reverse().find((other) => other.index < cue.index && !other.participle);
    const first = earlier ? null : firstSubject(state.tokens, lower, cue.index);
    entity = earlier ? subjectOf(discourse, state, earlier) : first ? classifyPhrase(discourse, first.start, first.end, []) : null;
  } else if (range) {
    const position = state.tokens.findIndex((token) => token.start >= range.start);
    entity = classifyPhrase(discourse, range.start, range.end, state.earlierPersons(position));
    if (entity?.type === 'unknown' && DOCUMENT_NOUNS.has(entity.head)) entity = authorOf(discourse, state, entity.head, position, cue) ?? entity;
  }
  state.subjects.set(cue.index, entity);
  return entity;
}

/**
 * "The statement, released by the White House, read": the author of a text that speaks. Failing a "by …", a
 * definite "the post" after "Trump posted on Truth Social" is the previous sentence's speaker's post.
 */
function authorOf(discourse: Discourse, state: SentenceState, documentNoun: string, position: number, cue: CueHit): Entity | null {
  const agent = agentPhrase(state.tokens, Math.max(position, 0), cue.index);
  const author = agent ? classifyPhrase(discourse, agent.start, agent.end, state.earlierPersons(position)) : null;
  if (author) return author;
  const stem = documentNoun.slice(0, 4);
  const mentioned = discourse.previousTokens.some((token) => token.kind === 'word' && token.fold.startsWith(stem));
  return mentioned && discourse.previousTopic ? { ...discourse.previousTopic, certainty: 0.7 } : null;
}

function isPunctAt(tokens: readonly Token[], index: number, text: string): boolean {
  const token = tokens[index];
  return token?.kind === 'punct' && token.text === text;
}

function lastQuoteBefore(tokens: readonly Token[], index: number): number {
  for (let i = index - 1; i >= 0; i--) if (tokens[i]?.kind === 'quote') return i;
  return -1;
}

function rightmostCue(cues: readonly CueHit[], from: number, before: number, excluded: ReadonlySet<number>): CueHit | null {
  const candidates = cues.filter((cue) => cue.index >= from && cue.index < before && !excluded.has(cue.index));
  return [...candidates].reverse().find((cue) => cue.verb.tier !== 'cognition') ?? candidates.at(-1) ?? null;
}

/** The cue right after a quote that attributes it: “…,” Witkoff told CNN / “…,” said Witkoff / “…,” according to X. */
function tailCue(state: SentenceState, qi: number): CueHit | 'according' | null {
  const { tokens, cues } = state;
  let j = qi + 1;
  while (tokens[j]?.kind === 'punct' && (tokens[j] as { text: string }).text === ',') j++;
  const first = tokens[j];
  if (first?.kind !== 'word') return null;
  if (first.fold === 'according' && (tokens[j + 1] as { fold?: string } | undefined)?.fold === 'to') return 'according';
  if (CLAUSE_OPENERS.has(first.fold) && first.fold !== 'as') return null;
  // “drone wall” along NATO's eastern flank, warned …: a phrase of place, not a speaker, follows the quote.
  if (PREPOSITIONS.has(first.fold) && !CUE_VERBS.has(first.fold)) return null;
  const cue = cues.find((hit) => hit.index >= j);
  if (!cue || cue.index > j + 10) return null;
  for (let i = j; i < cue.index; i++) {
    const token = tokens[i];
    if (token?.kind === 'quote' || (token?.kind === 'punct' && token.text === ':')) return null;
  }
  if (cue.index === j) return subjectAfter(tokens, cue) ? cue : null;
  return cue;
}

/** “A,” Peskov said, “B”: the narration between two quotes is only the attribution of the first. */
function isInterruption(state: SentenceState, previousQuote: number, qi: number, tail: CueHit | 'according' | null | undefined): boolean {
  const before = state.tokens[qi - 1];
  if (!tail || tail === 'according' || before?.kind !== 'punct' || (before.text !== ',' && before.text !== ':')) return false;
  return tail.index > previousQuote && tail.index < qi && qi - previousQuote <= 14;
}

function firstSubject(tokens: readonly Token[], from: number, to: number): PhraseRange | null {
  const range = subjectBefore(tokens, to, from);
  return range === 'inherit' ? firstPhrase(tokens, from, to) : range;
}

function sentenceTopic(discourse: Discourse, state: SentenceState, quotes: readonly (Attribution | 'continue' | 'drop')[]): Entity | null {
  const attributed = [...quotes].reverse().find((quote): quote is Attribution => typeof quote === 'object' && quote.entity !== null);
  if (attributed) return attributed.entity;
  // The main clause's speaker, not the subject of a clause it reports ("Rutte dismissed claims that …").
  const cue = state.cues.find((hit) => hit.verb.tier === 'speech' && !hit.participle);
  const subject = cue ? subjectOf(discourse, state, cue) : null;
  if (subject) return subject;
  return state.earlierPersons(state.tokens.length)[0] ?? null;
}

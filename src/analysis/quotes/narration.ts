import { foldWord } from '../people/name-words.js';
import type { QuoteSpan, TextRange } from './scan.js';

/**
 * The text around quotations, split into sentences with every quotation kept whole as one opaque token, so a
 * multi-sentence quote never splits a sentence of narration and words inside quotes are never read as attribution.
 */

export type Token =
  | { kind: 'word'; text: string; fold: string; start: number; end: number }
  | { kind: 'punct'; text: string; start: number; end: number }
  | { kind: 'quote'; quote: number; start: number; end: number };

export interface NarrationSentence {
  paragraph: number;
  start: number;
  end: number;
  tokens: Token[];
  /** Indices (into the span list) of the quotations in this sentence, in order. */
  quotes: number[];
}

const TOKEN = /[\p{L}\p{N}]+(?:['\u2019.-][\p{L}\p{N}]+)*['\u2019]?|[,;:()\u2014\u2013]/gu;

/** Abbreviations after which a period does not end the sentence. */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sen', 'rep', 'gov', 'gen', 'lt', 'col', 'maj', 'capt', 'sgt', 'adm', 'st', 'no',
  'vs', 'jan', 'feb', 'aug', 'sept', 'sep', 'oct', 'nov', 'dec', 'u.s', 'u.k', 'u.n', 'e.u', 'a.m', 'p.m', 'jr', 'sr',
]);

export function splitNarration(text: string, paragraphs: readonly TextRange[], spans: readonly QuoteSpan[]): NarrationSentence[] {
  const sentences: NarrationSentence[] = [];
  let spanIndex = 0;
  paragraphs.forEach((paragraph, paragraphIndex) => {
    let cursor = datelineEnd(text, paragraph);
    let current: NarrationSentence = emptySentence(paragraphIndex, cursor);
    const finish = (end: number): void => {
      current.end = end;
      if (current.tokens.length > 0) sentences.push(current);
    };
    const narrate = (from: number, to: number): void => {
      TOKEN.lastIndex = from;
      let segmentStart = from;
      for (let match = TOKEN.exec(text); match && match.index < to; match = TOKEN.exec(text)) {
        const start = match.index;
        const boundary = sentenceBoundaryBetween(text, segmentStart, start, current);
        if (boundary >= 0) {
          finish(boundary);
          current = emptySentence(paragraphIndex, start);
        }
        current.tokens.push(toToken(match[0], start));
        segmentStart = start + match[0].length;
      }
      const boundary = sentenceBoundaryBetween(text, segmentStart, to, current);
      if (boundary >= 0) {
        finish(boundary);
        current = emptySentence(paragraphIndex, to);
      }
    };
    while (spanIndex < spans.length && (spans[spanIndex]?.paragraph ?? Infinity) === paragraphIndex) {
      const span = spans[spanIndex] as QuoteSpan;
      narrate(cursor, span.open);
      if (current.tokens.length === 0) current.start = span.open;
      current.tokens.push({ kind: 'quote', quote: spanIndex, start: span.open, end: span.close });
      current.quotes.push(spanIndex);
      if (endsSentence(text, span) && startsNewSentence(text, span.close, paragraph.end)) {
        finish(span.close);
        current = emptySentence(paragraphIndex, span.close);
      }
      cursor = span.close;
      spanIndex++;
    }
    narrate(cursor, paragraph.end);
    finish(paragraph.end);
  });
  return sentences;
}

/**
 * Wire datelines name a place and an agency, never a subject: "OSLO, Dec 3 (Reuters) - ", "KYIV (AFP) — ",
 * "MOSCOW, December 4. /TASS/. ", "Kyiv, December 2 / Ukrinform. ", "New Delhi: ". A name before a colon or dash
 * that a quotation follows ("Kallas: “…”") is a headline's speaker, not a dateline.
 */
const DATELINE =
  /^(?:\p{Lu}[\p{L}'’.-]*(?: \p{Lu}[\p{L}'’.-]*){0,2})(?:, [\p{L}\p{N} ,.]{1,30}?)?(?:(?: ?\([^()\n]{1,30}\))? ?(?:--?|[—–])| ?\/ ?\p{L}+\/?\.|:)\s+(?=[^\s"“”„«‘])/u;

/** What every dateline has within its first characters: an agency in brackets, a dash, a slash or a colon. */
const DATELINE_MARK = /[(\u2014\u2013/:]|-{1,2} /;

function datelineEnd(text: string, paragraph: TextRange): number {
  const head = text.slice(paragraph.start, Math.min(paragraph.end, paragraph.start + 90));
  if (!/^\p{Lu}/u.test(head) || !DATELINE_MARK.test(head.slice(0, 60))) return paragraph.start;
  const match = DATELINE.exec(head);
  if (!match) return paragraph.start;
  // "Zelensky: Guarantees must be binding" is a headline, not a dateline: a datelined paragraph is a long one.
  if (match[0].trimEnd().endsWith(':') && paragraph.end - paragraph.start < 120) return paragraph.start;
  // "Starmer — the prime minister — said": a bare dash makes a dateline only after a place in capitals ("KYIV —").
  if (!/[(,/:]/.test(match[0]) && /\p{Ll}/u.test(match[0])) return paragraph.start;
  return paragraph.start + match[0].length;
}

function emptySentence(paragraph: number, start: number): NarrationSentence {
  return { paragraph, start, end: start, tokens: [], quotes: [] };
}

function toToken(text: string, start: number): Token {
  const end = start + text.length;
  if (/^[,;:()\u2014\u2013]$/.test(text)) return { kind: 'punct', text: text === '\u2014' || text === '\u2013' ? ',' : text, start, end };
  return { kind: 'word', text, fold: foldWord(text), start, end };
}

/** A period, question or exclamation mark in the gap [from, to) that ends the current sentence; -1 if none. */
function sentenceBoundaryBetween(text: string, from: number, to: number, current: NarrationSentence): number {
  if (current.tokens.length === 0) return -1;
  for (let i = from; i < to; i++) {
    const char = text[i];
    if (char !== '.' && char !== '!' && char !== '?') continue;
    if (!/\s/.test(text[i + 1] ?? ' ')) continue;
    if (char === '.') {
      const last = current.tokens.at(-1);
      if (last?.kind === 'word' && last.end === i && isAbbreviation(last, current.tokens.at(-2), text[nextNonSpace(text, i + 1)])) continue;
    }
    return i + 1;
  }
  return -1;
}

/** "Mr.", "U.S.", "No. 10", and an initial inside a name ("Vladimir V. Putin"), but not "on X." ending a sentence. */
function isAbbreviation(token: Extract<Token, { kind: 'word' }>, before: Token | undefined, next: string | undefined): boolean {
  if (token.fold === 'no') return next !== undefined && /\d/.test(next);
  if (ABBREVIATIONS.has(token.fold)) return true;
  if (!/^\p{Lu}$/u.test(token.text)) return false;
  return before?.kind === 'word' && /^\p{Lu}/u.test(before.text) && next !== undefined && /\p{Lu}/u.test(next);
}

function nextNonSpace(text: string, from: number): number {
  let i = from;
  while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  return i;
}

function endsSentence(text: string, span: QuoteSpan): boolean {
  let i = span.end - 1;
  while (i > span.start && /[\s'\u2019]/.test(text[i] ?? '')) i--;
  return /[.!?]/.test(text[i] ?? '');
}

function startsNewSentence(text: string, from: number, paragraphEnd: number): boolean {
  let i = from;
  while (i < paragraphEnd && /\s/.test(text[i] ?? '')) i++;
  return i >= paragraphEnd || /[\p{Lu}\p{N}"\u201c\u201e\u00ab\u201d\u2018]/u.test(text[i] ?? '');
}

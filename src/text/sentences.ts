/** A sentence splitter that knows news copy: titles and initials, dotted acronyms, quotes that close sentences. */

export interface Sentence {
  text: string;
  /** Offsets into the input; `text` is the trimmed slice between them. */
  start: number;
  end: number;
  /** Index of the paragraph the sentence belongs to, counted from 0. */
  paragraph: number;
}

/** Abbreviations that are followed by a name or a number, never by the end of a sentence. */
const TITLES = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'sgt', 'cpl', 'pvt', 'adm', 'cmdr', 'brig',
  'gov', 'sen', 'rep', 'reps', 'sens', 'pres', 'amb', 'hon', 'rev', 'fr', 'st', 'supt', 'insp', 'messrs',
  'vol', 'art', 'fig', 'pp', 'vs', 'approx', 'ft', 'mt',
]);

/** Month abbreviations: not a boundary when a day number follows ("Sept. 5"). */
const MONTHS = new Set(['jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec']);

/**
 * After a dotted acronym ("U.S.", "a.m.") a capitalised word usually continues the sentence
 * ("U.S. President Donald Trump"); these words are the common exceptions that start a new one.
 */
const SENTENCE_STARTERS = new Set([
  'the', 'a', 'an', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'this', 'that', 'these', 'those', 'there',
  'his', 'her', 'its', 'their', 'our', 'my', 'but', 'and', 'or', 'so', 'yet', 'in', 'on', 'at', 'for', 'with',
  'after', 'before', 'when', 'while', 'as', 'if', 'however', 'meanwhile', 'still', 'then', 'now', 'since',
  'although', 'though', 'because', 'some', 'many', 'most', 'no', 'not', 'one', 'two', 'both', 'each', 'earlier',
  'later', 'last', 'on', 'officials', 'analysts', 'asked', 'speaking', 'according', 'what', 'who', 'how', 'why',
]);

const TERMINATOR = /[.!?…]/;
const CLOSERS = /["'\u201d\u2019)\]»]/;
const OPENER = /[\p{Lu}\p{N}"'\u201c\u2018([«\u2014\u2013-]/u;

/**
 * Splits text into sentences. Paragraphs are separated by blank lines, or by single line breaks when the text has no
 * blank lines (one paragraph per line, as most extracted article text is); a hard-wrapped line that ends mid-sentence
 * is joined with the next.
 */
export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  splitParagraphs(text).forEach((paragraph, index) => {
    for (const [start, end] of sentenceRanges(text, paragraph.start, paragraph.end)) {
      const trimmed = trimRange(text, start, end);
      if (trimmed) sentences.push({ text: text.slice(trimmed[0], trimmed[1]), start: trimmed[0], end: trimmed[1], paragraph: index });
    }
  });
  return sentences;
}

export interface Range {
  start: number;
  end: number;
}

export function splitParagraphs(text: string): Range[] {
  const hasBlankLines = /\n[ \t]*\r?\n/.test(text.trim());
  const separator = hasBlankLines ? /\n[ \t]*(?:\r?\n[ \t]*)+/g : /\r?\n/g;
  const paragraphs: Range[] = [];
  let start = 0;
  for (const match of text.matchAll(separator)) {
    const index = match.index ?? 0;
    const previous = text.slice(start, index).trimEnd();
    const next = text.slice(index + match[0].length).trimStart();
    if (!hasBlankLines && isHardWrap(previous, next)) continue;
    pushRange(text, paragraphs, start, index);
    start = index + match[0].length;
  }
  pushRange(text, paragraphs, start, text.length);
  return paragraphs;
}

/** A line that stops mid-sentence and a next line that starts in lower case were one line before wrapping. */
function isHardWrap(previous: string, next: string): boolean {
  return previous.length > 0 && !/[.!?…:"\u201d]$/.test(previous) && /^[\p{Ll}]/u.test(next);
}

function pushRange(text: string, ranges: Range[], start: number, end: number): void {
  const trimmed = trimRange(text, start, end);
  if (trimmed) ranges.push({ start: trimmed[0], end: trimmed[1] });
}

function trimRange(text: string, start: number, end: number): [number, number] | null {
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return end > start ? [start, end] : null;
}

function* sentenceRanges(text: string, from: number, to: number): Generator<[number, number]> {
  let start = from;
  for (let i = from; i < to; i++) {
    if (!TERMINATOR.test(text[i] ?? '')) continue;
    let end = i + 1;
    while (end < to && (TERMINATOR.test(text[end] ?? '') || CLOSERS.test(text[end] ?? ''))) end++;
    let next = end;
    while (next < to && /\s/.test(text[next] ?? '')) next++;
    if (next === end || next >= to) {
      i = end - 1;
      continue;
    }
    if (OPENER.test(text[next] ?? '') && isBoundary(text, start, i, next) && !insideQuotation(text, start, end, to)) {
      yield [start, end];
      start = next;
    }
    i = end - 1;
  }
  yield [start, to];
}

/** Marks that open and close a quotation unambiguously ("…" straight double marks pair up by count). */
const OPENING_MARKS = /[\u201c\u00ab\u201e]/;
const CLOSING_MARKS = /[\u201d\u00bb]/;

/**
 * A quotation of several sentences stays in one sentence with its attribution ("“We will not. Not now,” she said."):
 * a summary must never start or end inside one. Only when the quotation closes later in the paragraph; a quotation
 * left open (it continues in the next paragraph) splits as usual.
 */
function insideQuotation(text: string, sentenceStart: number, at: number, paragraphEnd: number): boolean {
  let open = false;
  let straightOpen = false;
  for (let i = sentenceStart; i < at; i++) {
    const char = text[i] ?? '';
    if (OPENING_MARKS.test(char)) open = true;
    else if (CLOSING_MARKS.test(char)) open = false;
    else if (char === '"') straightOpen = !straightOpen;
  }
  if (!open && !straightOpen) return false;
  const rest = text.slice(at, Math.min(paragraphEnd, at + MAX_QUOTATION_CHARS));
  return open ? CLOSING_MARKS.test(rest) : rest.includes('"');
}

/** Longer than this, an "open" quotation is more likely a stray mark than a speech. */
const MAX_QUOTATION_CHARS = 1000;

/** Decides whether the terminator at `dot` ends the sentence, given the next word starts at `next`. */
function isBoundary(text: string, sentenceStart: number, dot: number, next: number): boolean {
  if (text[dot] !== '.') return true;
  const before = /([\p{L}.]+)$/u.exec(text.slice(Math.max(sentenceStart, dot - 20), dot))?.[1] ?? '';
  const nextWord = /^[\p{L}\p{N}]+/u.exec(text.slice(next))?.[0] ?? '';
  const lowerBefore = before.toLowerCase();
  if (before.length === 0) return true;
  if (TITLES.has(lowerBefore)) return false;
  if (MONTHS.has(lowerBefore) || before === 'No' || before === 'Nos') return !/^\d/.test(nextWord);
  // Initials ("J. D. Vance", "Donald J. Trump") and dotted acronyms ("U.S.", "a.m.").
  const isInitial = /^\p{Lu}$/u.test(before);
  const isDottedAcronym = /^(?:\p{L}\.)+\p{L}$/u.test(before);
  if (isInitial || isDottedAcronym) {
    if (/^["'\u201c\u2018([«]/.test(text[next] ?? '')) return true;
    return SENTENCE_STARTERS.has(nextWord.toLowerCase());
  }
  return true;
}

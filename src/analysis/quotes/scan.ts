/**
 * Finds quotation spans paragraph by paragraph in one linear pass. Not a sentence splitter: a quote may hold several
 * sentences. Real wire copy mixes curly and straight marks (“…,"), so any opening double mark pairs with any closing
 * one; « » and „ “ are quote marks too. British style quotes with single marks (‘…’): a ‘ before a word opens one,
 * closed only by a ’ that ends a word (’ before a letter is an apostrophe: “Ukraine’s”) in the same paragraph; a ‘
 * that never closes is no quote, and the scan goes on after it. Single marks inside a double-quoted quote are part of
 * it. A straight ' is always an apostrophe.
 */

export interface TextRange {
  start: number;
  end: number;
}

export interface QuoteSpan {
  /** Offsets of the quoted text, marks excluded. */
  start: number;
  end: number;
  /** Offset of the opening mark. */
  open: number;
  /** Offset just after the closing mark, or the paragraph end when the quote is left open. */
  close: number;
  paragraph: number;
  /** Closed by a mark in the same paragraph (a quote left open continues into the next paragraph, or is unbalanced). */
  closed: boolean;
  /** Left open at the paragraph end while the next paragraph opens with a mark: the same quotation goes on. */
  continuesInNext: boolean;
  /** This span is the next paragraph of a quotation left open in the previous one. */
  continuesPrevious: boolean;
}

const ALWAYS_OPEN = new Set(['\u201c', '\u201e', '\u00ab']); // “ „ «
const ALWAYS_CLOSE = new Set(['\u201d', '\u00bb']); // ” »
const STRAIGHT = '"';
const SINGLE_OPEN = '\u2018'; // ‘
const SINGLE_CLOSE = '\u2019'; // ’

function isOpeningMark(char: string | undefined): boolean {
  return char !== undefined && (ALWAYS_OPEN.has(char) || char === STRAIGHT || char === '\u201d');
}

export function scanQuotes(text: string, paragraphs: readonly TextRange[]): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let carriedOpen = false;
  paragraphs.forEach((paragraph, index) => {
    const next = paragraphs[index + 1];
    const nextOpensWithMark = next !== undefined && isOpeningMark(text[next.start]);
    // A quotation of several paragraphs in single marks opens each with ‘ and closes only the last.
    const nextOpensWithSingle = next !== undefined && text[next.start] === SINGLE_OPEN;
    let openAt = -1;
    let openMark = '';
    let continuesPrevious = false;
    let singleMarksOpen = true;
    let ignoredOpen = -1;
    for (let i = paragraph.start; i < paragraph.end; i++) {
      const char = text[i] ?? '';
      if (openAt < 0) {
        if (i !== ignoredOpen && opensHere(text, i, paragraph, singleMarksOpen)) {
          openAt = i;
          openMark = char;
          continuesPrevious = carriedOpen && i === paragraph.start;
        }
        continue;
      }
      if (openMark === SINGLE_OPEN && char === SINGLE_OPEN && opensHere(text, i, paragraph, singleMarksOpen)) {
        // Single marks do not nest (British style nests double marks inside single ones): a second ‘ means the first
        // never closed. Read on from just after the first one, which opens nothing now.
        ignoredOpen = openAt;
        i = openAt;
        openAt = -1;
        continuesPrevious = false;
        continue;
      }
      if (closesHere(text, i, openMark, paragraph)) {
        pushSpan(text, spans, { start: openAt + 1, end: i, open: openAt, close: i + 1, paragraph: index, closed: true, continuesInNext: false, continuesPrevious });
        openAt = -1;
        continuesPrevious = false;
      }
      if (openMark === SINGLE_OPEN && openAt >= 0 && i === paragraph.end - 1 && !nextOpensWithSingle) {
        // A ‘ left open is not a quote: read the rest of the paragraph again without it. No later ‘ can close either
        // (nothing after this one would close it), so single marks open nothing more here and no text is read thrice.
        i = openAt;
        openAt = -1;
        continuesPrevious = false;
        singleMarksOpen = false;
      }
    }
    carriedOpen = false;
    if (openAt >= 0) {
      const end = trimEnd(text, openAt + 1, paragraph.end);
      const opensParagraph = openAt === paragraph.start || /:\s*$/.test(text.slice(paragraph.start, openAt));
      const continues = openMark === SINGLE_OPEN ? nextOpensWithSingle : nextOpensWithMark;
      if (continues || opensParagraph) {
        pushSpan(text, spans, { start: openAt + 1, end, open: openAt, close: paragraph.end, paragraph: index, closed: false, continuesInNext: continues, continuesPrevious });
        carriedOpen = continues;
      }
    }
  });
  return spans;
}

function opensHere(text: string, i: number, paragraph: TextRange, singleMarksOpen: boolean): boolean {
  const char = text[i] ?? '';
  if (ALWAYS_OPEN.has(char)) return true;
  if (char === SINGLE_OPEN) {
    // ‘ before a word, after a space, an opening bracket or dash, a double mark or the paragraph start.
    const before = i > paragraph.start ? (text[i - 1] ?? ' ') : ' ';
    const after = i + 1 < paragraph.end ? (text[i + 1] ?? ' ') : ' ';
    // ‘90s is a decade, written with the wrong mark.
    const decade = /^\d\ds\b/u.test(text.slice(i + 1, i + 5));
    return singleMarksOpen && !decade && !/\s/.test(after) && /[\s([—–\-“"„«]/.test(before);
  }
  if (char !== STRAIGHT && char !== '\u201d') return false;
  const before = i > paragraph.start ? (text[i - 1] ?? ' ') : ' ';
  const after = i + 1 < paragraph.end ? (text[i + 1] ?? ' ') : ' ';
  // A straight or right mark opens when it stands before a word, not after one (5" is an inch mark).
  if (/\s/.test(after)) return false;
  return char === STRAIGHT ? !/[\p{L}\p{N}]/u.test(before) : /[\s([—–-]/.test(before) || i === paragraph.start;
}

function closesHere(text: string, i: number, openMark: string, paragraph: TextRange): boolean {
  const char = text[i] ?? '';
  if (openMark === SINGLE_OPEN) {
    // ’ closes when it ends a word: not before a letter or digit (“Ukraine’s”), not after a space.
    const after = i + 1 < paragraph.end ? (text[i + 1] ?? ' ') : ' ';
    const before = text[i - 1] ?? ' ';
    return char === SINGLE_CLOSE && !/[\p{L}\p{N}]/u.test(after) && !/\s/.test(before);
  }
  if (ALWAYS_CLOSE.has(char) || char === STRAIGHT) return true;
  if (char !== '\u201c') return false;
  // “ closes „…“, and closes a quote when it is evidently a mis-typed closing mark (followed by space or punctuation).
  const after = i + 1 < paragraph.end ? (text[i + 1] ?? ' ') : ' ';
  return openMark === '\u201e' || /[\s.,;:!?)]/.test(after);
}

function trimEnd(text: string, start: number, end: number): number {
  let last = end;
  while (last > start && /\s/.test(text[last - 1] ?? '')) last--;
  return last;
}

function pushSpan(text: string, spans: QuoteSpan[], span: QuoteSpan): void {
  if (/[\p{L}\p{N}]/u.test(text.slice(span.start, span.end))) spans.push(span);
}

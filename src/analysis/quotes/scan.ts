/**
 * Finds quotation spans paragraph by paragraph in one linear pass. Not a sentence splitter: a quote may hold several
 * sentences. Real wire copy mixes curly and straight marks (“…,"), so any opening mark pairs with any closing mark;
 * ’ is an apostrophe, never a quote mark; « » and „ “ are quote marks too.
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

function isOpeningMark(char: string | undefined): boolean {
  return char !== undefined && (ALWAYS_OPEN.has(char) || char === STRAIGHT || char === '\u201d');
}

export function scanQuotes(text: string, paragraphs: readonly TextRange[]): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let carriedOpen = false;
  paragraphs.forEach((paragraph, index) => {
    const next = paragraphs[index + 1];
    const nextOpensWithMark = next !== undefined && isOpeningMark(text[next.start]);
    let openAt = -1;
    let openMark = '';
    let continuesPrevious = false;
    for (let i = paragraph.start; i < paragraph.end; i++) {
      const char = text[i] ?? '';
      if (openAt < 0) {
        if (opensHere(text, i, paragraph)) {
          openAt = i;
          openMark = char;
          continuesPrevious = carriedOpen && i === paragraph.start;
        }
        continue;
      }
      if (closesHere(text, i, openMark, paragraph)) {
        pushSpan(text, spans, { start: openAt + 1, end: i, open: openAt, close: i + 1, paragraph: index, closed: true, continuesInNext: false, continuesPrevious });
        openAt = -1;
        continuesPrevious = false;
      }
    }
    carriedOpen = false;
    if (openAt >= 0) {
      const end = trimEnd(text, openAt + 1, paragraph.end);
      const opensParagraph = openAt === paragraph.start || /:\s*$/.test(text.slice(paragraph.start, openAt));
      if (nextOpensWithMark || opensParagraph) {
        pushSpan(text, spans, { start: openAt + 1, end, open: openAt, close: paragraph.end, paragraph: index, closed: false, continuesInNext: nextOpensWithMark, continuesPrevious });
        carriedOpen = nextOpensWithMark;
      }
    }
  });
  return spans;
}

function opensHere(text: string, i: number, paragraph: TextRange): boolean {
  const char = text[i] ?? '';
  if (ALWAYS_OPEN.has(char)) return true;
  if (char !== STRAIGHT && char !== '\u201d') return false;
  const before = i > paragraph.start ? (text[i - 1] ?? ' ') : ' ';
  const after = i + 1 < paragraph.end ? (text[i + 1] ?? ' ') : ' ';
  // A straight or right mark opens when it stands before a word, not after one (5" is an inch mark).
  if (/\s/.test(after)) return false;
  return char === STRAIGHT ? !/[\p{L}\p{N}]/u.test(before) : /[\s(\[—–-]/.test(before) || i === paragraph.start;
}

function closesHere(text: string, i: number, openMark: string, paragraph: TextRange): boolean {
  const char = text[i] ?? '';
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

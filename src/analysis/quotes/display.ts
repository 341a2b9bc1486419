const SURROUNDING_MARKS = /^["'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\s]+|["'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\s]+$/gu;

/**
 * A quotation ready to be shown between marks of our own: whitespace collapsed, surrounding marks dropped, and the
 * comma, semicolon or colon that only joined it to its attribution ("…not NATO," Witkoff said) removed.
 */
export function bareQuote(quote: string): string {
  return quote.replace(/\s+/gu, ' ').replace(SURROUNDING_MARKS, '').replace(/[,;:]$/u, '');
}

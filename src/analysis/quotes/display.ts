const SURROUNDING_MARKS = /^["'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\s]+|["'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\s]+$/gu;

/** A full stop that ends a quotation, not an initialism's ("…to the U.S."). */
const CLOSING_FULL_STOP = /(?<!(?:^|[\s.])\p{Lu})(?<!\.)\.$/u;

/**
 * A quotation ready to be shown between marks of our own: whitespace collapsed, surrounding marks dropped, and the
 * comma, semicolon, colon or full stop that only joined it to its attribution ("…not NATO," Witkoff said;
 * "…the last word." she said) removed. Question marks, exclamation marks and ellipses say something and stay.
 */
export function bareQuote(quote: string): string {
  return quote.replace(/\s+/gu, ' ').replace(SURROUNDING_MARKS, '').replace(/[,;:]$/u, '').replace(CLOSING_FULL_STOP, '');
}

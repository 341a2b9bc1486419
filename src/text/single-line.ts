/**
 * Control characters (tab and line feed aside), zero-width spaces, BOMs and bidi overrides/isolates, which can
 * disguise text. Joiners stay: emoji sequences and Persian or Indic scripts need them.
 */
export const INVISIBLE_CHARACTERS = /(?![\t\n])\p{Cc}|[\u200b\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/gu;

/**
 * Text as one line: every run of white space (line breaks included) becomes one space, and invisible characters go.
 * For feed text that must not break the line it stands in (a list item, a "> quote" line, a title).
 */
export function singleLine(text: string): string {
  return text.replace(/[\s\u0085]+/gu, ' ').replace(INVISIBLE_CHARACTERS, '').replace(/ {2,}/gu, ' ').trim();
}

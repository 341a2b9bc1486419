/**
 * Making feed text safe to show in Discord: it must read as plain text (no markdown, no masked links,
 * no mentions, nothing that pings) and fit Discord's length limits without breaking an escape or a character.
 */

const URL_PATTERN = /https?:\/\/[^\s<>"]+/giu;
const INLINE_MARKDOWN = /[\\*_~`|[\]<>]/gu;
const LINE_START_MARKDOWN = /^([ \t]*)(#{1,3}(?=\s)|-#|>{1,3}|[-+*](?=\s)|\d+(?=[.)]\s))/gmu;
const MASS_MENTION = /@(everyone|here)/giu;
// Control characters, zero-width spaces, BOMs and bidi overrides/isolates (which can disguise text). Joiners stay:
// emoji sequences and Persian or Indic scripts need them.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/gu;
const ELLIPSIS = '…';

/**
 * Escapes text from a feed for Discord: markdown, masked links ([text](url) shows literally), user/role/channel
 * mentions (`<@123>` shows literally), @everyone/@here (broken with a zero-width space). Bare http(s) URLs are
 * left as they are so they still link. Control characters and bidi overrides are dropped.
 */
export function escapeDiscordText(text: string): string {
  const clean = text
    .replace(/\r\n?/gu, '\n')
    .replace(CONTROL, '')
    .replace(/[ \t\f\v\u00a0]+/gu, ' ')
    .replace(/\n[ \n]*\n/gu, '\n\n');
  let escaped = '';
  let last = 0;
  for (const match of clean.matchAll(URL_PATTERN)) {
    escaped += escapeProse(clean.slice(last, match.index));
    // A link keeps working with "@" percent-encoded; "@everyone" inside it must not read as a mention.
    escaped += match[0].replace(MASS_MENTION, '%40$1');
    last = match.index + match[0].length;
  }
  return escaped + escapeProse(clean.slice(last));
}

function escapeProse(text: string): string {
  return text
    .replace(INLINE_MARKDOWN, '\\$&')
    .replace(LINE_START_MARKDOWN, (_all, indent: string, marker: string) =>
      // A backslash before a digit would show; "1\." is the escape for an ordered-list marker.
      /^\d/u.test(marker) ? `${indent}${marker}\\` : `${indent}\\${marker}`,
    )
    .replace(MASS_MENTION, '@\u200b$1');
}

/**
 * Text for places Discord shows as typed (embed author and footer): no markdown to escape, but control and
 * invisible characters dropped, whitespace collapsed to single spaces, and cut to fit.
 */
export function plainDiscordText(text: string, max: number): string {
  return truncateText(text.replace(CONTROL, ' ').replace(/\s+/gu, ' ').trim(), max);
}

/**
 * Shortens text to at most `max` characters, cutting at a word boundary when one is near and ending with "…".
 * Never splits a surrogate pair.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, Math.max(0, max));
  let cut = max - ELLIPSIS.length;
  if (isLowSurrogate(text.charCodeAt(cut))) cut -= 1;
  const space = text.lastIndexOf(' ', cut);
  if (space > cut * 0.8) cut = space;
  return text.slice(0, cut).trimEnd() + ELLIPSIS;
}

/**
 * Escapes feed text and fits it in `max` characters. Truncation happens on the raw text, before escaping,
 * so an escape sequence is never cut in half.
 */
export function escapeAndFit(text: string, max: number): string {
  let escaped = escapeDiscordText(text);
  let budget = max;
  while (escaped.length > max) {
    if (budget <= 0) return '';
    escaped = escapeDiscordText(truncateText(text, budget));
    budget -= Math.max(1, escaped.length - max);
  }
  return escaped;
}

/** A link that Discord accepts as an embed or masked-link URL: absolute http(s), no whitespace. Null otherwise. */
export function safeLink(link: string | null | undefined): string | null {
  if (!link || link.length > 2000) return null;
  try {
    const url = new URL(link.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.href;
  } catch {
    return null;
  }
}

/** A masked link we build ourselves: the label escaped, the URL made unable to close the link early. */
export function maskedLink(label: string, link: string): string {
  const url = link.replace(/[()<>\s]/gu, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${escapeDiscordText(label)}](${url})`;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

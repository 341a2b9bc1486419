/**
 * Making feed text safe to show in Discord: it must read as plain text (no markdown, no masked links,
 * no mentions, nothing that pings) and fit Discord's length limits without breaking an escape or a character.
 */
import { INVISIBLE_CHARACTERS, singleLine } from '../../text/single-line.js';

const URL_PATTERN = /https?:\/\/[^\s<>"]+/giu;
const INLINE_MARKDOWN = /[\\*_~`|[\]<>]/gu;
const LINE_START_MARKDOWN = /^([ \t]*)(#{1,3}(?=\s)|-#|>{1,3}|[-+*](?=\s)|\d+(?=[.)]\s))/gmu;
const MASS_MENTION = /@(everyone|here)/giu;
const ELLIPSIS = '…';

/**
 * Escapes text from a feed for Discord: markdown, masked links ([text](url) shows literally), user/role/channel
 * mentions (`<@123>` shows literally), @everyone/@here (broken with a zero-width space). Bare http(s) URLs are
 * left as they are so they still link. Control characters and bidi overrides are dropped.
 */
export function escapeDiscordText(text: string): string {
  const clean = cleanText(text);
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

/**
 * Escapes the label of a masked link. Unlike prose, a URL in it is escaped too: left bare, a "]" in it would close
 * the label early and let the feed text choose where the link goes.
 */
function escapeLinkLabel(text: string): string {
  return escapeProse(cleanText(text));
}

function cleanText(text: string): string {
  return text
    .replace(/\r\n?/gu, '\n')
    .replace(INVISIBLE_CHARACTERS, '')
    .replace(/[ \t\f\v\u00a0]+/gu, ' ')
    .replace(/\n[ \n]*\n/gu, '\n\n');
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
  return truncateText(text.replace(INVISIBLE_CHARACTERS, ' ').replace(/\s+/gu, ' ').trim(), max);
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
 * so an escape sequence is never cut in half; as much of the text is kept as fits once escaped.
 */
export function escapeAndFit(text: string, max: number): string {
  return fitEscaped(escapeDiscordText, text, max);
}

/** {@link escapeAndFit} for text that must stay on one line (see {@link singleLine}). */
export function escapeAndFitLine(text: string, max: number): string {
  return escapeAndFit(singleLine(text), max);
}

/**
 * The longest cut of `text` whose escaped form fits in `max` ("" when not even "…" fits). Escaping can lengthen
 * text (markdown-heavy) or shorten it (invisible characters), so the cut is searched for rather than computed.
 */
function fitEscaped(escape: (text: string) => string, text: string, max: number): string {
  const whole = escape(text);
  if (whole.length <= max) return whole;
  let fitted = '';
  let low = 1;
  let high = text.length - 1;
  while (low <= high) {
    const budget = Math.floor((low + high) / 2);
    const candidate = escape(truncateText(text, budget));
    if (candidate.length <= max) {
      fitted = candidate;
      low = budget + 1;
    } else {
      high = budget - 1;
    }
  }
  return fitted;
}

const MAX_LINK_LENGTH = 2000;

/** A link that Discord accepts as an embed or masked-link URL: absolute http(s), no whitespace. Null otherwise. */
export function safeLink(link: string | null | undefined): string | null {
  if (!link || link.length > MAX_LINK_LENGTH) return null;
  try {
    const url = new URL(link.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.href.length <= MAX_LINK_LENGTH ? url.href : null;
  } catch {
    return null;
  }
}

/** A masked link we build ourselves: the label escaped, the URL made unable to close the link early. */
export function maskedLink(label: string, link: string): string {
  return `[${escapeLinkLabel(label)}](${encodeLinkBreakers(link)})`;
}

/**
 * A link ready to stand in `[label](…)`: a {@link safeLink} with nothing in it that could end the link early,
 * at most `max` characters long. Null when the link is unusable or longer.
 */
export function maskedLinkTarget(link: string | null | undefined, max = MAX_LINK_LENGTH): string | null {
  const url = safeLink(link);
  if (!url) return null;
  const target = encodeLinkBreakers(url);
  return target.length <= max ? target : null;
}

/**
 * `[label](link)` with the label on one line, escaped and fitted in `maxLabel` characters ("link" when nothing of it
 * is left); just the label when the link is unusable or longer than `maxLink` (see {@link maskedLinkTarget}).
 */
export function linkedLabel(label: string, link: string | null | undefined, maxLabel: number, maxLink = MAX_LINK_LENGTH): string {
  const target = maskedLinkTarget(link, maxLink);
  const text = fitEscaped(target ? escapeLinkLabel : escapeDiscordText, singleLine(label), maxLabel);
  return target ? `[${text || 'link'}](${target})` : text;
}

function encodeLinkBreakers(link: string): string {
  return link.replace(/[()<>\s]/gu, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

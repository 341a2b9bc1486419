/**
 * Making feed text safe to show in Discord: it must render as the words it is (no markdown, no masked links) and
 * must never ping anyone. Shared by the digest and the alert renderer.
 */

const ZERO_WIDTH_SPACE = '\u200b';
/** Characters Discord's markdown gives meaning to anywhere; a backslash before any of them shows it literally. */
const MARKDOWN = /[\\*_~|>`[\]()]/g;
/** Headings, list items and subtext only mean something at the start of a line. */
const LINE_START_MARKDOWN = /^(\s*)(#|-#|[-+]|\d+\.)(?=\s)/gm;
const MASS_MENTION = /@(everyone|here)/gi;
/** User, role, channel and slash-command mentions: `<@1>`, `<@!1>`, `<@&1>`, `<#1>`, `</cmd:1>`. */
const ENTITY_MENTION = /<([@#/])/g;

/** Breaks `@everyone`, `@here` and `<@…>`-style mentions with a zero-width space so they cannot ping. */
export function neutralizeMentions(text: string): string {
  return text.replace(MASS_MENTION, `@${ZERO_WIDTH_SPACE}$1`).replace(ENTITY_MENTION, `<${ZERO_WIDTH_SPACE}$1`);
}

/** Backslash-escapes markdown so `*bold*`, `> quote`, `[text](url)` and friends show as typed. */
export function escapeMarkdown(text: string): string {
  return text.replace(MARKDOWN, '\\$&').replace(LINE_START_MARKDOWN, '$1\\$2');
}

/** Feed text for one line of a message: whitespace collapsed, markdown escaped, mentions neutralised. */
export function escapeDiscordText(text: string): string {
  return neutralizeMentions(escapeMarkdown(text.replace(/\s+/g, ' ').trim()));
}

const ELLIPSIS = '…';

/**
 * Escapes `text` and fits it in `maxLength` characters (UTF-16 units, which Discord's limits never undercount),
 * cutting at a code point boundary before escaping so no escape sequence is split, and marking a cut with "…".
 */
export function fitEscaped(text: string, maxLength: number): { text: string; truncated: boolean } {
  const whole = escapeDiscordText(text);
  if (whole.length <= maxLength) return { text: whole, truncated: false };
  const codePoints = Array.from(text.replace(/\s+/g, ' ').trim());
  let low = 0;
  let high = codePoints.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    const candidate = escapeDiscordText(codePoints.slice(0, middle).join('')) + ELLIPSIS;
    if (candidate.length <= maxLength) low = middle;
    else high = middle - 1;
  }
  const fitted = low > 0 ? escapeDiscordText(codePoints.slice(0, low).join('')) + ELLIPSIS : '';
  return { text: fitted.length <= maxLength ? fitted : '', truncated: true };
}

const MAX_URL_LENGTH = 512;

/** An http(s) URL made safe inside a masked link, or null when the text is not one (or is too long to show). */
export function safeUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  const href = parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29');
  return href.length <= MAX_URL_LENGTH ? href : null;
}

/** `[label](url)` with the label escaped; just the label when the URL is unusable. */
export function maskedLink(label: string, url: string, maxLabelLength = 200): string {
  const text = fitEscaped(label, maxLabelLength).text;
  const href = safeUrl(url);
  return href ? `[${text}](${href})` : text;
}

import { decodeHTML } from 'entities';
import { cleanXmlText } from '../decode/xml-chars.js';
import { tokenizeMarkup } from './markup-tokens.js';

/**
 * HTML → plain text, shared by every stage that shows or analyses text: tags stripped,
 * entities decoded, whitespace collapsed, paragraphs (block elements) separated by "\n\n" and
 * <br> kept as "\n". Only ASCII whitespace is collapsed: a no-break or thin space is deliberate.
 * A streaming tokenizer rather than a DOM: feeds bring thousands of fragments per poll.
 */

const BLOCK_ELEMENTS = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'dd', 'details', 'div', 'dl', 'dt', 'figcaption',
  'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'nav', 'ol',
  'p', 'pre', 'section', 'summary', 'table', 'tbody', 'tfoot', 'thead', 'tr', 'ul',
]);
const SKIPPED_ELEMENTS = new Set(['script', 'style', 'noscript', 'template', 'head', 'iframe', 'object', 'svg', 'math', 'title']);
// Only runs of two or more, or a lone tab/newline: a single space is already right, and replacing each one is slow.
const ASCII_WHITESPACE_TO_COLLAPSE = /[ \t\n\r\f]{2,}|[\t\n\r\f]/g;
const ENTITY = /&(#[0-9]{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});?/gi;
const TAG_LIKE = /<\/?[a-z][a-z0-9:-]*(?:\s[^<>]*)?\/?>|<!--|<!\[CDATA\[/i;

/** Collapses runs of ASCII whitespace to one space and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(ASCII_WHITESPACE_TO_COLLAPSE, ' ').trim();
}

/** True when a string carries markup or HTML entities (what feedparser calls "looks like HTML"). */
export function looksLikeHtml(text: string): boolean {
  if (TAG_LIKE.test(text)) return true;
  for (const match of text.matchAll(ENTITY)) if (match[0].endsWith(';')) return true;
  return false;
}

const entityCache = new Map<string, string>();

/** Decodes one HTML character reference (`&eacute;`, `&#233;`, `&#xE9;`); unknown names stay as they are. */
function decodeEntity(reference: string): string {
  const cached = entityCache.get(reference);
  if (cached !== undefined) return cached;
  const decoded = cleanXmlText(decodeHTML(reference));
  if (entityCache.size < 4096) entityCache.set(reference, decoded);
  return decoded;
}

/** Decodes the character references in text that has no markup; bare `&` stays. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (match) => (match.endsWith(';') || match.startsWith('&#') ? decodeEntity(match) : match));
}

/** Newlines in HTML text are spaces; only <br> makes a line break. */
function withoutNewlines(text: string): string {
  return text.includes('\n') ? text.replace(/\n/g, ' ') : text;
}

/** Plain text of an HTML fragment, paragraphs separated by "\n\n". */
export function htmlToText(html: string): string {
  const paragraphs: string[] = [];
  let current = '';
  const breakParagraph = () => {
    const lines = current.includes('\n') ? current.split('\n').map(collapseWhitespace).filter((line) => line !== '') : [collapseWhitespace(current)];
    if (lines.length > 0 && lines[0] !== '') paragraphs.push(lines.join('\n'));
    current = '';
  };
  let skipping: string | null = null;
  for (const token of tokenizeMarkup(html)) {
    if (skipping !== null) {
      if (token.kind === 'close' && token.name.toLowerCase() === skipping) skipping = null;
      continue;
    }
    if (token.kind === 'text') current += withoutNewlines(decodeEntities(token.text));
    else if (token.kind === 'cdata') current += withoutNewlines(token.text);
    else {
      const name = token.name.toLowerCase();
      if (token.kind === 'open' && SKIPPED_ELEMENTS.has(name)) {
        if (!token.selfClosing) skipping = name;
      } else if (name === 'br') current += '\n';
      else if (BLOCK_ELEMENTS.has(name)) breakParagraph();
      else if (name === 'td' || name === 'th') current += ' ';
    }
  }
  breakParagraph();
  return cleanXmlText(paragraphs.join('\n\n'));
}

/** Plain text on one line: for titles, summaries and other short fields. */
export function htmlToInlineText(html: string): string {
  return collapseWhitespace(htmlToText(html));
}

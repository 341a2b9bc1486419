import { collapseWhitespace, decodeEntities, htmlToInlineText, htmlToText, looksLikeHtml } from './html-text.js';

/**
 * A text field as the feed gave it. `text` is literal, `html` is markup, `guess` is a field whose
 * format the spec leaves open (RSS titles and descriptions): treated as HTML when it looks like it.
 */
export interface TextConstruct {
  type: 'text' | 'html' | 'guess';
  value: string;
}

export interface AtomElementView {
  type: string | null | undefined;
  /** Atom 0.3: xml (default), escaped or base64. */
  mode: string | null | undefined;
  /** The element's text content, entities decoded. */
  text: string;
  /** The element's inner markup when it has child elements, else null. */
  markup: string | null;
}

function decodeBase64(text: string): string {
  return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
}

/**
 * An Atom text construct (1.0 `type` text/html/xhtml or a MIME type; 0.3 MIME types with
 * `mode`). Non-text, non-XML MIME types are base64 (RFC 4287 §4.1.3.3).
 */
export function atomConstruct(element: AtomElementView): TextConstruct {
  const type = (element.type ?? 'text').trim().toLowerCase();
  const mode = element.mode?.trim().toLowerCase();
  const xmlMime = type.endsWith('+xml') || type.endsWith('/xml');
  const isMime = type.includes('/');
  if (mode === 'base64' || (isMime && !type.startsWith('text/') && !xmlMime)) {
    return { type: type.includes('html') ? 'html' : 'guess', value: decodeBase64(element.text) };
  }
  if (element.markup !== null && mode !== 'escaped') return { type: 'html', value: element.markup };
  if (type === 'html' || type.includes('html')) return { type: 'html', value: element.text };
  return { type: 'text', value: element.text };
}

function isHtml(construct: TextConstruct): boolean {
  return construct.type === 'html' || (construct.type === 'guess' && looksLikeHtml(construct.value));
}

/** One-line plain text (titles, summaries, names). */
export function inlineText(construct: TextConstruct | null): string {
  if (!construct) return '';
  if (isHtml(construct)) return htmlToInlineText(construct.value);
  return collapseWhitespace(construct.type === 'guess' ? decodeEntities(construct.value) : construct.value);
}

/** Plain text keeping paragraph breaks (full content). */
export function blockText(construct: TextConstruct | null): string {
  if (!construct) return '';
  if (isHtml(construct)) return htmlToText(construct.value);
  return construct.value
    .split(/\n[ \t\r\f]*\n/)
    .map(collapseWhitespace)
    .filter((p) => p !== '')
    .join('\n\n');
}

/** The markup behind a construct, when it is markup. */
export function markupOf(construct: TextConstruct | null): string | null {
  return construct && isHtml(construct) ? construct.value.trim() : null;
}

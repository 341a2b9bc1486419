import { createXmlParser } from '../ingest/parse/rss-parser-source.js';
import { attributes, type XmlObject } from '../ingest/parse/xml2js-node.js';

/** What wirewatch reads of an OPML list at most: a feed list is kilobytes; these bound the cost of a hostile one. */
export const OPML_LIMITS = {
  /** Bytes (as UTF-8) of the document. */
  bytes: 1024 * 1024,
  /** Outline elements, folders included. */
  outlines: 1000,
} as const;

/** A feed an OPML outline names: its feed URL and the outlet name it gives (text, else title; may be empty). */
export interface OpmlFeed {
  url: string;
  outlet: string;
}

export type OpmlReading = { ok: true; title: string | null; feeds: OpmlFeed[] } | { ok: false; error: string };

/**
 * Reads an OPML 1.0/2.0 feed list (rss-parser's strict XML reader): every outline with an `xmlUrl` (any case), in
 * document order, folders flattened; outlines without one are folders or links and are passed over. Refused with a
 * reason a member can act on: over the size or outline limits, a DOCTYPE (entity expansion), not XML, not OPML.
 */
export function readOpml(text: string): OpmlReading {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > OPML_LIMITS.bytes) return { ok: false, error: `the file is ${megabytes(bytes)}; an OPML feed list wirewatch reads is at most 1 MB` };
  if (/<!DOCTYPE|<!ENTITY/iu.test(text)) return { ok: false, error: 'the file declares a DOCTYPE or entities, which an OPML feed list does not need; export it again without them' };
  const outlineCount = (text.match(/<outline[\s/>]/gu) ?? []).length;
  if (outlineCount > OPML_LIMITS.outlines) {
    return { ok: false, error: `the file has ${outlineCount.toLocaleString('en-US')} outlines; wirewatch reads at most ${OPML_LIMITS.outlines.toLocaleString('en-US')}. Split the list` };
  }
  const tree = parseXml(text.replace(/^\uFEFF/u, ''));
  if (!tree.ok) return { ok: false, error: `the file is not XML (${tree.error}); export the feed list again as OPML` };
  const [rootName] = Object.keys(tree.value);
  const root = tree.value.opml;
  if (!root || typeof root !== 'object') return { ok: false, error: `the file is XML but not OPML (its root element is <${rootName ?? 'none'}>, not <opml>)` };
  const version = attributes(root).version;
  if (version !== undefined && !/^[12]\.\d+$/u.test(version)) return { ok: false, error: `OPML version ${version} is not one wirewatch reads (1.0, 1.1 or 2.0)` };
  const body = children(root, 'body')[0];
  if (!body) return { ok: false, error: 'the OPML has no <body>, so it lists no feeds' };
  return { ok: true, title: headTitle(root), feeds: feedsIn(body) };
}

function parseXml(text: string): { ok: true; value: Record<string, XmlObject | undefined> } | { ok: false; error: string } {
  let outcome: { ok: true; value: Record<string, XmlObject | undefined> } | { ok: false; error: string } = { ok: false, error: 'the document is empty' };
  try {
    createXmlParser().parseString(text, (error, result) => {
      if (error) outcome = { ok: false, error: firstLine(error.message) };
      else if (result && typeof result === 'object') outcome = { ok: true, value: result as Record<string, XmlObject | undefined> };
    });
  } catch (error) {
    // xml2js reports some malformed documents by throwing rather than through the callback.
    outcome = { ok: false, error: firstLine((error as Error).message) };
  }
  return outcome;
}

/** Outlines depth first, in document order, without recursion (nesting depth is the sender's to choose). */
function feedsIn(body: XmlObject): OpmlFeed[] {
  const feeds: OpmlFeed[] = [];
  const stack: XmlObject[] = [...children(body, 'outline')].reverse();
  for (let outline = stack.pop(); outline !== undefined; outline = stack.pop()) {
    const attrs = lowerCaseKeys(attributes(outline));
    const url = attrs.xmlurl?.trim();
    if (url) feeds.push({ url, outlet: (attrs.text ?? attrs.title ?? '').replace(/\s+/gu, ' ').trim() });
    stack.push(...[...children(outline, 'outline')].reverse());
  }
  return feeds;
}

function headTitle(root: XmlObject): string | null {
  const title = children(children(root, 'head')[0], 'title')[0];
  const text = typeof title === 'string' ? title : title?._;
  return text?.trim() || null;
}

function children(node: XmlObject | undefined, name: string): XmlObject[] {
  const value = node?.[name];
  if (!Array.isArray(value)) return [];
  return value.map((child) => (typeof child === 'string' ? { _: child } : child));
}

function lowerCaseKeys(record: Record<string, string>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key.toLowerCase(), value]));
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).slice(0, 200);
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

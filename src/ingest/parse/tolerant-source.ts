import { CONVENTIONAL_PREFIXES, NS } from './namespaces.js';
import { entryImages, type MediaReference } from './images.js';
import { ttlFromChannel, type RawEntry, type RawFeed } from './raw-feed.js';
import { atomConstruct as fromAtomElement, type TextConstruct } from './text-construct.js';
import { elementChildren, innerMarkup, parseTolerantXml, textContent, type XmlElement } from './tolerant-xml.js';

/**
 * The tolerant reader, for what rss-parser's strict XML parser refuses (unclosed tags, truncated
 * documents, stray `&` and `<`, HTML entities, prefixed Atom). It reads RSS 0.9x/1.0/2.0 and
 * Atom 0.3/1.0 from a forgiving tree by namespace and case-insensitive local name.
 */

function localName(element: XmlElement): string {
  return element.name.slice(element.name.indexOf(':') + 1).toLowerCase();
}

/** The namespace URI of an element, from the xmlns declarations in scope. */
function namespaceOf(element: XmlElement): string {
  const colon = element.name.indexOf(':');
  const prefix = colon >= 0 ? element.name.slice(0, colon) : '';
  const attribute = prefix ? `xmlns:${prefix}` : 'xmlns';
  for (let node: XmlElement | null = element; node; node = node.parent) {
    const declared = node.attributes.get(attribute);
    if (declared !== undefined) return declared.trim();
  }
  return prefix ? (CONVENTIONAL_PREFIXES[prefix.toLowerCase()] ?? prefix) : '';
}

function children(parent: XmlElement, name: string, namespaces: ReadonlySet<string>): XmlElement[] {
  const wanted = name.toLowerCase();
  return elementChildren(parent).filter((c) => localName(c) === wanted && namespaces.has(namespaceOf(c)));
}

function child(parent: XmlElement, name: string, namespaces: ReadonlySet<string>): XmlElement | undefined {
  return children(parent, name, namespaces)[0];
}

function textOf(element: XmlElement | undefined): string | null {
  const text = element ? textContent(element).trim() : '';
  return text ? text : null;
}

const hasElementChildren = (element: XmlElement) => element.children.some((c) => typeof c !== 'string');

const DC = new Set<string>([NS.dc]);
const CONTENT = new Set<string>([NS.content]);
const SY = new Set<string>([NS.sy]);
const ITUNES = new Set<string>([NS.itunes]);
const MEDIA = new Set<string>([NS.media, 'http://search.yahoo.com/mrss']);
const ATOM_ANYWHERE = new Set<string>([NS.atom10, NS.atom03]);

function atomConstruct(element: XmlElement | undefined): TextConstruct | null {
  if (!element) return null;
  return fromAtomElement({
    type: element.attributes.get('type'),
    mode: element.attributes.get('mode'),
    text: textContent(element),
    markup: hasElementChildren(element) ? innerMarkup(element) : null,
  });
}

function rssConstruct(element: XmlElement | undefined): TextConstruct | null {
  if (!element) return null;
  // Unescaped HTML inside an RSS element is invalid but common; keep it as markup.
  if (hasElementChildren(element)) return { type: 'html', value: innerMarkup(element) };
  return { type: 'guess', value: textContent(element) };
}

function atomLinkHref(parent: XmlElement, namespaces: ReadonlySet<string>): string | null {
  const links = children(parent, 'link', namespaces).filter((l) => l.attributes.get('href'));
  const alternate = links.filter((l) => (l.attributes.get('rel') ?? 'alternate').trim() === 'alternate');
  const preferred = alternate.find((l) => (l.attributes.get('type') ?? 'text/html').includes('html')) ?? alternate[0] ?? links[0];
  return preferred?.attributes.get('href') ?? null;
}

/** Media RSS elements (also inside media:group), RSS enclosures and Atom enclosure links of an entry. */
function entryMediaImages(entry: XmlElement, core: ReadonlySet<string>, atom: ReadonlySet<string>): string[] {
  const references = (elements: XmlElement[]): MediaReference[] =>
    elements.map((e) => ({ url: e.attributes.get('url') ?? e.attributes.get('href'), type: e.attributes.get('type'), medium: e.attributes.get('medium') }));
  const scopes = [entry, ...children(entry, 'group', MEDIA)];
  const atomLinks = children(entry, 'link', atom).filter((link) => link.attributes.get('rel')?.trim() === 'enclosure');
  return entryImages({
    mediaContents: references(scopes.flatMap((scope) => children(scope, 'content', MEDIA))),
    enclosures: references([...children(entry, 'enclosure', core), ...atomLinks]),
    thumbnails: references(scopes.flatMap((scope) => children(scope, 'thumbnail', MEDIA))),
  });
}

function readAtom(root: XmlElement, core: ReadonlySet<string>): RawFeed {
  // A standalone Atom entry document reads as a feed of that one entry.
  const isEntryDocument = localName(root) === 'entry';
  const entries = (isEntryDocument ? [root] : children(root, 'entry', core)).map((entry): RawEntry => {
    const author = child(entry, 'author', core);
    const content = child(entry, 'content', core);
    return {
      title: atomConstruct(child(entry, 'title', core)),
      link: atomLinkHref(entry, core),
      guid: textOf(child(entry, 'id', core)),
      guidIsPermaLink: false,
      dates: [
        ...['published', 'issued', 'updated', 'modified', 'created'].map((name) => textOf(child(entry, name, core))),
        textOf(child(entry, 'date', DC)),
      ],
      author: (author && textOf(child(author, 'name', core))) ?? textOf(child(entry, 'creator', DC)),
      summary: atomConstruct(child(entry, 'summary', core)),
      content: content?.attributes.get('src') ? null : atomConstruct(content),
      base: entry.attributes.get('xml:base') ?? null,
      images: entryMediaImages(entry, core, core),
    };
  });
  return {
    title: isEntryDocument ? null : atomConstruct(child(root, 'title', core)),
    link: isEntryDocument ? null : atomLinkHref(root, core),
    ttlMinutes: null,
    base: root.attributes.get('xml:base') ?? null,
    entries,
  };
}

function readRss(root: XmlElement, channel: XmlElement | undefined, core: ReadonlySet<string>): RawFeed {
  const items = [...(channel && channel !== root ? children(channel, 'item', core) : []), ...children(root, 'item', core)];
  const entries = items.map((item): RawEntry => {
    const guid = child(item, 'guid', core);
    return {
      title: rssConstruct(child(item, 'title', core) ?? child(item, 'title', DC) ?? child(item, 'title', MEDIA)),
      link: textOf(child(item, 'link', core)) ?? atomLinkHref(item, ATOM_ANYWHERE),
      guid: textOf(guid) ?? item.attributes.get('rdf:about') ?? null,
      guidIsPermaLink: guid !== undefined && guid.attributes.get('isPermaLink')?.trim().toLowerCase() !== 'false',
      dates: [
        textOf(child(item, 'pubDate', core)),
        textOf(child(item, 'date', DC)),
        textOf(child(item, 'published', ATOM_ANYWHERE)),
        textOf(child(item, 'updated', ATOM_ANYWHERE)),
      ],
      author: textOf(child(item, 'author', core)) ?? textOf(child(item, 'creator', DC)) ?? textOf(child(item, 'author', ITUNES)),
      summary: rssConstruct(child(item, 'description', core)),
      content: rssConstruct(child(item, 'encoded', CONTENT)),
      base: item.attributes.get('xml:base') ?? null,
      images: entryMediaImages(item, core, ATOM_ANYWHERE),
    };
  });
  const scope = channel ?? root;
  return {
    title: rssConstruct(child(scope, 'title', core) ?? child(scope, 'title', DC)),
    link: textOf(child(scope, 'link', core)) ?? atomLinkHref(scope, ATOM_ANYWHERE),
    ttlMinutes: ttlFromChannel(
      textOf(child(scope, 'ttl', core)),
      textOf(child(scope, 'updatePeriod', SY)),
      textOf(child(scope, 'updateFrequency', SY)),
    ),
    base: root.attributes.get('xml:base') ?? channel?.attributes.get('xml:base') ?? null,
    entries,
  };
}

const FEED_ROOTS = new Set(['rss', 'rdf', 'feed', 'channel', 'entry']);

export function readTolerantly(xml: string): { ok: true; feed: RawFeed } | { ok: false; error: string } {
  const top = elementChildren(parseTolerantXml(xml));
  const root = top.find((e) => FEED_ROOTS.has(localName(e))) ?? top[0];
  if (!root) return { ok: false, error: 'the document has no elements' };
  const rootName = localName(root);
  const rootNs = namespaceOf(root);
  if (rootName === 'feed' || rootName === 'entry') return { ok: true, feed: readAtom(root, new Set(['', rootNs, NS.atom10, NS.atom03])) };
  if (rootName === 'rss' || rootName === 'rdf' || rootName === 'channel') {
    const core = new Set<string>(['', NS.rss10, NS.rss09]);
    if (rootName !== 'rdf') core.add(rootNs);
    const channel = rootName === 'channel' ? root : elementChildren(root).find((c) => localName(c) === 'channel');
    if (channel) core.add(namespaceOf(channel));
    return { ok: true, feed: readRss(root, channel, core) };
  }
  return { ok: false, error: `the document is not a feed: its root element is <${root.name}>` };
}

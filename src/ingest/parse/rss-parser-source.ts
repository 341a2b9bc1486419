import Parser from 'rss-parser';
import { entryImages, type MediaReference } from './images.js';
import { ttlFromChannel, type RawEntry, type RawFeed } from './raw-feed.js';
import { atomConstruct, attributes, first, hasChildElements, nodeText, rssConstruct, type XmlNode, type XmlObject } from './xml2js-node.js';

/**
 * rss-parser's strict XML reading, driven synchronously. Its public parseString only offers a Promise, but the XML
 * parse underneath (xml2js over sax, strict, as rss-parser configures it) is synchronous; calling it directly keeps
 * parseFeed a pure synchronous function. rss-parser's build step is not used: it also computes snippets and ISO dates
 * we do not need (about a seventh of the parse time) and throws on some well-formed feeds (an unparsable Atom date).
 * The elements are read from the parsed tree where rss-parser reads them: the Atom `feed`, the RSS 1.0 `rdf:RDF`
 * (channel and items side by side), or any other `rss > channel`. A new Parser per call: xml2js adds listeners to a
 * reused parser on every parse.
 */
export interface XmlParser {
  parseString(xml: string, callback: (error: Error | null, result: unknown) => void): void;
}

export function createXmlParser(): XmlParser {
  return (new Parser({ defaultRSS: 2 }) as unknown as { xmlParser: XmlParser }).xmlParser;
}

/** The feed-level elements we read, as xml2js nodes. */
interface ParsedFeed {
  link: string | null;
  ttl?: string;
  titleNodes?: XmlNode[];
  dcTitle?: XmlNode[];
  attributes?: Record<string, string>;
  updatePeriod?: string;
  updateFrequency?: string;
  items: ParsedItem[];
}

interface ParsedItem {
  titleNodes?: XmlNode[];
  dcTitle?: XmlNode[];
  mediaTitle?: XmlNode[];
  linkNodes?: XmlNode[];
  guidNodes?: XmlNode[];
  idNodes?: XmlNode[];
  descriptionNodes?: XmlNode[];
  encodedNodes?: XmlNode[];
  summaryNodes?: XmlNode[];
  contentNodes?: XmlNode[];
  authorNodes?: XmlNode[];
  dcCreator?: XmlNode[];
  attributes?: Record<string, string>;
  published?: XmlNode[];
  updated?: XmlNode[];
  issued?: XmlNode[];
  modified?: XmlNode[];
  pubDate?: string;
  dcDate?: XmlNode[];
  images: string[];
}

type Format = 'atom' | 'rss';

const nodes = (value: unknown): XmlNode[] | undefined => (Array.isArray(value) ? (value as XmlNode[]) : undefined);

/** A single-valued element as rss-parser copies it: the first one's text, when it is text. */
function scalar(value: unknown): string | undefined {
  const node = first(value);
  if (typeof node === 'string') return node;
  return typeof node?._ === 'string' ? node._ : undefined;
}

function readItem(node: XmlObject): ParsedItem {
  return {
    titleNodes: nodes(node.title),
    dcTitle: nodes(node['dc:title']),
    mediaTitle: nodes(node['media:title']),
    linkNodes: nodes(node.link),
    guidNodes: nodes(node.guid),
    idNodes: nodes(node.id),
    descriptionNodes: nodes(node.description),
    encodedNodes: nodes(node['content:encoded']),
    summaryNodes: nodes(node.summary),
    contentNodes: nodes(node.content),
    authorNodes: nodes(node.author),
    dcCreator: nodes(node['dc:creator']),
    attributes: node.$,
    published: nodes(node.published),
    updated: nodes(node.updated),
    issued: nodes(node.issued),
    modified: nodes(node.modified),
    pubDate: scalar(node.pubDate),
    dcDate: nodes(node['dc:date']),
    images: itemImages(node),
  };
}

/** Media RSS elements (also inside media:group), RSS enclosures and Atom enclosure links, by their attributes. */
function itemImages(node: XmlObject): string[] {
  const references = (value: unknown): MediaReference[] =>
    (nodes(value) ?? []).map(attributes).map((a) => ({ url: a.url ?? a.href, type: a.type, medium: a.medium }));
  const groups = asObjects(node['media:group']);
  const atomEnclosures = references(node.link).filter((_reference, index) => attributes(nodes(node.link)?.[index]).rel === 'enclosure');
  return entryImages({
    mediaContents: [...references(node['media:content']), ...groups.flatMap((group) => references(group['media:content']))],
    enclosures: [...references(node.enclosure), ...atomEnclosures],
    thumbnails: [...references(node['media:thumbnail']), ...groups.flatMap((group) => references(group['media:thumbnail']))],
  });
}

const asObjects = (value: unknown): XmlObject[] => (nodes(value) ?? []).filter((node): node is XmlObject => typeof node === 'object');

function readParsed(result: Record<string, XmlObject | undefined>): [Format, ParsedFeed] | string {
  if (result.feed) {
    const { feed } = result;
    const items = asObjects(feed.entry).map(readItem);
    return ['atom', { link: atomLink(nodes(feed.link)), titleNodes: nodes(feed.title), attributes: feed.$, items }];
  }
  const root = result['rdf:RDF'] ?? result.rss;
  if (!root) return 'the document is neither RSS nor Atom';
  const channel = first(root.channel);
  if (typeof channel !== 'object') return 'the RSS document has no channel';
  const items = asObjects(result['rdf:RDF'] ? root.item : channel.item).map(readItem);
  return [
    'rss',
    {
      link: scalar(channel.link) ?? null,
      ttl: scalar(channel.ttl),
      titleNodes: nodes(channel.title),
      dcTitle: nodes(channel['dc:title']),
      attributes: channel.$,
      updatePeriod: scalar(channel['sy:updatePeriod']),
      updateFrequency: scalar(channel['sy:updateFrequency']),
      items,
    },
  ];
}

const text = (nodes: XmlNode[] | undefined): string | null => {
  const value = nodeText(first(nodes)).trim();
  return value === '' ? null : value;
};

function atomLink(nodes: XmlNode[] | undefined): string | null {
  const links = (nodes ?? []).map(attributes).filter((a) => a.href);
  const alternate = links.filter((a) => !a.rel || a.rel === 'alternate');
  return (alternate.find((a) => !a.type || a.type.includes('html')) ?? alternate[0] ?? links[0])?.href ?? null;
}

function atomEntry(item: ParsedItem): RawEntry {
  const author = first(item.authorNodes);
  return {
    title: atomConstruct(first(item.titleNodes)),
    link: atomLink(item.linkNodes),
    guid: text(item.idNodes),
    guidIsPermaLink: false,
    dates: [text(item.published), text(item.issued), text(item.updated), text(item.modified), text(item.dcDate)],
    author: typeof author === 'object' && Array.isArray(author.name) ? text(author.name) : text(item.dcCreator),
    summary: atomConstruct(first(item.summaryNodes)),
    content: attributes(first(item.contentNodes)).src ? null : atomConstruct(first(item.contentNodes)),
    base: item.attributes?.['xml:base'] ?? null,
    images: item.images,
  };
}

function rssEntry(item: ParsedItem): RawEntry {
  const guidNode = first(item.guidNodes);
  const linkNode = first(item.linkNodes);
  return {
    title: rssConstruct(first(item.titleNodes) ?? first(item.dcTitle) ?? first(item.mediaTitle)),
    link: (typeof linkNode === 'object' && attributes(linkNode).href) || text(item.linkNodes),
    guid: text(item.guidNodes) ?? item.attributes?.['rdf:about'] ?? null,
    guidIsPermaLink: guidNode !== undefined && attributes(guidNode).isPermaLink?.toLowerCase() !== 'false',
    dates: [item.pubDate, text(item.dcDate), text(item.published), text(item.updated)],
    author: text(item.authorNodes) ?? text(item.dcCreator),
    summary: rssConstruct(first(item.descriptionNodes)),
    content: rssConstruct(first(item.encodedNodes)),
    base: item.attributes?.['xml:base'] ?? null,
    images: item.images,
  };
}

function hasInlineMarkup(feed: ParsedFeed): boolean {
  const textNodes = feed.items.flatMap((item) =>
    [item.titleNodes, item.summaryNodes, item.contentNodes, item.descriptionNodes, item.encodedNodes].map(first),
  );
  return [first(feed.titleNodes), ...textNodes].some(hasChildElements);
}

/** The feed as rss-parser's XML reader reads it, or the reason it refused the document. */
export function readWithRssParser(xml: string): { ok: true; feed: RawFeed } | { ok: false; error: string } {
  let outcome: { ok: true; feed: RawFeed } | { ok: false; error: string } = { ok: false, error: 'rss-parser returned nothing' };
  try {
    createXmlParser().parseString(xml, (error, result) => {
      if (error) return (outcome = { ok: false, error: error.message });
      if (!result) return (outcome = { ok: false, error: 'the document is empty' });
      const parsed = readParsed(result as Record<string, XmlObject | undefined>);
      if (typeof parsed === 'string') return (outcome = { ok: false, error: parsed });
      const [format, feed] = parsed;
      if (hasInlineMarkup(feed)) {
        return (outcome = { ok: false, error: 'inline markup in a text element (xml2js would lose its order)' });
      }
      outcome = {
        ok: true,
        feed: {
          title: format === 'atom' ? atomConstruct(first(feed.titleNodes)) : rssConstruct(first(feed.titleNodes) ?? first(feed.dcTitle)),
          link: feed.link,
          ttlMinutes: ttlFromChannel(feed.ttl, feed.updatePeriod, feed.updateFrequency),
          base: feed.attributes?.['xml:base'] ?? null,
          entries: feed.items.map(format === 'atom' ? atomEntry : rssEntry),
        },
      };
    });
  } catch (error) {
    // xml2js reports some malformed documents by throwing rather than through the callback.
    outcome = { ok: false, error: (error as Error).message };
  }
  return outcome;
}

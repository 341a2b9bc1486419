import Parser from 'rss-parser';
import { ttlFromChannel, type RawEntry, type RawFeed } from './raw-feed.js';
import { atomConstruct, attributes, first, hasChildElements, nodeText, rssConstruct, type XmlNode, type XmlObject } from './xml2js-node.js';

/**
 * rss-parser, driven synchronously. Its public parseString only offers a Promise, but the XML
 * parse (xml2js over sax, strict) and the build steps underneath are synchronous; calling them
 * directly keeps parseFeed a pure synchronous function. The dispatch below mirrors
 * rss-parser 3's parseString with defaultRSS 2. A new Parser per call: xml2js adds listeners to
 * a reused parser on every parse.
 */
interface RssParserInternals {
  xmlParser: { parseString(xml: string, callback: (error: Error | null, result: unknown) => void): void };
  buildAtomFeed(result: unknown): RssParserFeed;
  buildRSS2(result: unknown): RssParserFeed;
  buildRSS1(result: unknown): RssParserFeed;
  buildRSS0_9(result: unknown): RssParserFeed;
}

/** rss-parser's output, with our custom fields holding the raw xml2js nodes. */
interface RssParserFeed {
  link?: string;
  ttl?: string;
  titleNodes?: XmlNode[];
  dcTitle?: XmlNode[];
  attributes?: Record<string, string>;
  updatePeriod?: string;
  updateFrequency?: string;
  items: RssParserItem[];
}

interface RssParserItem {
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
}

const keep = (from: string, to: string) => [from, to, { keepArray: true }];

function createParser(): RssParserInternals {
  const fields = {
    feed: [keep('title', 'titleNodes'), keep('dc:title', 'dcTitle'), keep('$', 'attributes'), ['sy:updatePeriod', 'updatePeriod'], ['sy:updateFrequency', 'updateFrequency']],
    item: [
      keep('title', 'titleNodes'), keep('dc:title', 'dcTitle'), keep('link', 'linkNodes'), keep('guid', 'guidNodes'),
      keep('id', 'idNodes'), keep('media:title', 'mediaTitle'), keep('description', 'descriptionNodes'), keep('content:encoded', 'encodedNodes'),
      keep('summary', 'summaryNodes'), keep('content', 'contentNodes'), keep('author', 'authorNodes'),
      keep('dc:creator', 'dcCreator'), keep('$', 'attributes'), keep('published', 'published'),
      keep('updated', 'updated'), keep('issued', 'issued'), keep('modified', 'modified'), keep('dc:date', 'dcDate'),
    ],
  };
  return new Parser({ defaultRSS: 2, customFields: fields as never }) as unknown as RssParserInternals;
}

type Format = 'atom' | 'rss';

function build(parser: RssParserInternals, result: Record<string, XmlObject | undefined>): [Format, RssParserFeed] | null {
  const version = result.rss?.$?.version ?? '';
  if (result.feed) return ['atom', parser.buildAtomFeed(result)];
  if (result.rss && /^2/.test(version)) return ['rss', parser.buildRSS2(result)];
  if (result['rdf:RDF']) return ['rss', parser.buildRSS1(result)];
  if (result.rss && /0\.9/.test(version)) return ['rss', parser.buildRSS0_9(result)];
  if (result.rss) return ['rss', parser.buildRSS2(result)];
  return null;
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

function atomEntry(item: RssParserItem): RawEntry {
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
  };
}

function rssEntry(item: RssParserItem): RawEntry {
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
  };
}

function hasInlineMarkup(feed: RssParserFeed): boolean {
  const textNodes = feed.items.flatMap((item) =>
    [item.titleNodes, item.summaryNodes, item.contentNodes, item.descriptionNodes, item.encodedNodes].map(first),
  );
  return [first(feed.titleNodes), ...textNodes].some(hasChildElements);
}

/** The feed as rss-parser reads it, or the reason it refused the document. */
export function readWithRssParser(xml: string): { ok: true; feed: RawFeed } | { ok: false; error: string } {
  const parser = createParser();
  let outcome: { ok: true; feed: RawFeed } | { ok: false; error: string } = { ok: false, error: 'rss-parser returned nothing' };
  try {
    parser.xmlParser.parseString(xml, (error, result) => {
      if (error) return (outcome = { ok: false, error: error.message });
      if (!result) return (outcome = { ok: false, error: 'the document is empty' });
      const built = build(parser, result as Record<string, XmlObject | undefined>);
      if (!built) return (outcome = { ok: false, error: 'the document is neither RSS nor Atom' });
      const [format, feed] = built;
      if (hasInlineMarkup(feed)) {
        return (outcome = { ok: false, error: 'inline markup in a text element (xml2js would lose its order)' });
      }
      outcome = {
        ok: true,
        feed: {
          title: format === 'atom' ? atomConstruct(first(feed.titleNodes)) : rssConstruct(first(feed.titleNodes) ?? first(feed.dcTitle)),
          link: typeof feed.link === 'string' ? feed.link : null,
          ttlMinutes: ttlFromChannel(feed.ttl, feed.updatePeriod, feed.updateFrequency),
          base: feed.attributes?.['xml:base'] ?? null,
          entries: feed.items.map(format === 'atom' ? atomEntry : rssEntry),
        },
      };
    });
  } catch (error) {
    // rss-parser's builders throw on some well-formed input (e.g. an unparsable Atom date).
    outcome = { ok: false, error: (error as Error).message };
  }
  return outcome;
}

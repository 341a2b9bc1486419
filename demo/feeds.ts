import { startFeedServer } from '../test/support/feed-server.js';
import type { SampleArticle } from './articles.js';

/** The outlets' RSS feeds on 127.0.0.1, carrying the full text of each article (content:encoded). */
export interface DemoFeeds {
  /** One feed per outlet, for feeds.json. */
  feeds: { outlet: string; url: string; country?: string; perspective?: string }[];
  /** Puts the article at the top of its outlet's feed; the next poll sees it as new. */
  publish(article: SampleArticle): void;
  /** The web address the article's feed item links to. */
  linkOf(article: SampleArticle): string;
  close(): Promise<void>;
}

/**
 * The demo's made-up outlets, labelled as their names and reporting suggest (an outlet not listed is "other"):
 * "Kyiv Ledger" → a Ukrainian outlet based in UA.
 */
const OUTLET_SIDES: Readonly<Record<string, { country: string; perspective: string }>> = {
  'Capital Wire': { country: 'US', perspective: 'western' },
  'Kyiv Ledger': { country: 'UA', perspective: 'ukrainian' },
  'Continental Desk': { country: 'BE', perspective: 'western' },
};

/** Starts a feed per outlet of `olderItems`, each already holding its outlet's older item(s). */
export async function startDemoFeeds(olderItems: readonly SampleArticle[]): Promise<DemoFeeds> {
  const server = await startFeedServer();
  const itemsByOutlet = new Map<string, SampleArticle[]>();
  const feeds: DemoFeeds['feeds'] = [];

  const addOutlet = (outlet: string): SampleArticle[] => {
    const existing = itemsByOutlet.get(outlet);
    if (existing) return existing;
    const items: SampleArticle[] = [];
    itemsByOutlet.set(outlet, items);
    const path = `/${slug(outlet)}/rss.xml`;
    server.route(path, (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(rssDocument(outlet, items));
    });
    feeds.push({ outlet, url: server.url(path), ...OUTLET_SIDES[outlet] });
    return items;
  };
  for (const item of olderItems) addOutlet(item.outlet).unshift(item);

  return {
    feeds,
    publish(article) {
      const items = itemsByOutlet.get(article.outlet);
      if (!items) throw new Error(`No demo feed for the outlet "${article.outlet}": give it an item in demo/older-items.json.`);
      items.unshift(article);
    },
    linkOf: articleLink,
    close: () => server.close(),
  };
}

/** An RSS 2.0 document, newest item first, as a news site's CMS writes it. */
function rssDocument(outlet: string, items: readonly SampleArticle[]): string {
  const site = siteOf(outlet);
  const entries = items.map((article) => {
    const link = articleLink(article);
    return [
      '<item>',
      `<title>${escapeXml(article.title)}</title>`,
      `<link>${escapeXml(link)}</link>`,
      `<guid isPermaLink="true">${escapeXml(link)}</guid>`,
      `<pubDate>${new Date(article.published).toUTCString()}</pubDate>`,
      `<description>${escapeXml(article.body[0] ?? '')}</description>`,
      `<content:encoded><![CDATA[${articleHtml(article)}]]></content:encoded>`,
      '</item>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">',
    `<channel><title>${escapeXml(outlet)}</title><link>${site}/</link><description>Latest news from ${escapeXml(outlet)}</description>`,
    ...entries,
    '</channel></rss>',
  ].join('\n');
}

/** Paragraphs as <p>; a short line without closing punctuation is a cross-heading, as news sites mark them. */
function articleHtml(article: SampleArticle): string {
  return article.body
    .map((paragraph) => (isCrossHeading(paragraph) ? `<h2>${escapeXml(paragraph)}</h2>` : `<p>${escapeXml(paragraph)}</p>`))
    .join('\n');
}

function isCrossHeading(paragraph: string): boolean {
  return paragraph.length <= 60 && !/[.!?:”"’)]$/u.test(paragraph.trim());
}

function articleLink(article: SampleArticle): string {
  const date = article.published.slice(0, 10).replaceAll('-', '/');
  return `${siteOf(article.outlet)}/${date}/${slug(article.title).slice(0, 80).replace(/-+$/u, '')}`;
}

function siteOf(outlet: string): string {
  return `https://www.${slug(outlet)}.example`;
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-|-$/gu, '');
}

function escapeXml(text: string): string {
  return text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');
}

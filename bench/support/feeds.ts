import { article, headline, ledeSentence, storyEvent } from './news.js';
import { pick, seededRandom, type Random } from '../../test/support/random.js';

/** Synthetic RSS 2.0 feeds in the shape outlets publish: namespaces, HTML descriptions, content:encoded, categories. */

export interface FeedEntry {
  title: string;
  guid: string;
  link: string;
  published: Date;
  author: string;
  categories: string[];
  /** Plain text; rendered as an HTML paragraph. */
  description: string;
  /** Plain-text paragraphs; rendered as HTML in content:encoded (omitted when empty). */
  paragraphs: string[];
}

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

function itemXml(entry: FeedEntry): string {
  const content = entry.paragraphs.length
    ? `\n      <content:encoded><![CDATA[${entry.paragraphs.map((paragraph) => `<p>${paragraph}</p>`).join('\n')}]]></content:encoded>`
    : '';
  return `    <item>
      <title>${escapeXml(entry.title)}</title>
      <link>${escapeXml(entry.link)}</link>
      <guid isPermaLink="false">${escapeXml(entry.guid)}</guid>
      <pubDate>${entry.published.toUTCString()}</pubDate>
      <dc:creator>${escapeXml(entry.author)}</dc:creator>
${entry.categories.map((category) => `      <category>${escapeXml(category)}</category>`).join('\n')}
      <description>${escapeXml(`<p>${entry.description}</p>`)}</description>${content}
    </item>`;
}

export function rssDocument(channel: { title: string; link: string; selfUrl: string }, entries: readonly FeedEntry[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${escapeXml(channel.title)}</title>
    <link>${escapeXml(channel.link)}</link>
    <atom:link href="${escapeXml(channel.selfUrl)}" rel="self" type="application/rss+xml"/>
    <description>Latest news on the war in Ukraine and the peace talks</description>
    <language>en-gb</language>
    <ttl>5</ttl>
${entries.map(itemXml).join('\n')}
  </channel>
</rss>
`;
}

const AUTHORS = ['Olena Harmash', 'Guy Faulconbridge', 'Steve Holland', 'Tom Balmforth', 'Shaun Walker', 'Illia Novikov', 'Max Seddon', 'Dan Sabbagh'];
const CATEGORIES = ['World', 'Europe', 'Ukraine', 'Russia', 'Politics', 'War in Ukraine', 'Diplomacy', 'Conflicts'];

/** One item of an outlet's feed: a headline, a one-sentence description and, when `contentWords` > 0, the article. */
export function feedEntry(next: Random, site: string, index: number, published: Date, contentWords: number): FeedEntry {
  const event = storyEvent(next);
  const title = headline(next, event);
  const slug = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
  return {
    title,
    guid: `${site}/${index}`,
    link: `${site}/world/europe/${published.toISOString().slice(0, 10)}/${slug}-${index}`,
    published,
    author: pick(next, AUTHORS),
    categories: [pick(next, CATEGORIES), pick(next, CATEGORIES)],
    description: ledeSentence(next, event),
    paragraphs: contentWords > 0 ? article(next, event, contentWords).split('\n\n') : [],
  };
}

/** Item `index` of an outlet's feed (items are ten minutes apart). Deterministic per seed and index. */
export function entryAt(seed: number, site: string, index: number, contentWords: number): FeedEntry {
  const start = Date.UTC(2025, 7, 18, 6, 0, 0);
  return feedEntry(seededRandom(seed * 100_003 + index), site, index, new Date(start + index * 600_000), contentWords);
}

/** Items `first`..`first + count - 1` of an outlet's feed, newest first. */
export function feedEntries(seed: number, site: string, first: number, count: number, contentWords: number): FeedEntry[] {
  return Array.from({ length: count }, (_, offset) => entryAt(seed, site, first + count - 1 - offset, contentWords));
}

/** A large feed: `items` entries with full content, sized to about `bytes` in UTF-8. */
export function largeFeed(items: number, bytes: number, seed = 7): Buffer {
  const site = 'https://news.example';
  const channel = { title: 'World news | Ukraine', link: `${site}/world`, selfUrl: `${site}/world/rss` };
  const build = (words: number) => Buffer.from(rssDocument(channel, feedEntries(seed, site, 0, items, words)));
  // Two passes: the size grows about linearly with the words per item.
  const guess = 200;
  const first = build(guess);
  return build(Math.max(10, Math.round((guess * bytes) / first.length)));
}

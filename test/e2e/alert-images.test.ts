import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FeedArticle } from '../support/news-feed.js';
import { channelPosts, demoItem, OUTLETS, startWorld, subscribeTopic, type E2eWorld } from './harness.js';

let world: E2eWorld;

beforeEach(async () => {
  world = await startWorld();
});

afterEach(async () => {
  await world.close();
});

const MEDIA_NS = 'http://search.yahoo.com/mrss/';

const xml = (text: string) => text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');

/** RSS 2.0 whose items carry `extra` (image elements) besides their text. */
function rss(articles: readonly FeedArticle[], extra: (article: FeedArticle) => string): string {
  const items = articles.map(
    (article) =>
      `<item><title>${xml(article.title)}</title><link>${xml(article.link)}</link><guid isPermaLink="false">${xml(article.guid)}</guid>
       <pubDate>${new Date(article.published).toUTCString()}</pubDate><description>${xml(article.body.join('\n\n'))}</description>${extra(article)}</item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0" xmlns:media="${MEDIA_NS}"><channel><title>Capital Wire</title><link>https://capitalwire.example/</link>${items.join('')}</channel></rss>`;
}

function atom(articles: readonly FeedArticle[], extra: (article: FeedArticle) => string): string {
  const entries = articles.map(
    (article) =>
      `<entry><title>${xml(article.title)}</title><id>${xml(article.guid)}</id><link rel="alternate" href="${xml(article.link)}"/>
       <published>${article.published}</published><updated>${article.published}</updated><summary>${xml(article.body.join('\n\n'))}</summary>${extra(article)}</entry>`,
  );
  return `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="${MEDIA_NS}"><title>Capital Wire</title><id>urn:capital</id>${entries.join('')}</feed>`;
}

function jsonFeed(articles: readonly FeedArticle[], image: (article: FeedArticle) => Record<string, string>): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: 'Capital Wire',
    items: articles.map((article) => ({
      id: article.guid,
      url: article.link,
      title: article.title,
      date_published: article.published,
      content_text: article.body.join('\n\n'),
      ...image(article),
    })),
  });
}

/** Only the new article names the image: the seeded one names none. */
const forMeeting = (text: string) => (article: FeedArticle) => (article.guid.includes('white-house-meeting') ? text : '');

const IMAGE = 'https://images.capitalwire.example/2025/08/oval-office.jpg';

const FORMATS: [string, (articles: readonly FeedArticle[]) => string][] = [
  ['an RSS enclosure', (articles) => rss(articles, forMeeting(`<enclosure url="${IMAGE}" type="image/jpeg" length="48213"/>`))],
  ['RSS media:content', (articles) => rss(articles, forMeeting(`<media:content url="${IMAGE}" medium="image" width="1200"/>`))],
  ['RSS media:thumbnail', (articles) => rss(articles, forMeeting(`<media:thumbnail url="${IMAGE}" width="320"/>`))],
  ['an Atom enclosure link', (articles) => atom(articles, forMeeting(`<link rel="enclosure" type="image/jpeg" href="${IMAGE}"/>`))],
  ['a JSON Feed image', (articles) => jsonFeed(articles, (article): Record<string, string> => (article.guid.includes('white-house-meeting') ? { image: IMAGE } : {}))],
];

/** Serves Capital Wire's feed in this shape: first the seeded Kharkiv report, then the White House meeting too. */
async function alertFrom(render: (articles: readonly FeedArticle[]) => string) {
  let articles = [demoItem('03-kharkiv-strikes', 'capital')];
  world.feeds.route(OUTLETS.capital.path, (_request, response) => response.writeHead(200).end(render(articles)));
  world.serve('ledger', [demoItem('03-kharkiv-strikes', 'ledger')]);
  const app = await world.launch();
  await subscribeTopic(world, world.alertsChannel, 'white-house-talks');
  articles = [demoItem('01-white-house-meeting', 'capital'), ...articles];
  await world.pollAndDeliver(app);
  const posts = channelPosts(world, world.alertsChannel);
  expect(posts).toHaveLength(1);
  return posts[0]?.current.embeds[0];
}

describe('the article image as the alert’s thumbnail, end to end', () => {
  for (const [format, render] of FORMATS) {
    it(`shows the image from ${format}`, async () => {
      const embed = await alertFrom(render);
      expect(embed?.title).toBe(demoItem('01-white-house-meeting', 'capital').title);
      expect(embed?.thumbnail).toEqual({ url: IMAGE });
      expect(world.discord.violations).toEqual([]);
    });
  }

  it('refuses images on private addresses, local names and plain http, taking the first public https one', async () => {
    const refused = ['https://10.0.0.5/a.jpg', 'https://127.0.0.1/b.jpg', 'https://[::1]/c.jpg', 'https://intranet.local/d.jpg', 'http://images.capitalwire.example/e.jpg'];
    const media = refused.map((url) => `<media:content url="${url}" medium="image"/>`).join('');
    const embed = await alertFrom((articles) => rss(articles, forMeeting(`${media}<media:thumbnail url="${IMAGE}"/>`)));
    expect(embed?.thumbnail).toEqual({ url: IMAGE });
    expect(world.discord.violations).toEqual([]);
  });

  it('shows no thumbnail when every image the feed names is refused', async () => {
    const embed = await alertFrom((articles) => rss(articles, forMeeting('<media:content url="https://192.168.1.20/a.jpg" medium="image"/><enclosure url="http://images.capitalwire.example/b.jpg" type="image/jpeg"/>')));
    expect(embed?.title).toBe(demoItem('01-white-house-meeting', 'capital').title);
    expect(embed?.thumbnail).toBeUndefined();
    expect(world.discord.violations).toEqual([]);
  });
});

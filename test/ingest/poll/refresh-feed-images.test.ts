import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { refreshFeed } from '../../../src/ingest/poll/refresh-feed.js';
import type { Stores } from '../../../src/store/index.js';
import { openTestStores } from '../../support/stores.js';
import { OPERATOR } from '../../../src/store/visibility.js';
import { startFeedServer, type FeedServer } from '../../support/feed-server.js';

let server: FeedServer;
let stores: Stores;

beforeEach(async () => {
  server = await startFeedServer();
  stores = await openTestStores();
});

afterEach(async () => {
  await server.close();
});

const ARTICLE = `<p>${'Negotiators from Kyiv and Moscow met in Istanbul on Friday for a third round of talks on a ceasefire. '.repeat(6)}</p>`;

function page(ogImage: string): string {
  return `<!doctype html><html><head><title>Talks</title><meta property="og:image" content="${ogImage}"></head><body><article><h1>Talks</h1>${ARTICLE}${ARTICLE}</article></body></html>`;
}

function feedWith(items: { path: string; media?: string }[]): string {
  const entries = items.map(
    ({ path, media }) => `<item><title>Talks ${path}</title><link>${server.url(path)}</link><guid>${path}</guid>${media ?? ''}</item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>Wire</title>${entries.join('')}</channel></rss>`;
}

describe('refreshFeed and the article image', () => {
  it('keeps the feed’s public https image, else the page’s og:image when it reads the full text; never a private one', async () => {
    server.route('/a', (_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(page('https://img.example.com/from-page-a.jpg')));
    server.route('/b', (_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(page('/relative/og-b.jpg')));
    server.route('/c', (_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end(page('https://img.example.com/from-page-c.jpg')));
    server.route('/feed.xml', (_request, response) =>
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(
        feedWith([
          { path: '/a' },
          // The page is on 127.0.0.1, so its relative og:image is on a private address: refused.
          { path: '/b' },
          { path: '/c', media: '<media:thumbnail url="https://img.example.com/from-feed-c.jpg"/>' },
        ]),
      ),
    );
    const feed = await stores.feeds.register({ url: server.url('/feed.xml'), outlet: 'Wire', fullText: true, intervalSeconds: 600, origin: 'config' }, 0);
    const outcome = await refreshFeed(feed, {
      instanceId: 'images-test',
      feeds: stores.feeds,
      items: stores.items,
      fetchSettings: { userAgent: 'test', allowPrivateNetworks: true },
      disableAfterFailures: 3,
      maxFullTextFetches: 10,
      now: () => 1,
      random: () => 0.5,
    });
    if (outcome.kind !== 'stored') throw new Error(`expected stored, got ${outcome.kind}`);
    const images = [];
    for (const id of outcome.newItemIds) images.push((await stores.items.byId(id, OPERATOR))?.imageUrl);
    expect(images).toEqual(['https://img.example.com/from-page-a.jpg', null, 'https://img.example.com/from-feed-c.jpg']);
  });
});

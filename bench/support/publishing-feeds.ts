import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { rssDocument, type FeedEntry } from './feeds.js';
import { closeServer } from '../../test/support/close-server.js';

/** Local feeds to which a benchmark publishes items one at a time, noting when each item was first served. */
export interface PublishingFeeds {
  urls: string[];
  publish(feed: number, entry: FeedEntry): void;
  /** performance.now() when a poll first received the item with this link; undefined before that. */
  firstServedAt(link: string): number | undefined;
  close(): Promise<void>;
}

/** `count` feeds, spread over `hosts` loopback addresses (127.0.0.1, 127.0.0.2, …) so per-host limits do not queue them. */
export async function startPublishingFeeds(count: number, hosts: number): Promise<PublishingFeeds> {
  const entries: FeedEntry[][] = Array.from({ length: count }, () => []);
  const servedAt = new Map<string, number>();
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const feed = Number(/^\/feeds\/(\d+)\.xml$/.exec(request.url ?? '')?.[1] ?? Number.NaN);
    const list = entries[feed];
    if (!list) {
      response.writeHead(404).end();
      return;
    }
    const etag = `"${feed}-${list.length}"`;
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, { etag }).end();
      return;
    }
    const site = `https://outlet-${feed}.example`;
    const window = list.slice(-20).reverse();
    const now = performance.now();
    for (const entry of window) if (!servedAt.has(entry.link)) servedAt.set(entry.link, now);
    response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag }).end(rssDocument({ title: `Outlet ${feed}`, link: site, selfUrl: `${site}/rss` }, window));
  };
  const servers: Server[] = [];
  const origins: string[] = [];
  for (let host = 0; host < hosts; host += 1) {
    const server = createServer(handle);
    await new Promise<void>((resolve) => server.listen(0, `127.0.0.${host + 1}`, resolve));
    servers.push(server);
    origins.push(`http://127.0.0.${host + 1}:${(server.address() as AddressInfo).port}`);
  }
  return {
    urls: entries.map((_, feed) => `${origins[feed % hosts]}/feeds/${feed}.xml`),
    publish: (feed, entry) => entries[feed]?.push(entry),
    firstServedAt: (link) => servedAt.get(link),
    close: async () => {
      await Promise.all(servers.map(closeServer));
    },
  };
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { entryAt, rssDocument, type FeedEntry } from './feeds.js';
import { closeServer } from '../../test/support/close-server.js';

export interface FeedHostsOptions {
  feeds: number;
  /** Feeds are spread over this many loopback addresses (127.0.0.1, 127.0.0.2, …): one "host" each for per-host limits. */
  hosts: number;
  /** Items in a feed once it has grown (a feed's window). */
  itemsPerFeed?: number;
  /** Items a feed carries on its first poll; it then grows by `newItemsPerPoll` per poll up to `itemsPerFeed`. */
  firstPollItems?: number;
  /** New items an updating feed gains between two polls. */
  newItemsPerPoll?: number;
  /** Words of article text in each item's content:encoded. */
  contentWords?: number;
}

export interface FeedHosts {
  feedUrls: string[];
  close(): Promise<void>;
}

/**
 * Serves `feeds` RSS feeds from one process on several loopback addresses. Even-numbered feeds never change and
 * answer a conditional GET with 304; odd-numbered ones gain new items on every poll (a fresh ETag each time).
 */
export async function startFeedHosts(options: FeedHostsOptions): Promise<FeedHosts> {
  const itemsPerFeed = options.itemsPerFeed ?? 20;
  const firstPollItems = options.firstPollItems ?? itemsPerFeed;
  const newItemsPerPoll = options.newItemsPerPoll ?? 3;
  const contentWords = options.contentWords ?? 150;
  const served = new Map<number, number>();
  const entries = new Map<string, FeedEntry>();
  const entry = (feed: number, site: string, index: number) => {
    const key = `${feed}:${index}`;
    let found = entries.get(key);
    if (!found) {
      found = entryAt(feed + 1, site, index, contentWords);
      entries.set(key, found);
    }
    return found;
  };

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const match = /^\/feeds\/(\d+)\.xml$/.exec(request.url ?? '');
    const feed = match ? Number(match[1]) : Number.NaN;
    if (!(feed >= 0 && feed < options.feeds)) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('no such feed');
      return;
    }
    const updating = feed % 2 === 1;
    const generation = updating ? (served.get(feed) ?? 0) : 0;
    const etag = `"feed-${feed}-${generation}"`;
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, { etag }).end();
      return;
    }
    served.set(feed, generation + 1);
    const site = `https://outlet-${feed}.example`;
    const newest = firstPollItems - 1 + generation * newItemsPerPoll;
    const items = Array.from({ length: Math.min(itemsPerFeed, newest + 1) }, (_, offset) => entry(feed, site, newest - offset));
    const body = rssDocument({ title: `Outlet ${feed}: Ukraine`, link: site, selfUrl: `${site}/rss` }, items);
    response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag, 'cache-control': 'max-age=300' }).end(body);
  };

  const servers: Server[] = [];
  const origins: string[] = [];
  for (let host = 0; host < options.hosts; host += 1) {
    const server = createServer(handle);
    const address = `127.0.0.${host + 1}`;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, address, resolve);
    });
    servers.push(server);
    origins.push(`http://${address}:${(server.address() as AddressInfo).port}`);
  }
  return {
    feedUrls: Array.from({ length: options.feeds }, (_, feed) => `${origins[feed % origins.length]}/feeds/${feed}.xml`),
    close: async () => {
      await Promise.all(servers.map(closeServer));
    },
  };
}

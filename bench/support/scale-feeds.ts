import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { entryAt, rssDocument } from './feeds.js';
import { closeServer } from '../../test/support/close-server.js';

export interface ScaleFeedsOptions {
  feeds: number;
  /** Loopback addresses the feeds are spread over (127.0.1.1, 127.0.1.2, …): one host each for per-host limits. */
  hosts: number;
  /** The soonest a feed's next poll can legitimately come after its last (the interval less the schedule's jitter). */
  earliestRepollMs: number;
  /** Every `updatingEvery`-th feed has a new item in the measured cycle; the others answer 304. */
  updatingEvery: number;
  /** Items in a feed's window. */
  windowItems: number;
  contentWords: number;
}

/** What a feed looked like when it was last polled before the measured cycle (what the database is seeded with). */
export interface SeedState {
  url: string;
  outlet: string;
  etag: string;
  lastModified: string;
}

export interface ScaleFeeds {
  feedUrls: string[];
  updating(feed: number): boolean;
  seedState(feed: number): SeedState;
  /**
   * `seed`: every feed serves the state the database is seeded with; `cycle`: updating feeds have moved on. Switching
   * forgets the requests counted so far.
   */
  setPhase(phase: 'seed' | 'cycle'): void;
  /** Requests per feed since the last reset. */
  requestCounts(): Uint32Array;
  /**
   * Requests for a feed that came sooner than `earliestRepollMs` after its first one since the last reset: fetched
   * twice in one cycle. Later requests are the next cycle's, which the schedule may start before this one ends.
   */
  duplicateFetches(): number;
  close(): Promise<void>;
}

const ITEM_SPACING_MS = 10 * 60_000;

/**
 * The feeds of the scale benchmark. Every feed has two states: the one the database is seeded with (generation 0) and
 * the one the measured cycle finds (generation 1). Unchanged feeds answer a conditional GET carrying the seeded ETag or
 * Last-Modified with 304; updating feeds have moved on by one item, so the seeded validators get 200 and a window of
 * which only the newest item is new. The server counts the requests per feed, which tells duplicate fetches.
 */
export async function startScaleFeeds(options: ScaleFeedsOptions): Promise<ScaleFeeds> {
  // Items are dated back from now, the newest a minute old: alerts are only planned for recent news.
  const startedAt = Date.now();
  const firstItemAt = startedAt - 60_000 - options.windowItems * ITEM_SPACING_MS;
  const counts = new Uint32Array(options.feeds);
  const firstRequestAt = new Float64Array(options.feeds);
  let duplicates = 0;
  let phase: 'seed' | 'cycle' = 'seed';
  const updating = (feed: number) => feed % options.updatingEvery === 0;
  const generationOf = (feed: number) => (phase === 'cycle' && updating(feed) ? 1 : 0);
  const site = (feed: number) => `https://outlet-${feed}.example`;
  const validators = (feed: number, generation: number) => ({
    etag: `"feed-${feed}-${generation}"`,
    lastModified: new Date(firstItemAt + (generation + options.windowItems - 1) * ITEM_SPACING_MS).toUTCString(),
  });
  // Newest first: generation g carries items g .. g + windowItems - 1.
  const window = (feed: number, generation: number) =>
    Array.from({ length: options.windowItems }, (_, offset) => {
      const index = generation + options.windowItems - 1 - offset;
      return { ...entryAt(feed + 1, site(feed), index, options.contentWords), published: new Date(firstItemAt + index * ITEM_SPACING_MS) };
    });
  const bodies = new Map<string, string>();
  const body = (feed: number, generation: number): string => {
    const key = `${feed}:${generation}`;
    let found = bodies.get(key);
    if (found === undefined) {
      found = rssDocument({ title: `Outlet ${feed}: Ukraine`, link: site(feed), selfUrl: `${site(feed)}/rss` }, window(feed, generation));
      bodies.set(key, found);
    }
    return found;
  };

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const feed = Number(/^\/feeds\/(\d+)\.xml$/.exec(request.url ?? '')?.[1] ?? Number.NaN);
    if (!(feed >= 0 && feed < options.feeds)) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('no such feed');
      return;
    }
    counts[feed] = (counts[feed] ?? 0) + 1;
    const now = Date.now();
    if (counts[feed] === 1) firstRequestAt[feed] = now;
    else if (now - (firstRequestAt[feed] ?? 0) < options.earliestRepollMs) duplicates += 1;
    const generation = generationOf(feed);
    const { etag, lastModified } = validators(feed, generation);
    const headers = { etag, 'last-modified': lastModified, 'cache-control': 'max-age=300' };
    const ifNoneMatch = request.headers['if-none-match'];
    const unchanged = ifNoneMatch !== undefined ? ifNoneMatch === etag : request.headers['if-modified-since'] === lastModified;
    if (unchanged) {
      response.writeHead(304, headers).end();
      return;
    }
    response.writeHead(200, { ...headers, 'content-type': 'application/rss+xml; charset=utf-8' }).end(body(feed, generation));
  };

  const servers: Server[] = [];
  const origins: string[] = [];
  for (let host = 0; host < options.hosts; host += 1) {
    const server = createServer({ keepAliveTimeout: 30_000 }, handle);
    const address = `127.0.${1 + Math.floor(host / 250)}.${1 + (host % 250)}`;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, address, resolve);
    });
    servers.push(server);
    origins.push(`http://${address}:${(server.address() as AddressInfo).port}`);
  }
  const feedUrls = Array.from({ length: options.feeds }, (_, feed) => `${origins[feed % origins.length]}/feeds/${feed}.xml`);
  return {
    feedUrls,
    updating,
    seedState: (feed) => ({
      url: feedUrls[feed] ?? '',
      outlet: `Outlet ${feed}`,
      ...validators(feed, 0),
    }),
    setPhase: (next) => {
      phase = next;
      counts.fill(0);
      duplicates = 0;
      // Rendered now, so that serving the cycle's bodies costs the server little while it is measured.
      for (let feed = 0; feed < options.feeds; feed += 1) if (updating(feed)) body(feed, generationOf(feed));
    },
    requestCounts: () => counts.slice(),
    duplicateFetches: () => duplicates,
    close: async () => {
      await Promise.all(servers.map(closeServer));
    },
  };
}

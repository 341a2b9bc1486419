import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer } from './close-server.js';
import { Waiter } from './discord/waiter.js';
import { articleFeed, type FeedArticle } from './news-feed.js';

/**
 * Many RSS feeds on loopback for tests of many pollers: feed `i` lives at `/feeds/i.xml` on host `i % hosts`, each
 * host a port of its own on 127.0.0.1 (a poller limits fetches per host name and port, so each port is a host to
 * it). Every request is counted per feed and the farm remembers the most requests one host ever had in flight;
 * answers carry an ETag and a matching If-None-Match gets 304, as most real feeds answer most polls.
 */
export interface FeedFarm {
  /** The URL of each feed, by index. */
  readonly urls: readonly string[];
  /** Feed `index` serves these articles (newest first) from now on. */
  publish(index: number, articles: readonly FeedArticle[]): void;
  /** Requests for each feed so far, by index. */
  fetchCounts(): number[];
  /** The most requests any one host had open at the same time. */
  peakInFlightPerHost(): number;
  /** Requests being answered right now, across hosts. */
  inFlight(): number;
  /** Resolves with the first truthy `probe()`, checked again after every request starts and ends. */
  waitFor<T>(probe: () => T | null | undefined | false, options: { timeoutMs?: number; description?: string | (() => string) }): Promise<T>;
  close(): Promise<void>;
}

interface FeedState {
  body: string;
  etag: string;
}

export async function startFeedFarm(options: { feeds: number; hosts: number; latencyMs?: number }): Promise<FeedFarm> {
  const { feeds, hosts, latencyMs = 0 } = options;
  const changes = new EventEmitter();
  const waiter = new Waiter(changes, 20_000);
  const states: FeedState[] = Array.from({ length: feeds }, () => ({ body: articleFeed('Wire', []), etag: '"v0"' }));
  const counts: number[] = Array.from({ length: feeds }, () => 0);
  const openPerHost: number[] = Array.from({ length: hosts }, () => 0);
  let peak = 0;
  let version = 0;

  const answer = (host: number, request: IncomingMessage, response: ServerResponse): void => {
    const match = /^\/feeds\/(\d+)\.xml$/.exec(request.url ?? '');
    const index = match ? Number(match[1]) : -1;
    const state = states[index];
    if (!state || index % hosts !== host) return void response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    counts[index] = (counts[index] ?? 0) + 1;
    openPerHost[host] = (openPerHost[host] ?? 0) + 1;
    peak = Math.max(peak, openPerHost[host] ?? 0);
    changes.emit('change');
    // A little latency, as a real publisher has, so that fetches to one host overlap when nothing limits them.
    setTimeout(() => {
      if (request.headers['if-none-match'] === state.etag) response.writeHead(304, { etag: state.etag }).end();
      else response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: state.etag }).end(state.body);
    }, latencyMs);
    response.once('close', () => {
      openPerHost[host] = (openPerHost[host] ?? 1) - 1;
      changes.emit('change');
    });
  };

  const servers: Server[] = [];
  const origins: string[] = [];
  for (let host = 0; host < hosts; host++) {
    const server = createServer((request, response) => answer(host, request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    servers.push(server);
    origins.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
  }
  const urls = states.map((_, index) => `${origins[index % hosts]}/feeds/${index}.xml`);

  return {
    urls,
    publish(index, articles) {
      const state = states[index];
      if (!state) throw new Error(`the farm has no feed ${index} (it has ${feeds})`);
      state.body = articleFeed(`Wire ${index}`, articles);
      state.etag = `"v${++version}"`;
    },
    fetchCounts: () => [...counts],
    peakInFlightPerHost: () => peak,
    inFlight: () => openPerHost.reduce((sum, open) => sum + open, 0),
    waitFor: (probe, waitOptions) => waiter.waitFor(probe, waitOptions),
    async close() {
      waiter.cancelAll('the feed farm closed');
      await Promise.all(servers.map((server) => closeServer(server)));
    },
  };
}

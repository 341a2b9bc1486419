import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HostResolver } from '../../src/ingest/fetch/index.js';
import { Poller } from '../../src/ingest/poll/poller.js';
import type { StoredFeed } from '../../src/store/feeds.js';
import type { Stores } from '../../src/store/index.js';
import { openTestStores } from '../support/stores.js';
import { rssFeed } from '../support/feed-server.js';
import { startHostileServer, type HostileServer } from '../support/hostile-server.js';

/**
 * Feeds added by a guild, polled with WIREWATCH_ALLOW_PRIVATE_NETWORKS off. The publisher is our server on
 * 127.0.0.1, standing in for a public address (the only address the policy admits); 127.0.0.2 stands in for an
 * internal service on loopback. A redirect or a DNS answer that leads to a private address must be refused before
 * any connection, recorded on the feed's health, and leave the feed polled in the same cycle untouched.
 */
const PUBLISHER = '127.0.0.1';
let publisher: HostileServer;
let internal: HostileServer;
let stores: Stores;
let poller: Poller;

const onlyThePublisher = (address: string): boolean => address === PUBLISHER;
const resolveHost: HostResolver = async (hostname) => {
  if (hostname === 'feeds.publisher.example') return [{ address: PUBLISHER, family: 4 }];
  if (hostname === 'intranet.publisher.example') return [{ address: '10.20.30.40', family: 4 }];
  if (hostname === 'rebind.publisher.example') return [{ address: '169.254.169.254', family: 4 }];
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
};

beforeAll(async () => {
  publisher = await startHostileServer(PUBLISHER);
  internal = await startHostileServer('127.0.0.2');
  internal.route('/admin', (_request, response) => response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Internal', [])));
  const healthy = rssFeed('Healthy Wire', [{ title: 'Envoys report progress on prisoner exchange', guid: 'healthy-1', link: 'https://news.example/exchange' }]);
  publisher.route('/healthy.xml', (_request, response) => response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(healthy));
  const redirectTo = (location: string) => (_request: unknown, response: import('node:http').ServerResponse) =>
    void response.writeHead(302, { location }).end();
  publisher.route('/to-loopback.xml', redirectTo(`${internal.origin}/admin`));
  publisher.route('/to-ten.xml', redirectTo('http://10.0.0.1/feed.xml'));
  publisher.route('/to-metadata.xml', redirectTo('http://169.254.169.254/latest/meta-data/'));
  publisher.route('/to-intranet-name.xml', redirectTo(`http://intranet.publisher.example:${new URL(publisher.origin).port}/healthy.xml`));
});

afterAll(async () => {
  await publisher.close();
  await internal.close();
});

afterEach(async () => {
  await poller.stop();
});

async function guildFeeds(urls: string[]): Promise<StoredFeed[]> {
  stores = await openTestStores();
  const registered: StoredFeed[] = [];
  for (const url of [...urls, publisher.url('/healthy.xml')]) {
    registered.push(await stores.feeds.addForGuild('111111111111111111', { url, outlet: 'Guild feed', fullText: false, intervalSeconds: 600 }, 0));
  }
  poller = new Poller(
    {
      instanceId: 'ssrf-test',
      feeds: stores.feeds,
      items: stores.items,
      fetchSettings: { userAgent: 'wirewatch-test', allowPrivateNetworks: false, isAllowedAddress: onlyThePublisher, resolveHost, totalTimeoutMs: 3000 },
      disableAfterFailures: 10,
      maxFullTextFetches: 0,
      now: () => Date.UTC(2025, 7, 18, 12),
      random: () => 0.5,
    },
    { maxConcurrentFetches: 4, maxConcurrentPerHost: 2, onOutcome: () => undefined, onError: (error) => { throw error; } },
  );
  return registered;
}

async function feedNamed(url: string): Promise<StoredFeed> {
  return (await stores.feeds.all()).find((feed) => feed.sourceUrl === url) as StoredFeed;
}

async function expectHealthyFeedStored(): Promise<void> {
  const healthy = await feedNamed(publisher.url('/healthy.xml'));
  expect(healthy).toMatchObject({ lastErrorCode: null, consecutiveFailures: 0 });
  expect(await stores.items.countForFeed(healthy.id)).toBe(1);
}

describe('a guild-added feed cannot reach private networks', () => {
  it.each([
    ['/to-loopback.xml', /127\.0\.0\.2 \(loopback address\)/],
    ['/to-ten.xml', /10\.0\.0\.1 \(private address\)/],
    ['/to-metadata.xml', /169\.254\.169\.254 \(link-local address\)/],
    ['/to-intranet-name.xml', /intranet\.publisher\.example: it resolves to 10\.20\.30\.40 \(private address\)/],
  ])('refuses the redirect in %s and records why on the feed', async (path, reason) => {
    await guildFeeds([publisher.url(path)]);
    const started = performance.now();
    await poller.pollAllOnce();
    expect(performance.now() - started).toBeLessThan(2000);
    const feed = await feedNamed(publisher.url(path));
    expect(feed).toMatchObject({ lastErrorCode: 'private-address', consecutiveFailures: 1 });
    expect(feed.lastError).toMatch(reason);
    expect(await stores.items.countForFeed(feed.id)).toBe(0);
    expect(internal.requested).toEqual([]);
    await expectHealthyFeedStored();
  });

  it('refuses a feed whose host name resolves to a private address, without connecting', async () => {
    const url = 'http://rebind.publisher.example/feed.xml';
    await guildFeeds([url]);
    await poller.pollAllOnce();
    const feed = await feedNamed(url);
    expect(feed).toMatchObject({ lastErrorCode: 'private-address', consecutiveFailures: 1 });
    expect(feed.lastError).toMatch(/rebind\.publisher\.example: it resolves to 169\.254\.169\.254 \(link-local address\)/);
    await expectHealthyFeedStored();
  });

  it('refuses a guild feed given as a loopback literal', async () => {
    const url = `${internal.origin}/admin`;
    await guildFeeds([url]);
    await poller.pollAllOnce();
    expect(await feedNamed(url)).toMatchObject({ lastErrorCode: 'private-address' });
    expect(internal.requested).toEqual([]);
    await expectHealthyFeedStored();
  });
});

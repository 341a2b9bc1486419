import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { Poller } from '../../../src/ingest/poll/poller.js';
import type { RefreshOutcome } from '../../../src/ingest/poll/refresh-feed.js';
import type { StoredFeed } from '../../../src/store/feeds.js';
import type { Stores } from '../../../src/store/index.js';
import { rssFeed, startFeedServer, type FeedServer } from '../../support/feed-server.js';
import { execute, openSharedTestBackends, openTestBackend, queryValue } from '../../support/stores.js';

/**
 * Several instances over one database, each with connections of its own as separate processes have: each due feed is fetched by one of them once per interval, a dead instance's
 * lease is taken over, a live one is respected, and per-host politeness counts every instance's fetches.
 */
const INTERVAL_MS = 600_000;
let clock: number;
const servers: FeedServer[] = [];
const pollers: Poller[] = [];

afterEach(async () => {
  for (const poller of pollers.splice(0)) await poller.stop();
  for (const server of servers.splice(0)) await server.close();
});

/** Resolves `reach(n)` once `n` outcomes came in, whichever poller had them. */
function outcomeCounter() {
  const outcomes: { poller: string; outcome: RefreshOutcome }[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  return {
    outcomes,
    add(poller: string, outcome: RefreshOutcome): void {
      outcomes.push({ poller, outcome });
      for (const waiter of waiters.filter((one) => outcomes.length >= one.count)) waiter.resolve();
    },
    reach: (count: number) => new Promise<void>((resolve) => (outcomes.length >= count ? resolve() : waiters.push({ count, resolve }))),
  };
}

type Counter = ReturnType<typeof outcomeCounter>;

function poller(instanceId: string, stores: Stores, counter: Counter, limits = { maxConcurrentFetches: 3, maxConcurrentPerHost: 2 }): Poller {
  const created = new Poller(
    {
      instanceId,
      feeds: stores.feeds,
      items: stores.items,
      fetchSettings: { userAgent: 'lease-test', allowPrivateNetworks: true, totalTimeoutMs: 5_000 },
      disableAfterFailures: 10,
      maxFullTextFetches: 0,
      now: () => clock,
      random: () => 0.5,
    },
    { ...limits, onOutcome: (outcome) => counter.add(instanceId, outcome), onError: (error) => { throw error; } },
  );
  pollers.push(created);
  return created;
}

/**
 * A feed server whose answers take a little while, so that fetches overlap; it tracks how many run at once, and
 * writes its `name` in `arrivals` at each request (one list for several servers gives their order).
 */
async function slowFeedServer(paths: string[], arrivals: string[] = [], name = ''): Promise<FeedServer & { mostAtOnce: () => number }> {
  const server = await startFeedServer();
  servers.push(server);
  let running = 0;
  let most = 0;
  const answer = (_request: IncomingMessage, response: ServerResponse) => {
    running += 1;
    most = Math.max(most, running);
    arrivals.push(name);
    setTimeout(() => {
      running -= 1;
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Feed', [{ title: 'Talks resume', guid: 'talks' }]));
    }, 15);
  };
  for (const path of paths) server.route(path, answer);
  return { ...server, mostAtOnce: () => most };
}

async function register(stores: Stores, server: FeedServer, paths: string[]): Promise<StoredFeed[]> {
  const feeds: StoredFeed[] = [];
  for (const path of paths) feeds.push(await stores.feeds.register({ url: server.url(path), outlet: path, fullText: false, intervalSeconds: INTERVAL_MS / 1000, origin: 'config' }, 0));
  return feeds;
}

function fetchesPerPath(server: FeedServer): Map<string, number> {
  const counts = new Map<string, number>();
  for (const request of server.requests) counts.set(request.path, (counts.get(request.path) ?? 0) + 1);
  return counts;
}

const paths = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `/${prefix}${index}.xml`);

describe('polling leases across instances', () => {
  it('fetches every due feed once per interval with two pollers on one database, each taking a share', async () => {
    clock = Date.UTC(2025, 7, 18, 12);
    // Four hosts of six feeds: room for both pollers' three fetches at once within two per host.
    const feedPaths = paths('feed', 6);
    const hosts = await Promise.all([1, 2, 3, 4].map(() => slowFeedServer(feedPaths)));
    const [first, second] = await openSharedTestBackends(2);
    if (!first || !second) throw new Error('two backends were asked for');
    for (const host of hosts) await register(first.stores, host, feedPaths);
    const counter = outcomeCounter();
    const a = poller('instance-a', first.stores, counter);
    const b = poller('instance-b', second.stores, counter);
    const fetchCounts = () => hosts.flatMap((host) => feedPaths.map((path) => fetchesPerPath(host).get(path) ?? 0));

    await Promise.all([a.start(), b.start()]);
    await counter.reach(24);
    expect(fetchCounts()).toEqual(Array(24).fill(1));
    expect(new Set(counter.outcomes.map((entry) => entry.poller))).toEqual(new Set(['instance-a', 'instance-b']));

    for (let interval = 2; interval <= 3; interval += 1) {
      clock += INTERVAL_MS;
      await Promise.all([a.wake(), b.wake()]);
      await counter.reach(24 * interval);
      expect(fetchCounts()).toEqual(Array(24).fill(interval));
    }
    expect(await first.stores.feeds.leasesHeld('instance-a', clock)).toBe(0);
    expect(await first.stores.feeds.leasesHeld('instance-b', clock)).toBe(0);
  });

  it('takes over the lease of a dead instance once it expired', async () => {
    clock = Date.UTC(2025, 7, 18, 12);
    const server = await slowFeedServer(['/free.xml', '/dead.xml']);
    const backend = await openTestBackend();
    const [, dead] = await register(backend.stores, server, ['/free.xml', '/dead.xml']);
    const counter = outcomeCounter();
    const survivor = poller('survivor', backend.stores, counter);
    await survivor.start();
    await counter.reach(2);

    // Next interval: another instance claimed one feed, then died (its lease is planted after this poller started).
    clock += INTERVAL_MS;
    await execute(backend, `UPDATE feeds SET lease_owner = 'crashed', lease_expires_at = ? WHERE id = ?`, clock + 60_000, dead?.id);
    await survivor.wake();
    await counter.reach(3);
    expect(server.requests.map((request) => request.path).slice(2)).toEqual(['/free.xml']);

    clock += 60_000;
    await survivor.wake();
    await counter.reach(4);
    expect(server.requests.map((request) => request.path).slice(2)).toEqual(['/free.xml', '/dead.xml']);
    expect(await queryValue(backend, `SELECT lease_owner FROM feeds WHERE id = ?`, dead?.id)).toBeNull();
  });

  it('does not fetch a feed another instance holds the lease of, even when told to poll everything', async () => {
    clock = Date.UTC(2025, 7, 18, 12);
    const server = await slowFeedServer(['/free.xml', '/held.xml']);
    const backend = await openTestBackend();
    const [, held] = await register(backend.stores, server, ['/free.xml', '/held.xml']);
    await execute(backend, `UPDATE feeds SET lease_owner = 'elsewhere', lease_expires_at = ? WHERE id = ?`, clock + 60_000, held?.id);
    const outcomes = await poller('cli', backend.stores, outcomeCounter()).pollAllOnce();
    expect(outcomes.map((outcome) => outcome.feed.url)).toEqual([server.url('/free.xml')]);
    expect(server.requests.map((request) => request.path)).toEqual(['/free.xml']);
    expect(await backend.stores.feeds.leasesHeld('elsewhere', clock)).toBe(1);
  });

  it('frees the leases its own previous run left when it starts', async () => {
    clock = Date.UTC(2025, 7, 18, 12);
    const server = await slowFeedServer(['/feed.xml']);
    const backend = await openTestBackend();
    const [feed] = await register(backend.stores, server, ['/feed.xml']);
    await execute(backend, `UPDATE feeds SET lease_owner = 'restarted', lease_expires_at = ? WHERE id = ?`, clock + 60_000, feed?.id);
    const counter = outcomeCounter();
    await poller('restarted', backend.stores, counter).start();
    await counter.reach(1);
    expect(server.requests.map((request) => request.path)).toEqual(['/feed.xml']);
  });

  it('keeps per-host politeness across instances: at most two fetches at once per host, whoever runs them', async () => {
    clock = Date.UTC(2025, 7, 18, 12);
    const onePaths = paths('one', 8);
    const twoPaths = paths('two', 8);
    const hostOne = await slowFeedServer(onePaths);
    const hostTwo = await slowFeedServer(twoPaths);
    const [first, second] = await openSharedTestBackends(2);
    if (!first || !second) throw new Error('two backends were asked for');
    await register(first.stores, hostOne, onePaths);
    await register(first.stores, hostTwo, twoPaths);
    const counter = outcomeCounter();
    const limits = { maxConcurrentFetches: 8, maxConcurrentPerHost: 2 };
    const a = poller('instance-a', first.stores, counter, limits);
    const b = poller('instance-b', second.stores, counter, limits);

    await Promise.all([a.start(), b.start()]);
    await counter.reach(16);
    expect(hostOne.mostAtOnce()).toBe(2);
    expect(hostTwo.mostAtOnce()).toBe(2);
    expect(hostOne.requests).toHaveLength(8);
    expect(hostTwo.requests).toHaveLength(8);
  });

  it('does not let a crowd of one host\'s due feeds hold up the other hosts', async () => {
    clock = Date.UTC(2025, 7, 18, 12);
    const arrivals: string[] = [];
    const crowdPaths = paths('crowd', 80);
    const crowd = await slowFeedServer(crowdPaths, arrivals, 'crowd');
    const others = await Promise.all([1, 2, 3].map(() => slowFeedServer(paths('other', 2), arrivals, 'other')));
    const backend = await openTestBackend();
    await register(backend.stores, crowd, crowdPaths);
    for (const other of others) await register(backend.stores, other, paths('other', 2));
    const counter = outcomeCounter();
    await poller('alone', backend.stores, counter, { maxConcurrentFetches: 8, maxConcurrentPerHost: 2 }).start();
    await counter.reach(86);
    // The first claim sees only the crowd's feeds (registered first, due first); the claim right after it looks past
    // them: the other hosts' six feeds are fetched among the first few, not after the crowd's backlog.
    expect(arrivals.lastIndexOf('other')).toBeLessThan(16);
    expect(crowd.mostAtOnce()).toBe(2);
  });

  it('holds a lease only while fetching: leasesHeld counts the fetches in flight', async () => {
    clock = Date.UTC(2025, 7, 18, 12);
    const server = await startFeedServer();
    servers.push(server);
    const held: ServerResponse[] = [];
    let arrived: () => void = () => undefined;
    const bothArrived = new Promise<void>((resolve) => (arrived = resolve));
    server.route('/held.xml', (_request, response) => {
      held.push(response);
      if (held.length === 2) arrived();
    });
    server.route('/other.xml', (_request, response) => {
      held.push(response);
      if (held.length === 2) arrived();
    });
    const backend = await openTestBackend();
    await register(backend.stores, server, ['/held.xml', '/other.xml']);
    const counter = outcomeCounter();
    await poller('fetcher', backend.stores, counter).start();
    await bothArrived;
    expect(await backend.stores.feeds.leasesHeld('fetcher', clock)).toBe(2);
    for (const response of held) response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Feed', []));
    await counter.reach(2);
    expect(await backend.stores.feeds.leasesHeld('fetcher', clock)).toBe(0);
  });
});

import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../../src/app.js';
import { parseEnv } from '../../../src/config/env.js';
import { Poller } from '../../../src/ingest/poll/poller.js';
import { createLogger } from '../../../src/logging.js';
import { makeConfigDir, writeFeedsFile } from '../../support/config-dir.js';
import { rssFeed, startFeedServer, type FeedServer } from '../../support/feed-server.js';

const HOUR = 3_600_000;
let server: FeedServer;
let configDir: string;
let dbPath: string;
let clock: number;
let printed: string[];
const apps: App[] = [];

function writeFeeds(paths: string[], polling: Record<string, unknown> = {}): void {
  writeFeedsFile(configDir, paths.map((path, index) => ({ url: server.url(path), outlet: `Outlet ${index + 1}` })), polling);
}

async function openApp(): Promise<App> {
  const env = parseEnv({ WIREWATCH_DB: dbPath, WIREWATCH_CONFIG: configDir, WIREWATCH_ALLOW_PRIVATE_NETWORKS: '1', LOG_LEVEL: 'silent' });
  const app = await createApp({ env, logger: createLogger({ level: 'silent', pretty: false }), print: (line) => printed.push(line), now: () => clock, random: () => 0.5 });
  apps.push(app);
  return app;
}

function serveXml(path: string, body: string, headers: Record<string, string> = {}): void {
  server.route(path, (_request, response) => response.writeHead(200, { 'content-type': 'application/rss+xml', ...headers }).end(body));
}

/** Each story is about a tracked topic, so headless mode prints it as an alert. */
const story = (n: number) => ({ title: `Story ${n}: Russia seized Crimea in 2014, Ukraine says`, guid: `story-${n}`, link: `https://example.org/${n}` });

beforeEach(async () => {
  server = await startFeedServer();
  configDir = makeConfigDir();
  dbPath = join(configDir, 'wirewatch.db');
  clock = Date.UTC(2025, 7, 18, 12);
  printed = [];
});

afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop().catch(() => undefined);
  await server.close();
});

describe('polling feeds into the store', () => {
  it('seeds silently on the first poll, alerts only new items later, and never twice across a restart', async () => {
    writeFeeds(['/feed.xml']);
    serveXml('/feed.xml', rssFeed('Feed', [story(1), story(2)]));
    const first = await openApp();
    const [seeded] = await first.poller.pollAllOnce();
    expect(seeded).toMatchObject({ kind: 'stored', initialPoll: true, newItemIds: [expect.any(Number), expect.any(Number)] });
    expect(printed).toEqual([]);

    serveXml('/feed.xml', rssFeed('Feed', [story(3), story(1), story(2)]));
    await first.poller.pollAllOnce();
    expect(printed).toEqual(['[Outlet 1] Story 3: Russia seized Crimea in 2014, Ukraine says — https://example.org/3 [topics: crimea]']);
    await first.stop();

    const restarted = await openApp();
    await restarted.start();
    await restarted.poller.pollAllOnce();
    expect(printed).toHaveLength(1);
    expect(await restarted.items.countForFeed(1)).toBe(3);
  });

  it('sends the validators back exactly and treats 304 as a cheap success', async () => {
    writeFeeds(['/feed.xml']);
    const etag = 'W/"abc-123"';
    const lastModified = 'Mon, 18 Aug 2025 10:00:00 GMT';
    server.route('/feed.xml', (request, response) => {
      if (request.headers['if-none-match'] === etag) return void response.writeHead(304).end();
      response.writeHead(200, { 'content-type': 'application/rss+xml', etag, 'last-modified': lastModified }).end(rssFeed('Feed', [story(1)]));
    });
    const app = await openApp();
    await app.poller.pollAllOnce();
    const [second] = await app.poller.pollAllOnce();
    expect(second?.kind).toBe('not-modified');
    expect(server.requests[1]?.headers).toMatchObject({ 'if-none-match': etag, 'if-modified-since': lastModified });
    expect(server.requests[0]?.headers['user-agent']).toMatch(/^wirewatch\/\S+ \(\+https:\/\/example\.org\/bot\)$/);
    expect(await app.feeds.byId(1)).toMatchObject({ consecutiveFailures: 0, lastSuccessAt: clock });
  });

  it('follows a permanent redirect and polls the new URL from then on', async () => {
    writeFeeds(['/old.xml']);
    server.route('/old.xml', (_request, response) => response.writeHead(301, { location: '/new.xml' }).end());
    serveXml('/new.xml', rssFeed('Feed', [story(1)]));
    const app = await openApp();
    await app.poller.pollAllOnce();
    expect((await app.feeds.byId(1))?.url).toBe(server.url('/new.xml'));
    await app.poller.pollAllOnce();
    expect(server.requests.map((request) => request.path)).toEqual(['/old.xml', '/new.xml', '/new.xml']);
  });

  it('records errors on the feed without stopping the other feeds, and honours Retry-After', async () => {
    writeFeeds(['/missing.xml', '/broken.xml', '/busy.xml', '/html', '/fine.xml']);
    server.route('/broken.xml', (_request, response) => response.writeHead(500).end('oops'));
    server.route('/busy.xml', (_request, response) => response.writeHead(429, { 'retry-after': '7200' }).end());
    server.route('/html', (_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><html><body><h1>We moved!</h1></body></html>'));
    serveXml('/fine.xml', rssFeed('Feed', [story(1)]));
    const app = await openApp();
    const outcomes = await app.poller.pollAllOnce();
    const byOutlet = new Map(outcomes.map((outcome) => [outcome.feed.outlet, outcome]));
    expect(byOutlet.get('Outlet 1')).toMatchObject({ kind: 'failed', message: expect.stringMatching(/404/) });
    expect(byOutlet.get('Outlet 2')).toMatchObject({ kind: 'failed', message: expect.stringMatching(/500/) });
    expect(byOutlet.get('Outlet 3')).toMatchObject({ kind: 'failed', message: expect.stringMatching(/429/) });
    expect(byOutlet.get('Outlet 4')).toMatchObject({ kind: 'failed', code: 'not-a-feed' });
    expect(byOutlet.get('Outlet 5')).toMatchObject({ kind: 'stored' });
    const busy = await app.feeds.byId(3);
    expect(busy?.nextPollAt).toBeGreaterThanOrEqual(clock + 2 * HOUR);
    expect(await app.feeds.byId(2)).toMatchObject({ consecutiveFailures: 1, lastErrorAt: clock });
  });

  it('backs off on repeated failures and disables the feed after the configured number, telling listeners once', async () => {
    writeFeeds(['/down.xml'], { disableAfterFailures: 3 });
    server.route('/down.xml', (_request, response) => response.writeHead(503).end());
    const app = await openApp();
    const disabled: string[] = [];
    const poller = new Poller(
      { instanceId: 'backoff-test', feeds: app.feeds, items: app.items, fetchSettings: { userAgent: 'test', allowPrivateNetworks: true }, disableAfterFailures: 3, maxFullTextFetches: 0, now: () => clock, random: () => 0.5 },
      { maxConcurrentFetches: 2, maxConcurrentPerHost: 2, onOutcome: () => undefined, onFeedDisabled: (feed, reason) => void disabled.push(`${feed.id}: ${reason}`), onError: (error) => { throw error; } },
    );
    const waits: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await poller.pollAllOnce();
      waits.push(((await app.feeds.byId(1))?.nextPollAt ?? 0) - clock);
    }
    expect(waits[1]).toBe(2 * (waits[0] ?? 0));
    expect(waits[2]).toBe(4 * (waits[0] ?? 0));
    expect(await app.feeds.byId(1)).toMatchObject({ consecutiveFailures: 3, disabledReason: expect.stringMatching(/503/) });
    expect(disabled).toEqual([expect.stringMatching(/^1: .*503/)]);
    expect(await poller.pollAllOnce()).toEqual([]);
  });

  it('processes items stored before a crash when the app starts again', async () => {
    writeFeeds(['/feed.xml']);
    serveXml('/feed.xml', rssFeed('Feed', [story(1)]));
    const first = await openApp();
    await first.poller.pollAllOnce();
    await first.items.insertNew(1, [{ identity: 'guid:late', guid: 'late', link: null, title: 'Kyiv will not cede Crimea, Zelensky tells Russia', author: null, summary: '', content: '', published: null }], clock, false);
    await first.stop();

    await (await openApp()).start();
    expect(printed).toEqual(['[Outlet 1] Kyiv will not cede Crimea, Zelensky tells Russia [topics: crimea, territory-and-referendum]']);
  });
});

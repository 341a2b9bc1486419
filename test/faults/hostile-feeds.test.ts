import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { parseEnv } from '../../src/config/env.js';
import { createLogger } from '../../src/logging.js';
import { renderStoryAlert } from '../../src/discord/render/alert.js';
import type { StoredFeed } from '../../src/store/feeds.js';
import { makeConfigDir } from '../support/config-dir.js';
import { rssFeed } from '../support/feed-server.js';
import { endlessBody, gzipBomb, startHostileServer, tricklingBody, type HostileServer } from '../support/hostile-server.js';
import { queryRows } from '../support/stores.js';

/**
 * Hostile publishers at the app level: each one is polled in the same cycle as a healthy feed. The hostile feed must
 * cost bounded time and memory and end with a clear error on its health (or, for odd-but-valid feeds, a sane store),
 * and the healthy feed must store its items as if nothing happened.
 */
const MB = 1024 * 1024;
const TIMEOUT_SECONDS = 2;
let server: HostileServer;
const apps: App[] = [];

const healthyItems = [
  { title: 'Zelensky and European leaders to meet Trump at the White House', guid: 'h-1', link: 'https://news.example/white-house-meeting' },
  { title: 'Kremlin says Putin open to meeting Zelensky only after "preparations"', guid: 'h-2', link: 'https://news.example/kremlin-preparations' },
  { title: 'Coalition of the willing discusses security guarantees for Ukraine', guid: 'h-3', link: 'https://news.example/coalition-guarantees' },
];

beforeAll(async () => {
  server = await startHostileServer();
  server.route('/healthy.xml', (_request, response) =>
    response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(rssFeed('Healthy Wire', healthyItems)),
  );
});

afterEach(async () => {
  for (const app of apps.splice(0)) await app.stop().catch(() => undefined);
});

afterAll(async () => {
  await server.close();
});

interface PollResult {
  app: App;
  hostile: StoredFeed;
  healthy: StoredFeed;
  elapsedMs: number;
  heapGrowthBytes: number;
}

/** Polls the hostile path and the healthy feed once, in one cycle of the real app. */
async function pollWithHealthyNeighbour(hostilePath: string): Promise<PollResult> {
  const configDir = makeConfigDir(
    [
      { url: server.url(hostilePath), outlet: 'Hostile Outlet' },
      { url: server.url('/healthy.xml'), outlet: 'Healthy Wire' },
    ],
    { timeoutSeconds: TIMEOUT_SECONDS },
  );
  const env = parseEnv({
    WIREWATCH_DB: join(configDir, 'wirewatch.db'),
    WIREWATCH_CONFIG: configDir,
    WIREWATCH_ALLOW_PRIVATE_NETWORKS: '1',
    LOG_LEVEL: 'silent',
  });
  const app = await createApp({ env, logger: createLogger({ level: 'silent', pretty: false }), print: () => undefined, random: () => 0.5 });
  apps.push(app);
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  await app.poller.pollAllOnce();
  const elapsedMs = performance.now() - started;
  const heapGrowthBytes = process.memoryUsage().heapUsed - heapBefore;
  const byUrl = async (url: string) => (await app.feeds.all()).find((feed) => feed.sourceUrl === url) as StoredFeed;
  return { app, hostile: await byUrl(server.url(hostilePath)), healthy: await byUrl(server.url('/healthy.xml')), elapsedMs, heapGrowthBytes };
}

async function titlesOf(app: App, feed: StoredFeed): Promise<string[]> {
  return (await queryRows<{ title: string }>(app.store, 'SELECT title FROM items WHERE feed_id = ? ORDER BY id', feed.id)).map((row) => row.title);
}

async function expectHealthyNeighbourUnaffected(result: PollResult): Promise<void> {
  expect(result.healthy).toMatchObject({ lastErrorCode: null, lastError: null, consecutiveFailures: 0, seeded: true });
  expect(await titlesOf(result.app, result.healthy)).toEqual(healthyItems.map((item) => item.title));
}

async function expectFailure(result: PollResult, code: string, messagePart: RegExp): Promise<void> {
  expect(result.hostile.lastErrorCode).toBe(code);
  expect(result.hostile.lastError).toMatch(messagePart);
  expect(result.hostile.consecutiveFailures).toBe(1);
  expect(await titlesOf(result.app, result.hostile)).toEqual([]);
}

describe('hostile feeds polled beside a healthy one', () => {
  it('stops a gzip bomb at the byte cap', async () => {
    const bomb = gzipBomb(64 * MB);
    server.route('/bomb.xml', (_request, response) =>
      response.writeHead(200, { 'content-type': 'application/rss+xml', 'content-encoding': 'gzip' }).end(bomb),
    );
    const result = await pollWithHealthyNeighbour('/bomb.xml');
    await expectFailure(result, 'too-large', /over the limit|limit of/);
    expect(result.elapsedMs).toBeLessThan(TIMEOUT_SECONDS * 1000);
    expect(result.heapGrowthBytes).toBeLessThan(48 * MB);
    await expectHealthyNeighbourUnaffected(result);
  });

  it('stops reading a 50 MB body without a Content-Length at the cap', async () => {
    const sent = { bytes: 0 };
    server.route('/huge.xml', endlessBody(50 * MB, sent));
    const result = await pollWithHealthyNeighbour('/huge.xml');
    await expectFailure(result, 'too-large', /limit/);
    // The client hangs up at the 10 MB cap; the kernel buffers a little more, never the whole 50 MB.
    expect(sent.bytes).toBeLessThan(20 * MB);
    expect(result.heapGrowthBytes).toBeLessThan(48 * MB);
    expect(result.elapsedMs).toBeLessThan(TIMEOUT_SECONDS * 1000 + 500);
    await expectHealthyNeighbourUnaffected(result);
  });

  it('gives up on a server that sends one byte a second at the total timeout', async () => {
    server.route('/trickle.xml', tricklingBody);
    const result = await pollWithHealthyNeighbour('/trickle.xml');
    await expectFailure(result, 'timeout', new RegExp(`within ${TIMEOUT_SECONDS * 1000} ms`));
    expect(result.elapsedMs).toBeGreaterThanOrEqual(TIMEOUT_SECONDS * 1000 - 50);
    expect(result.elapsedMs).toBeLessThan(TIMEOUT_SECONDS * 1000 + 1000);
    await expectHealthyNeighbourUnaffected(result);
  });

  it('stops an endless redirect loop', async () => {
    let hops = 0;
    server.route('/loop.xml', (_request, response) => {
      hops += 1;
      response.writeHead(302, { location: `/loop.xml?hop=${hops}` }).end();
    });
    for (let hop = 1; hop <= 50; hop++) {
      server.route(`/loop.xml?hop=${hop}`, (_request, response) => {
        hops += 1;
        response.writeHead(302, { location: '/loop.xml' }).end();
      });
    }
    const result = await pollWithHealthyNeighbour('/loop.xml');
    await expectFailure(result, 'too-many-redirects', /more than 5 redirects/);
    expect(hops).toBe(6);
    await expectHealthyNeighbourUnaffected(result);
  });

  it('does not expand entities in a billion-laughs document', async () => {
    const laughs = ['<!ENTITY lol "lol">'];
    for (let level = 1; level <= 9; level++) {
      const previous = level === 1 ? 'lol' : `lol${level - 1}`;
      laughs.push(`<!ENTITY lol${level} "${`&${previous};`.repeat(10)}">`);
    }
    const document =
      `<?xml version="1.0"?><!DOCTYPE rss [${laughs.join('')}]>` +
      '<rss version="2.0"><channel><title>Laughs</title><link>https://laughs.example/</link>' +
      '<item><title>Talks resume &lol9;</title><guid>laugh-1</guid><link>https://laughs.example/1</link><description>&lol9;</description></item>' +
      '</channel></rss>';
    server.route('/laughs.xml', (_request, response) => response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(document));
    const result = await pollWithHealthyNeighbour('/laughs.xml');
    expect(result.elapsedMs).toBeLessThan(2000);
    expect(result.heapGrowthBytes).toBeLessThan(48 * MB);
    const stored = await queryRows(result.app.store, 'SELECT title, summary, content FROM items WHERE feed_id = ?', result.hostile.id) as {
      title: string;
      summary: string;
      content: string;
    }[];
    // Either refused with a clear error, or stored with the nested entities left unexpanded: never 3 GB of "lol".
    if (result.hostile.lastErrorCode !== null) expect(result.hostile.lastError).toBeTruthy();
    for (const item of stored) {
      expect(item.title.length + item.summary.length + item.content.length).toBeLessThan(1000);
      expect(item.title).not.toContain('lollol');
    }
    await expectHealthyNeighbourUnaffected(result);
  });

  it('stores a feed whose every item has the same guid once per distinct story, and again stores nothing', async () => {
    const items = Array.from({ length: 40 }, (_, index) => ({
      title: `Ukraine talks update ${index + 1}: negotiators meet in Istanbul`,
      guid: 'https://cms.example/feed-item',
      link: `https://sameguid.example/story-${index + 1}`,
    }));
    server.route('/same-guid.xml', (_request, response) => response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Same guid', items)));
    const result = await pollWithHealthyNeighbour('/same-guid.xml');
    expect(result.hostile).toMatchObject({ lastErrorCode: null, consecutiveFailures: 0 });
    expect(await titlesOf(result.app, result.hostile)).toEqual(items.map((item) => item.title));
    const [again] = (await result.app.poller.pollAllOnce()).filter((outcome) => outcome.feed.id === result.hostile.id);
    expect(again).toMatchObject({ kind: 'stored', newItemIds: [] });
    await expectHealthyNeighbourUnaffected(result);
  });

  it('takes 10,000 items in one feed in bounded time, and polls them again without duplicates', async () => {
    const items = Array.from({ length: 10_000 }, (_, index) => ({
      title: `Regional bulletin ${index + 1}: local council notes`,
      guid: `bulletin-${index + 1}`,
      link: `https://bulk.example/bulletin/${index + 1}`,
      description: 'Routine notes from the regional council meeting.',
    }));
    const document = rssFeed('Bulk', items);
    server.route('/bulk.xml', (_request, response) => response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(document));
    const result = await pollWithHealthyNeighbour('/bulk.xml');
    expect(result.hostile).toMatchObject({ lastErrorCode: null, consecutiveFailures: 0 });
    expect(await result.app.items.countForFeed(result.hostile.id)).toBe(10_000);
    // Linear, not quadratic: on a shared 2-core machine the poll (parse, store, analysis of every item) takes ~15 s.
    expect(result.elapsedMs).toBeLessThan(40_000);
    expect(result.heapGrowthBytes).toBeLessThan(256 * MB);
    const [again] = (await result.app.poller.pollAllOnce()).filter((outcome) => outcome.feed.id === result.hostile.id);
    expect(again).toMatchObject({ kind: 'stored', newItemIds: [] });
    expect(await result.app.items.countForFeed(result.hostile.id)).toBe(10_000);
    await expectHealthyNeighbourUnaffected(result);
  });

  it('stores titles of 10,000 characters without breaking the poll', async () => {
    const longTitle = `Peace talks: ${'negotiators continue to discuss the draft framework '.repeat(200)}`.slice(0, 10_000);
    server.route('/long.xml', (_request, response) =>
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Long', [{ title: longTitle, guid: 'long-1', link: 'https://long.example/1' }])),
    );
    const result = await pollWithHealthyNeighbour('/long.xml');
    expect(result.hostile).toMatchObject({ lastErrorCode: null, consecutiveFailures: 0 });
    const [title] = await titlesOf(result.app, result.hostile);
    expect(title?.startsWith('Peace talks: negotiators')).toBe(true);
    expect(title?.length).toBeLessThanOrEqual(10_000);
    await expectHealthyNeighbourUnaffected(result);
  });

  it('cleans control characters and invalid UTF-8 out of stored text', async () => {
    const head = Buffer.from('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Broken bytes</title><link>https://bytes.example/</link><item><title>Envoys meet ');
    const controls = Buffer.from([0x01, 0x07, 0x1b, 0x7f, 0x08]);
    const invalidUtf8 = Buffer.from([0xc3, 0x28, 0xff, 0xfe, 0xe2, 0x82]);
    const tail = Buffer.from(' in Geneva</title><guid>bytes-1</guid><link>https://bytes.example/1</link><description>Talks \u0000continue\u000b today.</description></item></channel></rss>');
    const body = Buffer.concat([head, controls, invalidUtf8, tail]);
    server.route('/bytes.xml', (_request, response) => response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(body));
    const result = await pollWithHealthyNeighbour('/bytes.xml');
    expect(result.hostile).toMatchObject({ lastErrorCode: null, consecutiveFailures: 0 });
    const stored = await queryRows(result.app.store, 'SELECT title, summary FROM items WHERE feed_id = ?', result.hostile.id) as { title: string; summary: string }[];
    expect(stored).toHaveLength(1);
    const [item] = stored;
    expect(item?.title).toMatch(/^Envoys meet .*in Geneva$/u);
    expect(item?.summary).toMatch(/Talks .*continue.* today\./u);
    for (const text of [item?.title ?? '', item?.summary ?? '']) {
      // Stored: none of the controls XML forbids, and valid UTF-16 (no lone surrogates).
      expect(text).not.toMatch(/(?![\t\n\r\u007f-\u009f])\p{Cc}/u);
      expect(text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u);
    }
    // Shown on Discord: no control character at all (DEL and C1 included).
    const alert = renderStoryAlert({
      storyId: 'story-1',
      headline: item?.title ?? '',
      link: 'https://bytes.example/1',
      outlet: 'Broken bytes',
      time: '2025-08-18T12:00:00Z',
      summary: item?.summary ?? '',
      keyQuote: null,
      topics: [],
      alsoReportedBy: [],
    });
    expect(JSON.stringify(alert.embeds)).not.toMatch(/\\u00[01][0-9a-f]|\\u007f|[\u007f-\u009f]/u);
    await expectHealthyNeighbourUnaffected(result);
  });
});

import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleSummarizer, coreBackends, feedValidator } from '../../../src/discord/context.js';
import { testContext } from './fakes.js';
import { openTestStores } from '../../support/stores.js';

const ARTICLE = readFileSync(new URL('../../fixtures/ingest/article-peace-talks.html', import.meta.url));
const FEED = readFileSync(new URL('../../fixtures/ingest/atom-analysis.xml', import.meta.url));
let publisher: Server;
let base = '';

beforeAll(async () => {
  publisher = createServer((request, response) => {
    if (request.url === '/2025/06/02/prisoner-swap') response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ARTICLE);
    else if (request.url === '/analysis.atom') response.writeHead(200, { 'content-type': 'application/atom+xml' }).end(FEED);
    else response.writeHead(404, { 'content-type': 'text/html' }).end('<html><body><h1>Page not found</h1></body></html>');
  });
  await new Promise<void>((resolve) => publisher.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(publisher.address() as AddressInfo).port}`;
});

afterAll(async () => {
  publisher.closeAllConnections();
  await new Promise<void>((resolve) => publisher.close(() => resolve()));
});

const settings = (allowPrivateNetworks: boolean) => ({ userAgent: 'wirewatch-test/1.0', totalTimeoutMs: 5_000, allowPrivateNetworks });

describe('summarizeUrl', () => {
  it('fetches, extracts and summarises an article', async () => {
    const outcome = await articleSummarizer(settings(true))(`${base}/2025/06/02/prisoner-swap`);
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.value.title).toContain('prisoner swap');
    expect(outcome.value.sentences.length).toBeGreaterThan(0);
    expect(outcome.value.sentences.join(' ')).not.toMatch(/cookies/iu);
  });

  it('explains pages it cannot use and addresses it must not fetch', async () => {
    const missing = await articleSummarizer(settings(true))(`${base}/gone`);
    expect(missing).toMatchObject({ ok: false, reason: expect.stringContaining('could not fetch') });
    const refused = await articleSummarizer(settings(false))(`${base}/2025/06/02/prisoner-swap`);
    expect(refused).toMatchObject({ ok: false, reason: expect.stringContaining('private or local network address') });
  });
});

describe('validateFeed', () => {
  it('accepts a feed and refuses a web page', async () => {
    const validate = feedValidator(settings(true));
    expect(await validate(`${base}/analysis.atom`)).toMatchObject({ ok: true, value: { itemCount: expect.any(Number) } });
    expect(await validate(`${base}/2025/06/02/prisoner-swap`)).toMatchObject({ ok: false, reason: expect.stringContaining('is not an RSS, Atom or JSON feed') });
  });
});

describe('whoSaid and quotes from the store', () => {
  it('finds a stored quote by a fragment, and lists a person’s quotes', async () => {
    const stores = await openTestStores();
    const test = await testContext({}, stores);
    const feed = await test.feeds.register({ url: 'https://kyivindependent.com/feed/', outlet: 'Kyiv Independent', fullText: false, intervalSeconds: 300, origin: 'config' }, 1);
    const [itemId = 0] = await test.items.insertNew(feed.id, [
      { identity: 'w', guid: 'w', link: 'https://kyivindependent.com/witkoff/', title: 'Witkoff on security guarantees', author: null, summary: '', content: '', published: null },
    ], 1_000, false);
    await stores.quotes.saveForItem(itemId, 1_000, [
      {
        quote: 'We got to an agreement that the United States could offer Article 5-like protection',
        speaker: 'Steve Witkoff', speakerId: 'steve-witkoff', speakerType: 'person', speakerLabel: null, cue: 'told', to: 'CNN',
        kind: 'full', start: 0, end: 10, confidence: 0.9,
      },
    ]);
    const backends = coreBackends({ quotes: stores.quotes, quoteSearch: stores.quoteSearch, fetchSettings: settings(false) });
    const found = await backends.whoSaid('1400000000000000001', 'article 5 like protection');
    expect(found.best).toMatchObject({ speaker: 'Steve Witkoff', to: 'CNN', firstSource: { outlet: 'Kyiv Independent' } });
    expect(await backends.quotes({ guildId: '1400000000000000001', personId: 'steve-witkoff', since: 0, limit: 5 })).toHaveLength(1);
    expect(await backends.quotes({ guildId: '1400000000000000001', personId: 'vladimir-putin', since: 0, limit: 5 })).toEqual([]);
  });
});

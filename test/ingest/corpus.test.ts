import { readdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { decodeFeedBytes } from '../../src/ingest/decode/index.js';
import { fetchUrl } from '../../src/ingest/fetch/index.js';
import { htmlToInlineText, parseFeed, type ParseResult } from '../../src/ingest/parse/index.js';
import { describeWithShared, sharedPath } from '../support/shared-material.js';
import { feedparserExpectations, feedRsExpectations, type TitleExpectations } from './corpus-expectations.js';

const CORPUS = sharedPath('corpus/feeds');
const CONCURRENCY = 8;

interface CorpusFile {
  path: string;
  bytes: Buffer;
  contentType: string;
}

async function listFeedDocuments(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return listFeedDocuments(path);
      if (/^LICENSE|^SOURCE\.md$|\.serde\.json$/.test(entry.name)) return [];
      return [path];
    }),
  );
  return nested.flat();
}

function declaredContentType(bytes: Buffer): string {
  const header = /^Header:\s*Content-type:\s*(.+?)\s*$/im.exec(bytes.toString('latin1'));
  return header?.[1] ?? 'application/xml';
}

/** feedparser returns HTML-typed titles as (sanitised) markup where we return plain text. */
function titleMatches(actual: string | undefined, expected: string): boolean {
  if (actual === undefined) return false;
  const ours = actual.trim();
  return ours === expected.trim() || ours === htmlToInlineText(expected).trim();
}

function meetsExpectations(result: ParseResult, expectations: TitleExpectations): boolean {
  if (!result.ok) return false;
  const actual = { feed: result.feed.title, entry: result.items[0]?.title };
  return [...expectations].every(([target, accepted]) => accepted.some((value) => titleMatches(actual[target], value)));
}

describeWithShared('feed corpus over loopback HTTP', () => {
  let server: Server;
  let base: string;
  let files: CorpusFile[];

  beforeAll(async () => {
    const paths = (await listFeedDocuments(CORPUS)).sort();
    files = await Promise.all(
      paths.map(async (path) => {
        const bytes = await readFile(path);
        return { path, bytes, contentType: declaredContentType(bytes) };
      }),
    );
    server = createServer((req, res) => {
      const file = files[Number(req.url?.slice(1))];
      if (!file) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': file.contentType }).end(file.bytes);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  });

  it('fetches, decodes and parses every document without throwing or leaking objects, and gets the titles right', async () => {
    expect(files.length).toBeGreaterThan(600);
    const outcomes: Array<{ file: CorpusFile; result: ParseResult }> = [];
    let next = 0;
    const worker = async () => {
      while (next < files.length) {
        const index = next++;
        const file = files[index] as CorpusFile;
        const fetched = await fetchUrl(`${base}/${index}`, { userAgent: 'wirewatch-corpus-test', allowPrivateNetworks: true });
        if (fetched.kind !== 'ok') throw new Error(`${file.path}: fetch failed: ${fetched.kind}`);
        const result = parseFeed(decodeFeedBytes(fetched.body, fetched.contentType), { baseUrl: fetched.url });
        outcomes.push({ file, result });
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    const leaks = outcomes.filter(({ result }) => JSON.stringify(result).includes('[object Object]'));
    expect(leaks.map(({ file }) => relative(CORPUS, file.path))).toEqual([]);

    let scored = 0;
    const right: string[] = [];
    const wrong: string[] = [];
    for (const { file, result } of outcomes) {
      const expectations = file.path.includes('/feed-rs/')
        ? await feedRsExpectations(file.path.replace(/\.(xml|json)$/, '.serde.json'))
        : feedparserExpectations(file.bytes.toString('utf8'));
      if (expectations.size === 0) continue;
      scored++;
      const name = relative(CORPUS, file.path);
      if (meetsExpectations(result, expectations)) right.push(name);
      else wrong.push(`${name}: got ${JSON.stringify(result.ok ? [result.feed.title, result.items[0]?.title] : result.error)} want ${JSON.stringify([...expectations])}`);
    }
    console.log(`corpus titles: ${right.length} of ${scored} right`);
    if (process.env.WIREWATCH_CORPUS_VERBOSE) console.log(wrong.join('\n'));
    expect(scored).toBeGreaterThan(200);
    expect(right.length).toBeGreaterThanOrEqual(205);
  });
});

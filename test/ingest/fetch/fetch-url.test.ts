import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchUrl } from '../../../src/ingest/fetch/fetch-url.js';
import type { FetchOptions } from '../../../src/ingest/fetch/types.js';

const FEED = '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title></channel></rss>';
type Handler = (req: IncomingMessage, res: ServerResponse) => void;
const routes = new Map<string, Handler>();
const seenHeaders = new Map<string, IncomingMessage['headers']>();
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    seenHeaders.set(path, req.headers);
    const handler = routes.get(path);
    if (handler) handler(req, res);
    else res.writeHead(404, 'Not Found').end('missing');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const local: FetchOptions = { userAgent: 'wirewatch-test/1.0', allowPrivateNetworks: true };

routes.set('/feed', (req, res) => {
  if (req.headers['if-none-match'] === '"v1"') return res.writeHead(304, { etag: '"v1"' }).end();
  res.writeHead(200, {
    'content-type': 'application/rss+xml; charset=utf-8',
    etag: '"v1"',
    'last-modified': 'Fri, 15 Aug 2025 10:00:00 GMT',
    'cache-control': 'public, max-age=900',
  });
  res.end(FEED);
});
routes.set('/only-last-modified', (req, res) => {
  if (req.headers['if-modified-since'] === 'Fri, 15 Aug 2025 10:00:00 GMT') return res.writeHead(304).end();
  res.writeHead(200, { 'last-modified': 'Fri, 15 Aug 2025 10:00:00 GMT' }).end(FEED);
});
routes.set('/gzip', (_req, res) => res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(FEED)));
routes.set('/br', (_req, res) => res.writeHead(200, { 'content-encoding': 'br' }).end(brotliCompressSync(FEED)));
routes.set('/deflate', (_req, res) => res.writeHead(200, { 'content-encoding': 'deflate' }).end(deflateSync(FEED)));
routes.set('/moved-permanently', (_req, res) => res.writeHead(301, { location: '/moved-again' }).end());
routes.set('/moved-again', (_req, res) => res.writeHead(308, { location: '/feed' }).end());
routes.set('/moved-temporarily', (_req, res) => res.writeHead(301, { location: '/found' }).end());
routes.set('/found', (_req, res) => res.writeHead(302, { location: '/feed' }).end());
routes.set('/loop-a', (_req, res) => res.writeHead(302, { location: '/loop-b' }).end());
routes.set('/loop-b', (_req, res) => res.writeHead(302, { location: '/loop-a' }).end());
routes.set('/error', (_req, res) => res.writeHead(500).end('boom'));
routes.set('/busy', (_req, res) => res.writeHead(429, { 'retry-after': '120' }).end());
routes.set('/unavailable', (_req, res) =>
  res.writeHead(503, { 'retry-after': new Date(Date.now() + 60_000).toUTCString() }).end(),
);
routes.set('/trickle', (_req, res) => {
  res.writeHead(200, { 'content-type': 'text/xml' });
  const timer = setInterval(() => res.write('x'), 1000);
  res.on('close', () => clearInterval(timer));
});
routes.set('/big', (_req, res) => res.writeHead(200).end(Buffer.alloc(64 * 1024, 'a')));
routes.set('/big-chunked', (_req, res) => {
  res.writeHead(200);
  for (let i = 0; i < 16; i++) res.write(Buffer.alloc(4096, 'b'));
  res.end();
});
routes.set('/bomb', (_req, res) =>
  res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(50 * 1024 * 1024))),
);
routes.set('/to-metadata', (_req, res) => res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end());
routes.set('/to-ftp', (_req, res) => res.writeHead(302, { location: 'ftp://example.com/feed' }).end());

describe('fetchUrl against a loopback server', () => {
  it('returns the body, validators and max-age on 200, sending our headers', async () => {
    const result = await fetchUrl(`${base}/feed`, local);
    expect(result).toMatchObject({
      kind: 'ok',
      status: 200,
      url: `${base}/feed`,
      permanentRedirect: null,
      contentType: 'application/rss+xml; charset=utf-8',
      etag: '"v1"',
      lastModified: 'Fri, 15 Aug 2025 10:00:00 GMT',
      maxAgeSeconds: 900,
    });
    expect(result.kind === 'ok' && result.body.toString()).toBe(FEED);
    const headers = seenHeaders.get('/feed');
    expect(headers?.['user-agent']).toBe('wirewatch-test/1.0');
    expect(headers?.['accept-encoding']).toContain('br');
  });

  it('sends validators back verbatim and treats 304 as a normal outcome', async () => {
    const result = await fetchUrl(`${base}/feed`, { ...local, etag: '"v1"', lastModified: 'Fri, 15 Aug 2025 10:00:00 GMT' });
    expect(result).toEqual({
      kind: 'not-modified',
      url: `${base}/feed`,
      permanentRedirect: null,
      etag: '"v1"',
      lastModified: 'Fri, 15 Aug 2025 10:00:00 GMT',
      maxAgeSeconds: null,
    });
    expect(seenHeaders.get('/feed')?.['if-modified-since']).toBe('Fri, 15 Aug 2025 10:00:00 GMT');
  });

  it('keeps the validators it sent when a 304 carries none', async () => {
    const result = await fetchUrl(`${base}/only-last-modified`, { ...local, lastModified: 'Fri, 15 Aug 2025 10:00:00 GMT' });
    expect(result).toMatchObject({ kind: 'not-modified', etag: null, lastModified: 'Fri, 15 Aug 2025 10:00:00 GMT' });
  });

  it.each(['/gzip', '/br', '/deflate'])('decodes %s bodies', async (path) => {
    const result = await fetchUrl(`${base}${path}`, local);
    expect(result.kind === 'ok' && result.body.toString()).toBe(FEED);
  });

  it('reports a permanent redirect when every hop is 301/308', async () => {
    const result = await fetchUrl(`${base}/moved-permanently`, local);
    expect(result).toMatchObject({ kind: 'ok', url: `${base}/feed`, permanentRedirect: `${base}/feed` });
  });

  it('does not report a permanent redirect when any hop is temporary', async () => {
    const result = await fetchUrl(`${base}/moved-temporarily`, local);
    expect(result).toMatchObject({ kind: 'ok', url: `${base}/feed`, permanentRedirect: null });
  });

  it('stops a redirect loop', async () => {
    const result = await fetchUrl(`${base}/loop-a`, { ...local, maxRedirects: 3 });
    expect(result).toMatchObject({ kind: 'failed', code: 'too-many-redirects' });
  });

  it.each([
    ['/missing', 404],
    ['/error', 500],
  ])('fails %s with its HTTP status', async (path, status) => {
    const result = await fetchUrl(`${base}${path}`, local);
    expect(result).toMatchObject({ kind: 'failed', code: 'http-status', status, retryAfterSeconds: null });
    expect(result.kind === 'failed' && result.message).toContain(String(status));
  });

  it('parses Retry-After seconds on 429 and dates on 503', async () => {
    expect(await fetchUrl(`${base}/busy`, local)).toMatchObject({ code: 'http-status', status: 429, retryAfterSeconds: 120 });
    const unavailable = await fetchUrl(`${base}/unavailable`, local);
    expect(unavailable.kind === 'failed' && unavailable.retryAfterSeconds).toBeGreaterThanOrEqual(55);
  });

  it('gives up on a body that trickles in past the total timeout', async () => {
    const started = Date.now();
    const result = await fetchUrl(`${base}/trickle`, { ...local, totalTimeoutMs: 1500 });
    expect(result).toMatchObject({ kind: 'failed', code: 'timeout' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('times out a connection whose TLS handshake never completes', async () => {
    const held: Socket[] = [];
    const silent = createTcpServer((socket) => held.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    try {
      const started = Date.now();
      const result = await fetchUrl(`https://127.0.0.1:${port}/feed`, { ...local, connectTimeoutMs: 300, totalTimeoutMs: 20_000 });
      expect(result).toMatchObject({ kind: 'failed', code: 'timeout' });
      expect(result.kind === 'failed' && result.message).toContain('could not connect');
      expect(Date.now() - started).toBeLessThan(5000);
    } finally {
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  it('applies the connect timeout to name resolution', async () => {
    const result = await fetchUrl('http://hangs.example/feed', {
      ...local,
      connectTimeoutMs: 200,
      resolveHost: () => new Promise(() => undefined),
    });
    expect(result).toMatchObject({ kind: 'failed', code: 'timeout' });
  });

  it('refuses bodies over the cap, announced or streamed', async () => {
    expect(await fetchUrl(`${base}/big`, { ...local, maxBytes: 10_000 })).toMatchObject({ code: 'too-large' });
    expect(await fetchUrl(`${base}/big-chunked`, { ...local, maxBytes: 10_000 })).toMatchObject({ code: 'too-large' });
  });

  it('stops a gzip bomb at the cap', async () => {
    const result = await fetchUrl(`${base}/bomb`, { ...local, maxBytes: 1024 * 1024 });
    expect(result).toMatchObject({ kind: 'failed', code: 'too-large' });
  });

  it('cancels when the caller aborts', async () => {
    const controller = new AbortController();
    const pending = fetchUrl(`${base}/trickle`, { ...local, signal: controller.signal });
    controller.abort();
    expect(await pending).toMatchObject({ kind: 'failed', code: 'aborted' });
  });

  it('rejects bad URLs and other protocols', async () => {
    expect(await fetchUrl('not a url', local)).toMatchObject({ code: 'bad-url' });
    expect(await fetchUrl('file:///etc/passwd', local)).toMatchObject({ code: 'unsupported-protocol' });
    expect(await fetchUrl(`${base}/to-ftp`, local)).toMatchObject({ code: 'unsupported-protocol' });
  });
});

describe('SSRF guard', () => {
  const guarded: FetchOptions = { userAgent: 'wirewatch-test/1.0' };

  it('refuses loopback literals unless private networks are allowed', async () => {
    expect(await fetchUrl(`${base}/feed`, guarded)).toMatchObject({ kind: 'failed', code: 'private-address' });
  });

  it('checks every redirect hop: a redirect to the metadata address is refused', async () => {
    // Admit exactly our loopback server, so the first hop connects and the second is judged.
    const onlyOurServer = (address: string) => address === '127.0.0.1';
    const direct = await fetchUrl(`${base}/feed`, { ...guarded, isAllowedAddress: onlyOurServer });
    expect(direct.kind).toBe('ok');
    const result = await fetchUrl(`${base}/to-metadata`, { ...guarded, isAllowedAddress: onlyOurServer });
    expect(result).toMatchObject({
      kind: 'failed',
      code: 'private-address',
      url: 'http://169.254.169.254/latest/meta-data/',
    });
  });

  it('connects to the address it checked, not to a second lookup', async () => {
    let lookups = 0;
    const port = new URL(base).port;
    const result = await fetchUrl(`http://feeds.example:${port}/feed`, {
      ...local,
      resolveHost: async () => (lookups++, [{ address: '127.0.0.1', family: 4 }]),
    });
    expect(result.kind).toBe('ok');
    expect(lookups).toBe(1);
    expect(seenHeaders.get('/feed')?.host).toBe(`feeds.example:${port}`);
  });

  it('refuses a host name that resolves to a private address', async () => {
    const result = await fetchUrl('http://intranet.example/feed', {
      ...guarded,
      resolveHost: async () => [{ address: '10.1.2.3', family: 4 }],
    });
    expect(result).toMatchObject({ kind: 'failed', code: 'private-address', url: 'http://intranet.example/feed' });
    expect(result.kind === 'failed' && result.message).toContain('10.1.2.3');
  });

  it('refuses IPv4-mapped IPv6 and CGNAT answers too', async () => {
    for (const address of ['::ffff:127.0.0.1', '100.64.1.1', 'fd00::5']) {
      const result = await fetchUrl('http://sneaky.example/feed', {
        ...guarded,
        resolveHost: async () => [{ address, family: address.includes(':') ? 6 : 4 }],
      });
      expect(result).toMatchObject({ code: 'private-address' });
    }
  });

  it('reports DNS failures as dns', async () => {
    const result = await fetchUrl('http://nowhere.example/feed', {
      ...guarded,
      resolveHost: async () => {
        throw Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.example'), { code: 'ENOTFOUND' });
      },
    });
    expect(result).toMatchObject({ kind: 'failed', code: 'dns' });
  });
});

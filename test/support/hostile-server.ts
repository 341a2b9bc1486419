import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { closeServer } from './close-server.js';

/** What a hostile route did to the client: how many body bytes it pushed before the client hung up. */
export interface HostileServer {
  origin: string;
  url(path: string): string;
  route(path: string, handler: (request: IncomingMessage, response: ServerResponse) => void): void;
  /** Paths requested, in order. */
  readonly requested: string[];
  close(): Promise<void>;
}

/** A loopback HTTP server (127.0.0.1 by default) for hostile publishers; unknown paths get 404. */
export async function startHostileServer(host = '127.0.0.1'): Promise<HostileServer> {
  const routes = new Map<string, (request: IncomingMessage, response: ServerResponse) => void>();
  const requested: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    requested.push(path);
    const handler = routes.get(path);
    if (handler) handler(request, response);
    else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const origin = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    route: (path, handler) => routes.set(path, handler),
    requested,
    close: () => closeServer(server),
  };
}

/** Streams `totalBytes` of XML-looking filler without a Content-Length, honouring backpressure; counts what was written. */
export function endlessBody(totalBytes: number, sent: { bytes: number }) {
  return (_request: IncomingMessage, response: ServerResponse): void => {
    response.writeHead(200, { 'content-type': 'application/rss+xml' });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let closed = false;
    response.on('close', () => (closed = true));
    const pump = (): void => {
      while (!closed && sent.bytes < totalBytes) {
        sent.bytes += chunk.length;
        if (!response.write(chunk)) return void response.once('drain', pump);
      }
      if (!closed) response.end();
    };
    pump();
  };
}

/** A small gzip body that inflates to `inflatedBytes` of zeros. */
export function gzipBomb(inflatedBytes: number): Buffer {
  return gzipSync(Buffer.alloc(inflatedBytes), { level: 9 });
}

/** Sends the start of a feed, then one byte a second for as long as the client stays. */
export function tricklingBody(_request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'application/rss+xml' });
  response.write('<?xml version="1.0"?><rss version="2.0"><channel>');
  const timer = setInterval(() => response.write(' '), 1000);
  response.on('close', () => clearInterval(timer));
}

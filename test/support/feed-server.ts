import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { closeServer } from './close-server.js';

export type Route = (request: IncomingMessage, response: ServerResponse) => void;

/** A local HTTP server on 127.0.0.1 whose routes a test sets and changes; it records every request. */
export interface FeedServer {
  origin: string;
  url(path: string): string;
  route(path: string, handler: Route): void;
  requests: { path: string; headers: IncomingMessage['headers'] }[];
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Route>();
  const requests: FeedServer['requests'] = [];
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    requests.push({ path, headers: request.headers });
    const handler = routes.get(path);
    if (handler) handler(request, response);
    else response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (path) => `${origin}${path}`,
    route: (path, handler) => routes.set(path, handler),
    requests,
    close: () => closeServer(server),
  };
}

/** An RSS 2.0 document with the given items. */
export function rssFeed(title: string, items: { title: string; guid: string; link?: string; description?: string; pubDate?: string }[]): string {
  const entries = items
    .map(
      (item) => `<item><title>${item.title}</title><guid isPermaLink="false">${item.guid}</guid>` +
        `${item.link ? `<link>${item.link}</link>` : ''}<description>${item.description ?? ''}</description>` +
        `${item.pubDate ? `<pubDate>${item.pubDate}</pubDate>` : ''}</item>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${title}</title><link>https://example.org/</link>${entries}</channel></rss>`;
}

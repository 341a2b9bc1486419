import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { runDigestCommand } from '../../src/cli/commands/digest.js';
import { UsageError, type CliIo } from '../../src/cli/io.js';
import { parseEnv } from '../../src/config/env.js';
import { messageBodySchema } from '../../src/discord/delivery/message-body.js';
import { createLogger } from '../../src/logging.js';
import { makeConfigDir } from '../support/config-dir.js';
import { startFeedServer, type FeedServer } from '../support/feed-server.js';

interface SampleArticle {
  outlet: string;
  title: string;
  body: string[];
}

const article = (file: string) => JSON.parse(readFileSync(join('demo/articles', file), 'utf8')) as SampleArticle;

/** The sample articles as a feed with their full text, published in the last few hours. */
function rssWithContent(articles: SampleArticle[]): string {
  const items = articles.map((entry, index) =>
    `<item><title>${entry.title}</title><guid>sample-${index}</guid><link>https://example.org/${index}</link>` +
    `<pubDate>${new Date(Date.now() - (index + 1) * 3_600_000).toUTCString()}</pubDate>` +
    `<description><![CDATA[${entry.body[0]}]]></description>` +
    `<content:encoded><![CDATA[${entry.body.map((paragraph) => `<p>${paragraph}</p>`).join('')}]]></content:encoded></item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Sample</title>${items.join('')}</channel></rss>`;
}

const PRIVATE_GUILD = '140000000000000001';
const OTHER_GUILD = '140000000000000002';
const KREMLIN = JSON.parse(readFileSync('demo/articles/05-kremlin-response.json', 'utf8')).title as string;

let server: FeedServer;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  server = await startFeedServer();
  server.route('/feed.xml', (_request, response) =>
    response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssWithContent([article('01-white-house-meeting.json'), article('03-kharkiv-strikes.json')])),
  );
  const configDir = makeConfigDir([{ url: server.url('/feed.xml'), outlet: 'Capital Wire' }]);
  env = { WIREWATCH_DB: join(configDir, 'test.db'), WIREWATCH_CONFIG: configDir, WIREWATCH_ALLOW_PRIVATE_NETWORKS: '1', LOG_LEVEL: 'silent' };
  const app = await createApp({ env: parseEnv(env), logger: createLogger({ level: 'silent', pretty: false }), print: () => undefined, now: () => Date.now() });
  await app.poller.pollAllOnce();
  // A server's private feed, added after the first poll: its item is new news, not the feed's seed.
  server.route('/private.xml', (_request, response) => response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssWithContent([])));
  await app.feeds.addForGuild(PRIVATE_GUILD, { url: server.url('/private.xml'), outlet: 'Private Wire', fullText: false, intervalSeconds: 600 }, Date.now());
  await app.poller.pollAllOnce();
  server.route('/private.xml', (_request, response) =>
    response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssWithContent([article('05-kremlin-response.json')])),
  );
  await app.poller.pollAllOnce();
  await app.stop();
});

afterAll(() => server.close());

function capture(): { io: CliIo; out: string[] } {
  const out: string[] = [];
  return { io: { stdout: (text) => void out.push(text), stderr: (text) => void out.push(text), env, cwd: process.cwd() }, out };
}

describe('wirewatch digest', () => {
  it('prints the stored stories of the last day as Markdown, grouped by topic', async () => {
    const { io, out } = capture();
    expect(await runDigestCommand(['--topic', 'russian-strikes', '--topic', 'nato-membership'], io)).toBe(0);
    const text = out.join('');
    expect(text).toMatch(/Russian strikes/i);
    expect(text).toContain('Russian drone and missile strikes on Kharkiv kill four, including a child');
    expect(text).toContain('Trump rules out NATO membership for Ukraine hours before Zelensky meeting');
  });

  it('prints the Discord message payloads with --json, each within Discord’s limits', async () => {
    const { io, out } = capture();
    expect(await runDigestCommand(['--json', '--since', '7d'], io)).toBe(0);
    const payloads = JSON.parse(out.join('')) as unknown[];
    expect(payloads.length).toBeGreaterThan(0);
    for (const payload of payloads) expect(messageBodySchema.safeParse(payload).success).toBe(true);
    expect(JSON.stringify(payloads)).toContain('Kharkiv');
  });

  it('with --guild, shows a server the stories of public feeds and of the feeds it added, and no other server’s', async () => {
    const digest = async (args: string[]) => {
      const { io, out } = capture();
      expect(await runDigestCommand(['--since', '7d', ...args], io)).toBe(0);
      return out.join('');
    };
    const operator = await digest([]);
    const owner = await digest(['--guild', PRIVATE_GUILD]);
    const other = await digest(['--guild', OTHER_GUILD]);
    expect(operator).toContain(KREMLIN);
    expect(owner).toContain(KREMLIN);
    expect(owner).toContain('Private Wire');
    expect(other).not.toContain(KREMLIN);
    expect(other).not.toContain('Private Wire');
    expect(other).toContain('Kharkiv');
    await expect(runDigestCommand(['--guild', 'A'], capture().io)).rejects.toThrow(/not a Discord server id/u);
  });

  it('explains a bad window or an unknown topic', async () => {
    await expect(runDigestCommand(['--since', 'yesterday'], capture().io)).rejects.toThrow(UsageError);
    await expect(runDigestCommand(['--topic', 'weather'], capture().io)).rejects.toThrow(/unknown topic "weather": use one of nato-membership/);
  });
});

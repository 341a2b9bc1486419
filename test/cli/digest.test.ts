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

let server: FeedServer;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  server = await startFeedServer();
  server.route('/feed.xml', (_request, response) =>
    response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssWithContent([article('01-white-house-meeting.json'), article('03-kharkiv-strikes.json')])),
  );
  const configDir = makeConfigDir([{ url: server.url('/feed.xml'), outlet: 'Capital Wire' }]);
  env = { WIREWATCH_DB: join(configDir, 'test.db'), WIREWATCH_CONFIG: configDir, WIREWATCH_ALLOW_PRIVATE_NETWORKS: '1', LOG_LEVEL: 'silent' };
  const app = createApp({ env: parseEnv(env), logger: createLogger({ level: 'silent', pretty: false }), print: () => undefined, now: () => Date.now() });
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

  it('explains a bad window or an unknown topic', async () => {
    await expect(runDigestCommand(['--since', 'yesterday'], capture().io)).rejects.toThrow(UsageError);
    await expect(runDigestCommand(['--topic', 'weather'], capture().io)).rejects.toThrow(/unknown topic "weather": use one of nato-membership/);
  });
});

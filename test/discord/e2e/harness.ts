import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import type { Client } from 'discord.js';
import { createDiscordClient, startDiscordBot, type DiscordBot } from '../../../src/discord/client.js';
import type { CommandBackends } from '../../../src/discord/context.js';
import type { Stores } from '../../../src/store/index.js';
import { startDiscordServer, type GuildInfo, type LocalDiscord } from '../../support/discord/index.js';
import { testContext, type TestContext } from '../commands/fakes.js';

/** Short REST timeouts and one retry: a test that goes wrong fails in seconds, not minutes. */
const TEST_REST = { timeout: 2_000, retries: 1, offset: 0 };

export interface RunningBot {
  server: LocalDiscord;
  client: Client;
  bot: DiscordBot;
  test: TestContext;
  guild: GuildInfo;
  moderator: string;
  analyst: string;
  alertsChannel: string;
  digestChannel: string;
}

/** The local Discord server, and wirewatch's real client logged in to it with commands registered in its guild. */
export async function startBotOnLocalDiscord(options: { backends?: Partial<CommandBackends>; stores?: Stores; server?: LocalDiscord } = {}): Promise<RunningBot> {
  const server = options.server ?? (await startDiscordServer());
  const test = await testContext(options.backends, options.stores);
  const guild = server.guild();
  const client = createDiscordClient({ token: server.botToken, apiUrl: server.apiUrl, rest: TEST_REST });
  const bot = await startDiscordBot({ client, context: test.context, registry: test.registry, guildId: guild.id });
  return {
    server,
    client,
    bot,
    test,
    guild,
    moderator: guild.members.moderator ?? '',
    analyst: guild.members.analyst ?? '',
    alertsChannel: guild.channels['news-alerts'] ?? '',
    digestChannel: guild.channels['daily-digest'] ?? '',
  };
}

export async function stopBot(running: RunningBot | undefined): Promise<void> {
  if (!running) return;
  await running.bot.stop();
  await running.server.close();
}

/** A feed publisher on 127.0.0.1 serving a realistic RSS document at /europe/rss.xml. */
export async function startFeedServer(): Promise<{ url: string; close(): Promise<void> }> {
  const rss = readFileSync(new URL('../../fixtures/ingest/rss2-world-news.xml', import.meta.url));
  const server: Server = createServer((request, response) => {
    if (request.url === '/europe/rss.xml') {
      response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(rss);
    } else {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/europe/rss.xml`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { parseEnv } from '../../src/config/env.js';
import { createLogger } from '../../src/logging.js';
import { makeConfigDir } from '../support/config-dir.js';
import { startDiscordServer, type LocalDiscord } from '../support/discord/index.js';
import { rssFeed } from '../support/feed-server.js';
import { startHostileServer, type HostileServer } from '../support/hostile-server.js';
import { seedItem, strikeItems, type WireItem } from './strike-stories.js';
import { queryRows } from '../support/stores.js';

/**
 * Discord answers 500s and 429s (with Retry-After) for a while, then recovers; the gateway drops and the client
 * resumes. Every alert and digest goes out once, in order per channel, and no hostile feed text pings or links.
 */
const ROUTE = 'POST /channels/:channelId/messages';
const DAY = 86_400_000;
let discord: LocalDiscord;
let publisher: HostileServer;
let app: App | null = null;
let feedItems: WireItem[] = [seedItem];

const hostileItem: WireItem = {
  title: '@everyone Russian strikes hit Sumy <@&123456789012345678> — [official statement](https://evil.example/phish) **BREAKING**',
  guid: 'wire-hostile-1',
  link: 'https://wire.example/ukraine/sumy-strike',
  description:
    '@here Russian drones struck Sumy overnight, <@123456789012345678> said. Join discord.gg/fakenews or https://discord.gg/fakenews for "updates". ' +
    '[Click to verify your account](https://evil.example/login) ||spoiler|| # Heading',
  pubDate: new Date().toUTCString(),
};

beforeEach(async () => {
  discord = await startDiscordServer({ waitTimeoutMs: 30_000 });
  publisher = await startHostileServer();
  publisher.route('/wire.xml', (_request, response) => response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Wire', feedItems)));
});

afterEach(async () => {
  await app?.stop();
  app = null;
  await discord.close();
  await publisher.close();
});

async function openApp(): Promise<App> {
  const configDir = makeConfigDir([{ url: publisher.url('/wire.xml'), outlet: 'Wire Service' }]);
  const env = parseEnv({
    WIREWATCH_DB: join(configDir, 'wirewatch.db'),
    WIREWATCH_CONFIG: configDir,
    WIREWATCH_ALLOW_PRIVATE_NETWORKS: '1',
    LOG_LEVEL: 'silent',
    DISCORD_TOKEN: discord.botToken,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_GUILD_ID: discord.guild().id,
  });
  return await createApp({
    env,
    logger: createLogger({ level: 'silent', pretty: false }),
    print: () => undefined,
    discord: { rest: { timeout: 2_000, retries: 1, offset: 0 }, deliveryBackoff: { baseDelayMs: 100, maxDelayMs: 400 } },
  });
}

interface OutboxRow {
  id: number;
  channelId: string;
  kind: string;
  status: string;
  attempts: number;
  messageId: string | null;
}

const outboxRows = async (running: App): Promise<OutboxRow[]> =>
  await queryRows(running.store, 'SELECT id, channel_id AS channelId, kind, status, attempts, message_id AS messageId FROM outbox ORDER BY id') as OutboxRow[];

const postedIn = (channelId: string) => discord.messages(channelId).filter((message) => message.origin === 'channel' && !message.deleted);

/** Every embed text a reader sees, joined. */
function shownText(channelId: string): string {
  return postedIn(channelId)
    .flatMap((message) => [message.current.content, ...(message.current.embeds ?? []).flatMap((embed) => [embed.title, embed.description, embed.author?.name, embed.footer?.text, ...(embed.fields ?? []).flatMap((field) => [field.name, field.value])])])
    .filter((text): text is string => typeof text === 'string')
    .join('\n');
}

describe('Discord down, then back', () => {
  it('delivers every alert and the digest once, in order per channel, through 500s and 429s, and resumes a dropped gateway', { timeout: 60_000 }, async () => {
    const guild = discord.guild();
    const alertsChannel = guild.channels['news-alerts'] ?? '';
    const digestChannel = guild.channels['daily-digest'] ?? '';
    app = await openApp();
    // The feed was seeded earlier; the channels subscribed two days ago (so today's digest at 00:00 UTC is due).
    await app.poller.pollAllOnce();
    const subscribedAt = Date.now() - 2 * DAY;
    const subscription = { guildId: guild.id, kind: 'topic', target: 'russian-strikes', digestTime: '00:00', timezone: 'UTC', quietNote: false, createdBy: guild.ownerId } as const;
    await app.stores.subscriptions.add({ ...subscription, channelId: alertsChannel, mode: 'alerts' }, subscribedAt);
    await app.stores.subscriptions.add({ ...subscription, channelId: digestChannel, mode: 'digest' }, subscribedAt);
    feedItems = [hostileItem, ...strikeItems(Date.now()).reverse(), seedItem];
    await app.poller.pollAllOnce();
    const queuedAlerts = (await outboxRows(app)).filter((row) => row.kind === 'alert');
    expect(queuedAlerts.length).toBeGreaterThanOrEqual(5);

    // Discord is down for a while: server errors, a rate limit with Retry-After, more server errors.
    discord.failNext({ route: ROUTE, status: 500, times: 4 });
    discord.failNext({ route: ROUTE, status: 429, retryAfter: 0.3, times: 2 });
    discord.failNext({ route: ROUTE, status: 502, times: 2 });
    discord.failNext({ route: ROUTE, status: 503, times: 2 });
    await app.start();

    // Starting queued the digests: from here on the outbox only changes status.
    const expectedCount = (await outboxRows(app)).length;
    await discord.waitFor(() => postedIn(alertsChannel).length + postedIn(digestChannel).length >= expectedCount && postedIn(digestChannel).length > 0, {
      description: () => `all ${expectedCount} messages (alerts ${postedIn(alertsChannel).length}, digest ${postedIn(digestChannel).length})`,
    });
    await app.discord?.delivery.drain();

    const rows = await outboxRows(app);
    expect(rows.every((row) => row.status === 'sent')).toBe(true);
    // The outage was real: some rows needed more than one attempt.
    expect(rows.some((row) => row.attempts > 1)).toBe(true);
    const failures = discord.requests.filter((request) => request.route === ROUTE && request.status >= 400).map((request) => request.status);
    expect(failures.sort()).toEqual([429, 429, 500, 500, 500, 500, 502, 502, 503, 503]);
    // Once each, in queue order, per channel.
    for (const channelId of [alertsChannel, digestChannel]) {
      const queued = rows.filter((row) => row.channelId === channelId).map((row) => row.messageId);
      expect(postedIn(channelId).map((message) => message.current.id)).toEqual(queued);
    }
    expect(rows.filter((row) => row.channelId === digestChannel).map((row) => row.kind)).toEqual(rows.filter((row) => row.channelId === digestChannel).map(() => 'digest'));
    expect(postedIn(alertsChannel)).toHaveLength(queuedAlerts.length);

    // Hostile feed text went out without pinging anyone or becoming a link.
    expect(discord.violations).toEqual([]);
    for (const channelId of [alertsChannel, digestChannel]) {
      for (const message of postedIn(channelId)) expect(message.current.mention_everyone).toBe(false);
      const text = shownText(channelId);
      expect(text).toContain('Sumy');
      expect(text).not.toMatch(/@(everyone|here)/u);
      expect(text).not.toMatch(/(?<!\\)<@&?\d+>/u);
      // Feed text's masked links show literally ("\[label\]\(url\)"); the only live masked links are our own.
      for (const [, target] of text.matchAll(/(?<!\\)\[(?:[^\]\\]|\\.)*\]\((\S+?)\)/gu)) expect(target).toMatch(/^https:\/\/wire\.example\//u);
      expect(text).not.toMatch(/(?<!\\)\*\*BREAKING/u);
      expect(text).not.toMatch(/(?<!\\)\|\|spoiler/u);
    }

    // The gateway drops without a close frame; the client resumes and the bot keeps working.
    expect(discord.dropGatewayConnections()).toBeGreaterThan(0);
    await discord.waitFor(() => discord.gatewayStats.resumes >= 1, { description: 'the client to resume' });
    const reply = await discord.sendSlashCommand({ name: 'feeds list', channelId: alertsChannel, userId: guild.members.moderator });
    expect(reply).toMatchObject({ status: 'acknowledged', errors: [] });
    expect(JSON.stringify(reply.original?.current)).toContain('Wire Service');
    expect(discord.gatewayStats.identifies).toBe(1);

    feedItems = [{ title: 'Russian missile strike damages Poltava gas facility', guid: 'wire-after', link: 'https://wire.example/ukraine/poltava', description: 'A Russian missile strike damaged a gas production facility in Poltava region, the energy company said.', pubDate: new Date().toUTCString() }, ...feedItems];
    await app.poller.pollAllOnce();
    await discord.waitFor(() => postedIn(alertsChannel).length === queuedAlerts.length + 1, { description: 'the alert after the resume' });
    expect(discord.violations).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { MessageFlags, type APIMessage } from 'discord-api-types/v10';
import { z } from 'zod';
import { createApp, type App } from '../../src/app.js';
import { parseEnv } from '../../src/config/env.js';
import { testDatabaseEnv } from '../support/stores.js';
import type { BackoffOptions } from '../../src/discord/delivery/errors.js';
import type { DiscordRuntime } from '../../src/discord/runtime.js';
import { createLogger } from '../../src/logging.js';
import { makeConfigDir } from '../support/config-dir.js';
import { startDiscordServer, type DiscordServerOptions, type GuildInfo, type InteractionRecord, type LocalDiscord, type MessageRecord } from '../support/discord/index.js';
import { startFeedServer, type FeedServer } from '../support/feed-server.js';
import { articleFeed, loadDemoArticle, type FeedArticle } from '../support/news-feed.js';

/** The injected clock starts at noon UTC on the day of the White House meeting the demo articles report. */
export const START = Date.UTC(2025, 7, 18, 12, 0);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;

/** The two outlets the config follows, each with its own feed on the local feed server. */
export const OUTLETS = {
  capital: { outlet: 'Capital Wire', path: '/capital-wire/world/rss.xml', site: 'https://capitalwire.example/world' },
  ledger: { outlet: 'Kyiv Ledger', path: '/kyiv-ledger/feed/', site: 'https://kyivledger.example/news' },
} as const;
export type OutletKey = keyof typeof OUTLETS;

/** A digest schedule that does not fire during a test (midnight on New Year's Day): tests run due digests themselves. */
const RARELY = '0 0 1 1 *';

export interface LaunchOptions {
  deliveryBackoff?: BackoffOptions;
  digestSchedule?: string;
  /** false: feeds on private and loopback addresses are refused, as in production (the local feeds then fail). */
  allowPrivateNetworks?: boolean;
  /** More environment variables (e.g. WIREWATCH_SHARD_IDS); the database can be another file. */
  env?: Record<string, string>;
  /** How often the app tries for the delivery and scheduler roles (default 5 s): a takeover within a test's wait. */
  roleCheckEveryMs?: number;
}

/** A running app connected to the local Discord server. */
export type ConnectedApp = App & { discord: DiscordRuntime };

export interface E2eWorld {
  discord: LocalDiscord;
  feeds: FeedServer;
  guild: GuildInfo;
  moderator: string;
  analyst: string;
  alertsChannel: string;
  digestChannel: string;
  clock: { now: number };
  /** Serves these articles (newest first) as the configured outlet's feed from now on. */
  serve(outlet: OutletKey, articles: readonly FeedArticle[]): void;
  /** Serves an RSS feed at `path` on the local feed server; returns its URL. */
  serveFeed(path: string, channelTitle: string, articles: readonly FeedArticle[]): string;
  /** Creates and starts the app on the shared database, and waits for its start-up poll. */
  launch(options?: LaunchOptions): Promise<ConnectedApp>;
  /** Stops an app started by launch() (the database stays for the next one). */
  stop(app: App): Promise<void>;
  /** Polls every feed and waits until every due outbox row has been delivered (or scheduled for a later retry). */
  pollAndDeliver(app: ConnectedApp): Promise<void>;
  close(): Promise<void>;
}

/**
 * The world an end-to-end test runs in: the local Discord server (its default guild), a local feed server with the
 * two configured outlets, a config folder with the shipped people and topics, a database path and the injected clock.
 */
export async function startWorld(serverOptions: Pick<DiscordServerOptions, 'guilds' | 'sharding'> = {}): Promise<E2eWorld> {
  // Discord's 3 s acknowledgement deadline stays; only the test's own waits get room for a loaded machine.
  const discord = await startDiscordServer({ waitTimeoutMs: 15_000, ...serverOptions });
  const feeds = await startFeedServer();
  const configDir = makeConfigDir(Object.values(OUTLETS).map(({ outlet, path }) => ({ url: feeds.url(path), outlet })));
  // One database for the world, on the backend under test: a relaunched app finds what the stopped one left.
  const database = await testDatabaseEnv(configDir);
  const guild = discord.guild();
  const clock = { now: START };
  const running = new Set<App>();
  const { timeout, retries, offset } = discord.restOptions;

  const world: E2eWorld = {
    discord,
    feeds,
    guild,
    moderator: required(guild.members.moderator, 'moderator'),
    analyst: required(guild.members.analyst, 'analyst'),
    alertsChannel: required(guild.channels['news-alerts'], '#news-alerts'),
    digestChannel: required(guild.channels['daily-digest'], '#daily-digest'),
    clock,
    serve(outlet, articles) {
      world.serveFeed(OUTLETS[outlet].path, `${OUTLETS[outlet].outlet} — World`, articles);
    },
    serveFeed(path, channelTitle, articles) {
      const body = articleFeed(channelTitle, articles);
      feeds.route(path, (_request, response) => response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(body));
      return feeds.url(path);
    },
    async launch(options = {}) {
      const env = parseEnv({
        ...database,
        WIREWATCH_CONFIG: configDir,
        WIREWATCH_ALLOW_PRIVATE_NETWORKS: options.allowPrivateNetworks === false ? '0' : '1',
        LOG_LEVEL: 'silent',
        DISCORD_TOKEN: discord.botToken,
        DISCORD_API_URL: discord.apiUrl,
        ...options.env,
      });
      const app = await createApp({
        env,
        logger: createLogger({ level: 'silent', pretty: false }),
        print: (line) => {
          throw new Error(`a connected app printed an alert instead of posting it: ${line}`);
        },
        now: () => clock.now,
        random: () => 0.5,
        discord: {
          rest: { timeout, retries, offset },
          digestSchedule: options.digestSchedule ?? RARELY,
          ...(options.deliveryBackoff ? { deliveryBackoff: options.deliveryBackoff } : {}),
          ...(options.roleCheckEveryMs ? { roleCheckEveryMs: options.roleCheckEveryMs } : {}),
        },
      });
      running.add(app);
      await app.start();
      await app.poller.pollAllOnce();
      if (!app.discord) throw new Error('the app started without connecting to Discord');
      return app as ConnectedApp;
    },
    async stop(app) {
      if (!running.delete(app)) return;
      await app.stop();
    },
    async pollAndDeliver(app) {
      await app.poller.pollAllOnce();
      await app.discord.delivery.drain();
    },
    async close() {
      for (const app of [...running]) await world.stop(app).catch(() => undefined);
      await feeds.close();
      await discord.close();
    },
  };
  return world;
}

function required(value: string | undefined, what: string): string {
  if (value === undefined) throw new Error(`the local Discord guild has no ${what}`);
  return value;
}

/** A demo article as an outlet's feed item; its link is on the outlet's site. */
export function demoItem(name: string, outlet: OutletKey, overrides: Partial<FeedArticle> = {}): FeedArticle {
  const article = loadDemoArticle(name);
  const slug = name.replace(/^\d+-/u, '');
  return {
    guid: `${outlet}-${slug}`,
    title: article.title,
    link: `${OUTLETS[outlet].site}/2025/08/18/${slug}`,
    published: article.published,
    body: article.body,
    ...overrides,
  };
}

const wireStorySchema = z.array(
  z.object({ outlet: z.enum(['capital', 'ledger']), slug: z.string(), title: z.string(), hoursBefore: z.number(), body: z.array(z.string()).min(1) }),
);

/** A second server beside the world's own, with a moderator and an alerts channel (and any more channels named). */
export function addSecondServer(world: E2eWorld, moreChannels: readonly string[] = []): { guild: GuildInfo; moderator: string; alerts: string } {
  const guild = world.discord.createGuild({
    name: 'Second Server',
    channels: [{ name: 'b-alerts' }, ...moreChannels.map((name) => ({ name }))],
    members: [{ username: 'b-moderator', permissions: ['ManageChannels', 'ManageGuild'] }],
  });
  return { guild, moderator: guild.members['b-moderator'] ?? '', alerts: guild.channels['b-alerts'] ?? '' };
}

/** Both feeds already carry the morning's Kharkiv report when the app first polls them: launches the app on them. */
export async function launchWithSeededFeeds(world: E2eWorld): Promise<ConnectedApp> {
  world.serve('capital', [demoItem('03-kharkiv-strikes', 'capital')]);
  world.serve('ledger', [demoItem('03-kharkiv-strikes', 'ledger', { title: 'Overnight strikes on Kharkiv kill four as Zelensky heads to Washington' })]);
  return world.launch();
}

/** The sixteen stories of test/fixtures/e2e/weekend-of-diplomacy.json, each with its outlet key and slug. */
export function loadWeekendOfDiplomacy(): z.infer<typeof wireStorySchema> {
  return wireStorySchema.parse(JSON.parse(readFileSync(new URL('../fixtures/e2e/weekend-of-diplomacy.json', import.meta.url), 'utf8')));
}

/**
 * A weekend of peace-talks news (test/fixtures/e2e/weekend-of-diplomacy.json: sixteen distinct stories, strikes, talks,
 * guarantees, territory), the outlet's share of it, published in the hours before START.
 */
export function weekendStories(outlet: OutletKey): FeedArticle[] {
  return loadWeekendOfDiplomacy()
    .filter((story) => story.outlet === outlet)
    .map((story) => ({
      guid: `${outlet}-${story.slug}`,
      title: story.title,
      link: `${OUTLETS[outlet].site}/2025/08/${story.slug}`,
      published: new Date(START - story.hoursBefore * HOUR).toISOString(),
      body: story.body,
    }));
}

/** `/subscribe topic` by the moderator; throws with wirewatch's answer when it did not subscribe. */
export async function subscribeTopic(world: E2eWorld, channelId: string, topic: string, options: Record<string, string | number | boolean> = {}): Promise<void> {
  const record = await world.discord.sendSlashCommand({ name: 'subscribe topic', userId: world.moderator, channelId, options: { topic, ...options } });
  const answer = answerText(record);
  if (!isEphemeral(record) || !answer.includes(`Subscribed <#${channelId}>`)) throw new Error(`/subscribe topic:${topic} failed: ${answer}`);
}

/** Messages the bot posted in a channel itself (alerts, digests, notices), not interaction replies. */
export function channelPosts(world: E2eWorld, channelId: string): MessageRecord[] {
  return world.discord.messages(channelId).filter((message) => message.origin === 'channel' && !message.deleted);
}

/** Everything a member sees of an interaction's answer: content, embed titles, descriptions and fields. */
export function answerText(record: InteractionRecord): string {
  const messages = [record.original, ...record.followUps].flatMap((message) => (message ? [message.current] : []));
  return messages.map(messageText).join('\n');
}

function messageText(message: APIMessage): string {
  return [
    message.content,
    ...message.embeds.flatMap((embed) => [
      embed.author?.name ?? '',
      embed.title ?? '',
      embed.description ?? '',
      ...(embed.fields ?? []).flatMap((field) => [field.name, field.value]),
      embed.footer?.text ?? '',
    ]),
  ]
    .filter(Boolean)
    .join('\n');
}

export function isEphemeral(record: InteractionRecord): boolean {
  return ((record.original?.current.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
}

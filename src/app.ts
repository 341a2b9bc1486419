import { LOOK_EVERY_MS, startAnalysisRole, type AnalysisRole } from './app/analysis.js';
import { syncConfiguredFeeds } from './app/configured-feeds.js';
import { connectDiscord } from './app/discord.js';
import { healthOf } from './app/health.js';
import { startHousekeeping, type Housekeeping } from './app/housekeeping.js';
import { createItemProcessor } from './app/item-processor.js';
import { startOps } from './app/ops.js';
import { createAppPoller, fetchSettingsOf } from './app/poller.js';
import { createTopics } from './app/topics.js';
import { loadAppConfig, type AppConfig } from './config/app-config.js';
import { loadRetention } from './config/retention.js';
import type { Env } from './config/env.js';
import type { DiscordRuntime, DiscordRuntimeOptions } from './discord/runtime.js';
import type { TopicCatalogue } from './discord/topic-catalogue.js';
import type { Poller } from './ingest/poll/poller.js';
import type { Logger } from './logging.js';
import { AppMetrics } from './ops/app-metrics.js';
import type { HealthReport, OpsServer } from './ops/http-server.js';
import { createStoryReader, type StoryReader } from './services/stories.js';
import { openStores, type StoreBackend, type Stores } from './store/index.js';

export const VERSION = '0.1.0';

export interface AppOptions {
  env: Env;
  logger: Logger;
  /** Where headless alerts go (the terminal in production). */
  print: (line: string) => void;
  now?: () => number;
  random?: () => number;
  /** Test settings for the Discord side (REST timeouts, the digest schedule). */
  discord?: Partial<Pick<DiscordRuntimeOptions, 'rest' | 'digestSchedule' | 'deliveryBackoff'>>;
  /** Test settings for analysis: how often to try for the role and to look for other instances' items. */
  analysis?: { campaignEveryMs?: number; lookEveryMs?: number };
}

/** The whole bot, wired: config → database → poller → processItem → alerts, digests and slash commands. */
export interface App {
  config: Readonly<AppConfig>;
  /** The open database (SQLite or PostgreSQL) and its stores. */
  store: StoreBackend;
  stores: Stores;
  /** Convenience aliases of stores.feeds and stores.items. */
  feeds: Stores['feeds'];
  items: Stores['items'];
  poller: Poller;
  /** Runs stored items through the pipeline while this instance leads analysis (always, on SQLite). */
  analysis: AnalysisRole;
  topics: TopicCatalogue;
  storyReader: StoryReader;
  /** Present while connected to Discord (DISCORD_TOKEN set and start() done). */
  discord: DiscordRuntime | null;
  metrics: AppMetrics;
  /** The /healthz and /metrics server, when WIREWATCH_HTTP_PORT is set and the app started. */
  ops: OpsServer | null;
  health(): Promise<HealthReport>;
  /** Processes pending items, starts polling and, with DISCORD_TOKEN, connects to Discord. */
  start(): Promise<void>;
  /** Stops polling and delivery, waits for in-flight writes, disconnects, closes the database. */
  stop(): Promise<void>;
}

export async function createApp(options: AppOptions): Promise<App> {
  const { env, logger, print } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const discordEnabled = env.DISCORD_TOKEN !== undefined;
  const config = loadAppConfig(env.WIREWATCH_CONFIG);
  const retention = loadRetention(env.WIREWATCH_CONFIG);
  const store = await openStores({ databaseUrl: env.WIREWATCH_DATABASE_URL, sqlitePath: env.WIREWATCH_DB });
  const { stores } = store;
  const metrics = new AppMetrics(env.WIREWATCH_INSTANCE_ID);
  await syncConfiguredFeeds(config, stores.feeds, now());
  const topics = await createTopics(config, stores.guildTopics, now, logger);
  const principalIds = new Set(config.people.filter((person) => person.principal).map((person) => person.id));
  const storyReader = createStoryReader({ ...stores, principalIds, perspectives: config.perspectives });

  const maxAlertsPerHour = env.WIREWATCH_MAX_ALERTS_PER_HOUR;
  const kickDelivery = (): void => app.discord?.delivery.kick();
  // Campaigns for analysis from here on (stop() gives the role up): on SQLite this instance leads at once.
  const analysis = await startAnalysisRole({
    leadership: store.leadership,
    stores,
    topics,
    buildProcessor: (stillLeads) => createItemProcessor({ config, stores, topics, principalIds, discordEnabled, maxAlertsPerHour, print, logger, now, stillLeads }),
    // Alone on its database (SQLite), an instance stores only what it processes itself: nothing to look for.
    lookEveryMs: store.kind === 'postgres' ? (options.analysis?.lookEveryMs ?? LOOK_EVERY_MS) : null,
    campaignEveryMs: options.analysis?.campaignEveryMs,
    onProcessed: kickDelivery,
    logger,
  });
  const processPending = async (): Promise<void> => {
    await analysis.processPending();
  };
  const fetchSettings = fetchSettingsOf(env, config, VERSION);
  const poller = createAppPoller({ instanceId: env.WIREWATCH_INSTANCE_ID, config, stores, fetchSettings, metrics, logger, now, random, processPending, discordEnabled, kickDelivery });
  let housekeeping: Housekeeping | null = null;

  const app: App = {
    config,
    store,
    stores,
    feeds: stores.feeds,
    items: stores.items,
    poller,
    analysis,
    topics: topics.catalogue,
    storyReader,
    discord: null,
    metrics,
    ops: null,
    health: async () =>
      healthOf(store, app.discord, env.WIREWATCH_INSTANCE_ID, {
        analysisLeader: analysis.leads(),
        leasesHeld: await stores.feeds.leasesHeld(env.WIREWATCH_INSTANCE_ID, now()),
      }),
    async start() {
      // The analysis leader (on SQLite, this instance) first processes items stored before a crash but not yet processed.
      await processPending();
      if (env.DISCORD_TOKEN) {
        app.discord = await connectDiscord(env.DISCORD_TOKEN, config, {
          apiUrl: env.DISCORD_API_URL,
          guildId: env.DISCORD_GUILD_ID,
          gateway: env.gateway,
          onInteraction: (shardId) => metrics.recordInteraction(shardId),
          ...{ stores, topics: topics.catalogue, matcher: topics.matcher, storyReader, topicName: topics.topicName, fetchSettings, now, random, logger },
          feedsChanged: () => void poller.wake(),
          onSent: (row, sentAt) => metrics.recordSent(row, sentAt),
          ...options.discord,
        });
      }
      await poller.start();
      housekeeping = startHousekeeping({ stores, retention, now, logger });
      app.ops = await startOps(env, stores, metrics, app.health, () => app.discord?.shards() ?? null, store.leadership);
    },
    async stop() {
      await housekeeping?.stop();
      housekeeping = null;
      await app.ops?.close();
      app.ops = null;
      await poller.stop();
      await analysis.stop();
      await app.discord?.stop();
      app.discord = null;
      await store.close();
    },
  };
  return app;
}

import cron, { type ScheduledTask } from 'node-cron';
import { createPeopleFinder } from './analysis/people/mentions.js';
import { StoryClusterer } from './analysis/stories/index.js';
import { compileTopics, formatTopicErrors, type TopicDefinition, type TopicMatcher } from './analysis/topics/index.js';
import { loadAppConfig, type AppConfig } from './config/app-config.js';
import { loadRetention } from './config/retention.js';
import type { Env } from './config/env.js';
import { ConfigError } from './config/load-json.js';
import type { DiscordRuntime, DiscordRuntimeOptions } from './discord/runtime.js';
import { enqueueAlertsForItem } from './discord/delivery/enqueue-alerts.js';
import { enqueueFeedDisabledNotices } from './discord/delivery/feed-health.js';
import { createTopicCatalogue, type TopicCatalogue } from './discord/topic-catalogue.js';
import { logOutcome } from './ingest/poll/log-outcome.js';
import { Poller } from './ingest/poll/poller.js';
import { redactedUrl, redactUrlsIn } from './ingest/redact-url.js';
import type { FetchSettings } from './ingest/poll/refresh-feed.js';
import type { Logger } from './logging.js';
import { AppMetrics } from './ops/app-metrics.js';
import { startOpsServer, type HealthReport, type OpsServer } from './ops/http-server.js';
import { DEFAULT_ALERT_PLANNING, type AlertPlanningInput } from './pipeline/alert-planning.js';
import { createPendingProcessor, type PendingProcessor } from './pipeline/process-pending.js';
import { alertStage, terminalAlertLine } from './pipeline/stages/alerts.js';
import { quoteStage } from './pipeline/stages/quotes.js';
import { restoreStoryWindow, ScopedClusterers, storyStage } from './pipeline/stages/stories.js';
import { topicStage } from './pipeline/stages/topics.js';
import { createHousekeeping } from './services/housekeeping.js';
import { createStoryReader, type StoryReader } from './services/stories.js';
import { openDatabase, type Db } from './store/database.js';
import { createStores, type Stores } from './store/index.js';

export const VERSION = '0.1.0';
const STORY_WINDOW_HOURS = 48;
const HOUR = 3_600_000;

export interface AppOptions {
  env: Env;
  logger: Logger;
  /** Where headless alerts go (the terminal in production). */
  print: (line: string) => void;
  now?: () => number;
  random?: () => number;
  /** Test settings for the Discord side (REST timeouts, the digest schedule). */
  discord?: Partial<Pick<DiscordRuntimeOptions, 'rest' | 'digestSchedule' | 'deliveryBackoff'>>;
}

/** The whole bot, wired: config → database → poller → item stages → alerts, digests and slash commands. */
export interface App {
  config: Readonly<AppConfig>;
  db: Db;
  stores: Stores;
  /** Convenience aliases of stores.feeds and stores.items. */
  feeds: Stores['feeds'];
  items: Stores['items'];
  poller: Poller;
  processor: PendingProcessor;
  topics: TopicCatalogue;
  storyReader: StoryReader;
  /** Present while connected to Discord (DISCORD_TOKEN set and start() done). */
  discord: DiscordRuntime | null;
  metrics: AppMetrics;
  /** The /healthz and /metrics server, when WIREWATCH_HTTP_PORT is set and the app started. */
  ops: OpsServer | null;
  health(): HealthReport;
  /** Processes pending items, starts polling and, with DISCORD_TOKEN, connects to Discord. */
  start(): Promise<void>;
  /** Stops polling and delivery, waits for in-flight writes, disconnects, closes the database. */
  stop(): Promise<void>;
}

export function createApp(options: AppOptions): App {
  const { env, logger, print } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const config = loadAppConfig(env.WIREWATCH_CONFIG);
  const polling = config.feeds.polling;
  const discordEnabled = env.DISCORD_TOKEN !== undefined;

  const db = openDatabase(env.WIREWATCH_DB);
  const stores = createStores(db);
  const metrics = new AppMetrics();
  syncConfiguredFeeds(config, stores.feeds, now());

  let matcher: TopicMatcher = compileOrThrow(config.topics, config);
  let topicNames = namesOf(config.topics);
  const topics = createTopicCatalogue({
    shipped: config.topics,
    people: config.people,
    store: stores.guildTopics,
    now,
    onChange: (all) => {
      matcher = compileOrThrow(all, config);
      topicNames = namesOf(all);
    },
  });
  matcher = compileOrThrow(topics.all(), config);
  topicNames = namesOf(topics.all());

  const principalIds = new Set(config.people.filter((person) => person.principal).map((person) => person.id));
  const peopleNamedIn = createPeopleFinder(config.people);
  const clusterers = new ScopedClusterers(() => new StoryClusterer({ windowHours: STORY_WINDOW_HOURS }));
  restoreStoryWindow({ clusterers, stories: stores.stories, items: stores.items, peopleNamedIn, since: now() - STORY_WINDOW_HOURS * HOUR });
  const storyReader = createStoryReader({ ...stores, principalIds });

  let discord: DiscordRuntime | null = null;
  const planning = { ...DEFAULT_ALERT_PLANNING, maxAlertsPerHour: env.WIREWATCH_MAX_ALERTS_PER_HOUR };
  const deliverAlert = (alert: AlertPlanningInput): void => {
    if (!discordEnabled) {
      const line = terminalAlertLine(alert);
      if (line !== null) print(line);
      return;
    }
    enqueueAlertsForItem({ db, subscriptions: stores.subscriptions, outbox: stores.outbox, alerts: stores.alerts, now, planning }, alert);
  };

  // Headless, every topic match is an alert on the terminal; with Discord, only what a channel subscribed to.
  const isFollowed = ({ topicIds, personIds }: { topicIds: readonly string[]; personIds: readonly string[] }): boolean =>
    discordEnabled
      ? stores.subscriptions.listForTopics(topicIds).length > 0 || personIds.some((id) => stores.subscriptions.listForPerson(id).length > 0)
      : topicIds.length > 0;

  const processor = createPendingProcessor({
    db,
    items: stores.items,
    stages: [
      topicStage({ matcher: () => matcher, itemTopics: stores.itemTopics }),
      quoteStage({ people: config.people, quotes: stores.quotes }),
      storyStage({ clusterers, stories: stores.stories, peopleNamedIn }),
      alertStage({ ...stores, principalIds, topicName: (id) => topicNames.get(id) ?? id, isFollowed, deliver: deliverAlert }),
    ],
    now,
    onStageError: (error, stage, itemId) => logger.error({ err: error, stage, item_id: itemId }, 'item stage failed'),
  });
  const processPending = async (): Promise<void> => {
    if ((await processor.processPendingInBatches()) > 0) discord?.delivery.kick();
  };

  const fetchSettings: FetchSettings = {
    userAgent: `wirewatch/${VERSION} (+${polling.contactUrl})`,
    totalTimeoutMs: polling.timeoutSeconds * 1000,
    maxBytes: polling.maxFeedBytes,
    allowPrivateNetworks: env.WIREWATCH_ALLOW_PRIVATE_NETWORKS,
  };
  const poller = new Poller(
    {
      feeds: stores.feeds,
      items: stores.items,
      fetchSettings,
      disableAfterFailures: polling.disableAfterFailures,
      maxFullTextFetches: 30,
      now,
      random,
    },
    {
      maxConcurrentFetches: polling.maxConcurrentFetches,
      maxConcurrentPerHost: polling.maxConcurrentPerHost,
      onOutcome: (outcome) => {
        logOutcome(logger, outcome);
        metrics.recordPoll(outcome);
        if (outcome.kind === 'stored' && outcome.newItemIds.length > 0) return processPending();
      },
      onFeedDisabled: (feed, reason) => {
        logger.warn({ feed_id: feed.id, feed_url: redactedUrl(feed.url), reason: redactUrlsIn(reason) }, 'feed disabled after repeated failures');
        if (!discordEnabled) return;
        enqueueFeedDisabledNotices({ feeds: stores.feeds, subscriptions: stores.subscriptions, outbox: stores.outbox, now }, feed, reason);
        discord?.delivery.kick();
      },
      onError: (error, feed) => logger.error({ err: error, feed_id: feed.id, feed_url: redactedUrl(feed.url) }, 'poll failed unexpectedly'),
    },
  );

  let housekeeping: ScheduledTask | null = null;
  const keepHouse = createHousekeeping({ db, stores, retention: loadRetention(env.WIREWATCH_CONFIG), now, logger });

  const app: App = {
    config,
    db,
    stores,
    feeds: stores.feeds,
    items: stores.items,
    poller,
    processor,
    topics,
    storyReader,
    discord: null,
    metrics,
    ops: null,
    health: () => healthOf(db, stores, discord),
    async start() {
      // Items stored before a crash but not yet processed go through first.
      await processPending();
      if (env.DISCORD_TOKEN) {
        // Loaded only when there is a bot to run: discord.js is a large part of a headless process's memory.
        const { startDiscordRuntime } = await import('./discord/runtime.js');
        discord = await startDiscordRuntime({
          token: env.DISCORD_TOKEN,
          apiUrl: env.DISCORD_API_URL,
          guildId: env.DISCORD_GUILD_ID,
          db,
          stores,
          topics,
          people: config.people,
          storyReader,
          topicName: (id) => topicNames.get(id) ?? id,
          fetchSettings,
          newFeedIntervalSeconds: polling.defaultIntervalMinutes * 60,
          feedsChanged: () => poller.wake(),
          now,
          random,
          logger,
          onSent: (row, sentAt) => metrics.recordSent(row, sentAt),
          ...options.discord,
        });
        app.discord = discord;
      }
      poller.start();
      housekeeping = cron.schedule('17 3 * * *', keepHouse);
      if (env.WIREWATCH_HTTP_PORT !== undefined) {
        app.ops = await startOpsServer({
          port: env.WIREWATCH_HTTP_PORT,
          host: env.WIREWATCH_HTTP_HOST,
          health: app.health,
          metrics: () =>
            metrics.registry.render([
              { name: 'wirewatch_outbox_depth', help: 'Messages waiting in the outbox.', value: stores.outbox.pendingCount() },
              { name: 'wirewatch_feeds_disabled', help: 'Feeds disabled after repeated failures.', value: stores.feeds.all().filter((feed) => feed.disabledAt !== null).length },
            ]),
        });
      }
    },
    async stop() {
      await housekeeping?.stop();
      housekeeping = null;
      await app.ops?.close();
      app.ops = null;
      await poller.stop();
      await discord?.stop();
      discord = null;
      app.discord = null;
      db.close();
    },
  };
  return app;
}

function healthOf(db: Db, stores: Stores, discord: DiscordRuntime | null): HealthReport {
  let databaseWritable = true;
  try {
    db.exec('BEGIN IMMEDIATE; ROLLBACK;');
  } catch {
    databaseWritable = false;
  }
  const lastPolls = stores.feeds.all().map((feed) => feed.lastPolledAt ?? 0);
  const lastPollAt = Math.max(0, ...lastPolls);
  const gatewayConnected = discord ? discord.gatewayConnected() : null;
  return {
    ok: databaseWritable && gatewayConnected !== false,
    gatewayConnected,
    databaseWritable,
    lastPollAt: lastPollAt > 0 ? new Date(lastPollAt).toISOString() : null,
  };
}

function compileOrThrow(topics: readonly TopicDefinition[], config: AppConfig): TopicMatcher {
  const compiled = compileTopics(topics, config.people);
  if (!compiled.ok) throw new ConfigError(formatTopicErrors(compiled.errors, `${config.dir}/topics.json`).split('\n'));
  return compiled.matcher;
}

function namesOf(topics: readonly TopicDefinition[]): Map<string, string> {
  return new Map(topics.map((topic) => [topic.id, topic.name]));
}

function syncConfiguredFeeds(config: AppConfig, feeds: Stores['feeds'], now: number): void {
  const { polling, feeds: configured } = config.feeds;
  for (const feed of configured) {
    feeds.register(
      {
        url: feed.url,
        outlet: feed.outlet,
        fullText: feed.fullText,
        intervalSeconds: Math.round((feed.intervalMinutes ?? polling.defaultIntervalMinutes) * 60),
        origin: 'config',
      },
      now,
    );
  }
  feeds.retireConfigFeedsExcept(configured.map((feed) => feed.url), now);
}

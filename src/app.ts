import { loadAppConfig, type AppConfig } from './config/app-config.js';
import type { Env } from './config/env.js';
import { Poller } from './ingest/poll/poller.js';
import type { RefreshOutcome } from './ingest/poll/refresh-feed.js';
import type { Logger } from './logging.js';
import type { ItemStage } from './pipeline/item-stage.js';
import { createPendingProcessor, type PendingProcessor } from './pipeline/process-pending.js';
import { openDatabase, type Db } from './store/database.js';
import { FeedStore } from './store/feeds.js';
import { ItemStore } from './store/items.js';

const VERSION = '0.1.0';

export interface AppOptions {
  env: Env;
  logger: Logger;
  /** Where headless alerts go (the terminal in production). */
  print: (line: string) => void;
  now?: () => number;
  random?: () => number;
}

/** The whole bot, wired: config → database → poller → item stages. The one place that knows every part. */
export interface App {
  config: Readonly<AppConfig>;
  db: Db;
  feeds: FeedStore;
  items: ItemStore;
  poller: Poller;
  processor: PendingProcessor;
  /** Starts polling (and, later, delivery). */
  start(): void;
  /** Stops polling, waits for in-flight writes, closes the database. */
  stop(): Promise<void>;
}

export function createApp(options: AppOptions): App {
  const { env, logger, print } = options;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const config = loadAppConfig(env.WIREWATCH_CONFIG);
  const polling = config.feeds.polling;

  const db = openDatabase(env.WIREWATCH_DB);
  const feeds = new FeedStore(db);
  const items = new ItemStore(db);
  syncConfiguredFeeds(config, feeds, now());

  const stages: ItemStage[] = [terminalAlertStage(print)];
  const processor = createPendingProcessor({
    db,
    items,
    stages,
    now,
    onStageError: (error, stage, itemId) => logger.error({ err: error, stage, item_id: itemId }, 'item stage failed'),
  });

  const poller = new Poller(
    {
      feeds,
      items,
      fetchSettings: {
        userAgent: `wirewatch/${VERSION} (+${polling.contactUrl})`,
        totalTimeoutMs: polling.timeoutSeconds * 1000,
        maxBytes: polling.maxFeedBytes,
        allowPrivateNetworks: env.WIREWATCH_ALLOW_PRIVATE_NETWORKS,
      },
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
        if (outcome.kind === 'stored' && outcome.newItemIds.length > 0) processor.processPending();
      },
      onFeedDisabled: (feed, reason) => logger.warn({ feed_id: feed.id, feed_url: feed.url, reason }, 'feed disabled after repeated failures'),
      onError: (error, feed) => logger.error({ err: error, feed_id: feed.id, feed_url: feed.url }, 'poll failed unexpectedly'),
    },
  );

  return {
    config,
    db,
    feeds,
    items,
    poller,
    processor,
    start() {
      // Items stored before a crash but not yet processed go through now.
      processor.processPending();
      poller.start();
    },
    async stop() {
      await poller.stop();
      db.close();
    },
  };
}

function syncConfiguredFeeds(config: AppConfig, feeds: FeedStore, now: number): void {
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

/** Headless mode: an alert is a line on the terminal. Items from a feed's first poll never alert. */
function terminalAlertStage(print: (line: string) => void): ItemStage {
  return {
    name: 'terminal-alerts',
    process(item) {
      if (item.fromInitialPoll) return;
      print(`[${item.outlet}] ${item.title}${item.link ? ` — ${item.link}` : ''}`);
    },
  };
}

function logOutcome(logger: Logger, outcome: RefreshOutcome): void {
  const context = { feed_id: outcome.feed.id, feed_url: outcome.feed.url };
  if (outcome.kind === 'failed') logger.warn({ ...context, code: outcome.code, disabled: outcome.disabled }, outcome.message);
  else if (outcome.kind === 'stored') logger.info({ ...context, new_items: outcome.newItemIds.length, initial_poll: outcome.initialPoll }, 'feed polled');
  else logger.debug(context, 'feed not modified');
}

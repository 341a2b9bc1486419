import type { AppConfig } from '../config/app-config.js';
import type { Env } from '../config/env.js';
import { enqueueFeedDisabledNotices } from '../discord/delivery/feed-health.js';
import { logOutcome } from '../ingest/poll/log-outcome.js';
import { Poller } from '../ingest/poll/poller.js';
import type { FetchSettings } from '../ingest/poll/refresh-feed.js';
import { redactedUrl, redactUrlsIn } from '../ingest/redact-url.js';
import type { Logger } from '../logging.js';
import type { AppMetrics } from '../ops/app-metrics.js';
import type { Stores } from '../store/index.js';

/** How every feed is fetched: who we are, how long we wait, how much we read, which addresses we refuse. */
export function fetchSettingsOf(env: Env, config: Readonly<AppConfig>, version: string): FetchSettings {
  const { polling } = config.feeds;
  return {
    userAgent: `wirewatch/${version} (+${polling.contactUrl})`,
    totalTimeoutMs: polling.timeoutSeconds * 1000,
    maxBytes: polling.maxFeedBytes,
    allowPrivateNetworks: env.WIREWATCH_ALLOW_PRIVATE_NETWORKS,
  };
}

export interface AppPollerOptions {
  /** WIREWATCH_INSTANCE_ID: the owner of this instance's polling leases. */
  instanceId: string;
  config: Readonly<AppConfig>;
  stores: Stores;
  fetchSettings: FetchSettings;
  metrics: AppMetrics;
  logger: Logger;
  now: () => number;
  random: () => number;
  /** Runs after a poll stored new items. */
  processPending: () => Promise<void>;
  /** With Discord, a feed disabled after repeated failures is told to the guilds that follow it. */
  discordEnabled: boolean;
  kickDelivery: () => void;
}

/** The polling loop with its outcomes logged and counted, and new items sent down the item pipeline. */
export function createAppPoller(options: AppPollerOptions): Poller {
  const { stores, logger, metrics, now } = options;
  const { polling } = options.config.feeds;
  return new Poller(
    {
      instanceId: options.instanceId,
      feeds: stores.feeds,
      items: stores.items,
      fetchSettings: options.fetchSettings,
      disableAfterFailures: polling.disableAfterFailures,
      maxFullTextFetches: 30,
      now,
      random: options.random,
    },
    {
      maxConcurrentFetches: polling.maxConcurrentFetches,
      maxConcurrentPerHost: polling.maxConcurrentPerHost,
      onOutcome: async (outcome) => {
        logOutcome(logger, outcome);
        metrics.recordPoll(outcome);
        if (outcome.kind === 'stored' && outcome.newItemIds.length > 0) return await options.processPending();
      },
      onFeedDisabled: async (feed, reason) => {
        logger.warn({ feed_id: feed.id, feed_url: redactedUrl(feed.url), reason: redactUrlsIn(reason) }, 'feed disabled after repeated failures');
        if (!options.discordEnabled) return;
        await enqueueFeedDisabledNotices({ feeds: stores.feeds, subscriptions: stores.subscriptions, outbox: stores.outbox, now }, feed, reason);
        options.kickDelivery();
      },
      onError: (error, feed) => logger.error({ err: error, feed_id: feed.id, feed_url: redactedUrl(feed.url) }, 'poll failed unexpectedly'),
      onClaimError: (error) => logger.error({ err: error }, 'could not claim due feeds; trying again shortly'),
    },
  );
}

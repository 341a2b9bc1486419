import { REST, type RESTOptions } from 'discord.js';
import cron, { type ScheduledTask } from 'node-cron';
import type { Person } from '../analysis/people/schema.js';
import type { TopicMatcher } from '../analysis/topics/index.js';
import type { Perspective } from '../analysis/sides/types.js';
import { campaign } from '../app/campaign.js';
import type { GatewayPlan } from '../config/gateway-shards.js';
import type { FetchSettings } from '../ingest/poll/refresh-feed.js';
import type { Logger } from '../logging.js';
import { enqueueDueDigests } from '../services/digests.js';
import { enqueueQuietSummaries } from '../services/quiet-hours.js';
import { weeklyDigestCharts } from '../services/weekly-charts.js';
import type { StoryReader } from '../services/stories.js';
import type { Stores } from '../store/index.js';
import type { Leadership } from '../store/leadership.js';
import type { OutboxMessage } from '../store/outbox.js';
import { createDiscordClient, startDiscordBot, type DiscordBot } from './client.js';
import { coreBackends, type BotContext } from './context.js';
import type { BackoffOptions } from './delivery/errors.js';
import { botUserId, clientChannelGuilds, clientNoticeChannels } from './delivery/notice-channels.js';
import { restMessageSender } from './delivery/sender.js';
import { restThreadSender } from './delivery/thread-delivery.js';
import { DeliveryWorker } from './delivery/worker.js';
import { createCommandLimits } from './rate-limits.js';
import { allShardsReady, gatewayShards, type GatewayShards } from './shards.js';
import { storyBackends } from './story-backends.js';
import type { TopicCatalogue } from './topic-catalogue.js';
import { whyBackend } from './why-backend.js';

export interface DiscordRuntimeOptions {
  token: string;
  apiUrl?: string;
  guildId?: string;
  stores: Stores;
  /** Who delivers and who queues digests among the instances sharing the database (SQLite: this one). */
  leadership: Leadership;
  /** How often to try for the delivery and scheduler roles (default 5 s). */
  roleCheckEveryMs?: number;
  /** While delivering, look this often for rows other instances queued (set when other instances may share the database). */
  outboxLookEveryMs?: number;
  topics: TopicCatalogue;
  /** The topic matcher of the moment (`/why` evaluates near misses with it). */
  matcher: () => TopicMatcher;
  people: readonly Person[];
  perspectives: readonly Perspective[];
  storyReader: StoryReader;
  topicName: (topicId: string) => string;
  fetchSettings: FetchSettings;
  newFeedIntervalSeconds: number;
  feedsChanged: () => void;
  now: () => number;
  random: () => number;
  logger: Logger;
  rest?: Partial<RESTOptions>;
  /** The gateway shards this instance connects; default one unsharded connection. */
  gateway?: GatewayPlan;
  /** Called with the shard that received each interaction. */
  onInteraction?: (shardId: number) => void;
  /** When due digests are looked for (cron syntax); every minute by default. */
  digestSchedule?: string;
  deliveryBackoff?: BackoffOptions;
  onSent?: (row: OutboxMessage, sentAt: number) => void;
}

/**
 * The bot while connected: slash commands answered; the outbox delivered and digests scheduled while this instance
 * holds the `delivery` and `scheduler` roles (one instance at a time among those sharing the database).
 */
export interface DiscordRuntime {
  bot: DiscordBot;
  /** Runs only while this instance holds the `delivery` role. */
  delivery: DeliveryWorker;
  /**
   * Queues the digests that are due now (with Monday's charts) and the summaries of channels whose quiet hours ended,
   * and kicks delivery; resolves with how many messages were queued.
   */
  runDueDigests(): Promise<number>;
  /** Whether every gateway shard held here is ready (for /healthz); null without a gateway. */
  gatewayConnected(): boolean | null;
  /** The shards held here and their status (for /healthz and /metrics). */
  shards(): GatewayShards;
  stop(): Promise<void>;
}

/**
 * Connects to Discord and starts delivery. Digests (and the summaries that end quiet hours, on the same tick): node-cron wakes every minute and queues the subscriptions whose
 * HH:MM has passed in their own timezone since their last digest (one cron task rather than one per subscription,
 * so subscriptions added, changed or removed need no rescheduling, and a digest missed while the bot was down
 * goes out at start-up while it is still that day there).
 */
export async function startDiscordRuntime(options: DiscordRuntimeOptions): Promise<DiscordRuntime> {
  const { stores, now, logger } = options;
  const gateway = options.gateway ?? { kind: 'unsharded' };
  const client = createDiscordClient({ token: options.token, apiUrl: options.apiUrl, rest: options.rest, gateway });
  const context: BotContext = {
    stores,
    topics: options.topics,
    people: options.people,
    perspectives: options.perspectives,
    backends: {
      ...coreBackends({ quotes: stores.quotes, quoteSearch: stores.quoteSearch, fetchSettings: options.fetchSettings, ...(options.apiUrl ? { discordApiUrl: options.apiUrl } : {}) }),
      ...storyBackends({
        storyReader: options.storyReader,
        history: stores.digestHistory,
        topicName: options.topicName,
        perspectives: options.perspectives,
        stories: stores.stories,
        now,
      }),
      ...whyBackend({ stores, topics: options.topics, people: options.people, matcher: options.matcher }),
    },
    limits: createCommandLimits(now),
    newFeedIntervalSeconds: options.newFeedIntervalSeconds,
    feedsChanged: options.feedsChanged,
    now,
    logger,
  };
  const bot = await startDiscordBot({ client, context, registry: stores.commandRegistry, guildId: options.guildId, gateway, onInteraction: options.onInteraction });
  const delivery = new DeliveryWorker({
    outbox: stores.outbox,
    subscriptions: stores.subscriptions,
    sender: restMessageSender(bot.client.rest),
    threads: restThreadSender(bot.client.rest, new REST({ ...bot.client.options.rest, retries: 0 }).setToken(options.token), () => botUserId(bot.client)),
    noticeChannels: clientNoticeChannels(bot.client),
    channelGuilds: clientChannelGuilds(bot.client),
    now,
    random: options.random,
    logger,
    backoff: options.deliveryBackoff,
    onSent: options.onSent,
    lookEveryMs: options.outboxLookEveryMs,
  });
  const roleOptions = { everyMs: options.roleCheckEveryMs, logger };
  const deliveryRole = await campaign(options.leadership, 'delivery', { ...roleOptions, onElected: () => delivery.start(), onDeposed: () => delivery.stop() });

  const runDueDigests = async (): Promise<number> => {
    const at = now();
    // Charts are drawn first (drawing is asynchronous); the digests are then queued in one transaction per channel.
    // A chart that cannot be drawn is logged and left out: the digest still goes.
    const charts = await weeklyDigestCharts(
      { stories: stores.stories, items: stores.items, perspectives: options.perspectives, subscriptions: stores.subscriptions, topicName: options.topicName },
      at,
    ).catch((error: unknown) => {
      logger.error({ err: error }, 'drawing the weekly digest charts failed');
      return undefined;
    });
    const queued = await enqueueDueDigests({
      stores,
      storyReader: options.storyReader,
      history: stores.digestHistory,
      topicName: options.topicName,
      perspectives: options.perspectives,
      now: () => at,
      charts,
    }) + (await enqueueQuietSummaries({ stores, now: () => at }));
    if (queued > 0) delivery.kick();
    return queued;
  };
  const runLogged = () => runDueDigests().catch((error: unknown) => logger.error({ err: error }, 'building digests failed'));
  // Taking the role catches up at once: digests missed while no scheduler ran go out now.
  const schedulerRole = await campaign(options.leadership, 'scheduler', {
    ...roleOptions,
    onElected: async () => {
      await runLogged();
    },
    onDeposed: () => undefined,
  });
  const digestTask: ScheduledTask = cron.schedule(options.digestSchedule ?? '* * * * *', async () => {
    if (schedulerRole.leads()) await runLogged();
  });

  return {
    bot,
    delivery,
    runDueDigests,
    gatewayConnected: () => allShardsReady(gateway, bot.client),
    shards: () => gatewayShards(gateway, bot.client),
    async stop() {
      await digestTask.stop();
      await schedulerRole.stop();
      await deliveryRole.stop();
      await bot.stop();
    },
  };
}

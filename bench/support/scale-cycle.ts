import { setTimeout as sleep } from 'node:timers/promises';
import type { FetchSettings } from '../../src/ingest/poll/refresh-feed.js';
import { openStores, type StoreLocation } from '../../src/store/index.js';
import { startDiscordServer } from '../../test/support/discord/index.js';
import { startInstance, type InstanceProcess } from './instance-process.js';
import type { ScaleFeeds } from './scale-feeds.js';
import { scheduleCycle, seedScaleDatabase, type SeedSubscriber } from './scale-seed.js';

export interface CycleSetup {
  feeds: ScaleFeeds;
  guilds: number;
  /** Shipped topic ids; guild i follows `topicsPerGuild` of them, round the list, so each topic has as many followers. */
  topicIds: readonly string[];
  topicsPerGuild: number;
  configDir: string;
  intervalSeconds: number;
  fetchSettings: FetchSettings;
  /** How long the instances get to start (open the database, sync the configured feeds, register commands). */
  startTimeoutMs: number;
  /** A cycle not over by then is reported as unfinished. */
  giveUpMs: number;
  /** Where the instances write V8 CPU profiles (<run>-<instance>.cpuprofile), when wanted. */
  profileDir?: string;
}

/** What one poll cycle of one or more instances on one database gave. */
export interface CycleResult {
  finished: boolean;
  cycleSeconds: number;
  /** CPU time of each instance process during the cycle. */
  cpuMs: number[];
  peakRssMb: number[];
  /** From spawning each instance to its /healthz answering (database open, configured feeds synced, poller started). */
  startupSeconds: number[];
  /** Polls each instance recorded in the cycle (its /metrics), as shares of all. */
  shares: number[];
  /** Requests for a feed sooner than its next poll could be due, counted at the feed server (ScaleFeeds.duplicateFetches). */
  duplicateFetches: number;
  /** Feeds nobody fetched. */
  unfetched: number;
  /** Feeds whose poll in the cycle is recorded (all of them when it finished). */
  polledFeeds: number;
  newItems: number;
  messagesSent: number;
  outboxPendingAtEnd: number;
}

const PROBE_EVERY_MS = 250;
/** The poller's longest sleep when nothing is due (PollerOptions.maxIdleMs as createAppPoller leaves it). */
const POLLER_MAX_IDLE_MS = 30_000;
const START_MARGIN_MS = 5_000;

function subscribersOf(guilds: readonly { id: string; channels: Record<string, string> }[], setup: CycleSetup): SeedSubscriber[] {
  return guilds.map((guild, index) => ({
    guildId: guild.id,
    channelId: guild.channels['news-alerts'] ?? '',
    topicIds: Array.from({ length: setup.topicsPerGuild }, (_, offset) => setup.topicIds[(index + offset) % setup.topicIds.length] ?? ''),
  }));
}

/**
 * One measured poll cycle: a fresh database seeded to the state before the cycle, the local Discord server with the
 * guilds, then `instances` `wirewatch start` processes on that database, connected to Discord through REST only
 * (WIREWATCH_SHARD_IDS=none: 2,500 guilds on one unsharded connection is what Discord refuses). Every feed falls due
 * at one moment, set before the instances start; their poll timers fire then. The cycle is over when every feed's
 * poll is recorded in the database and every new item is processed (its alerts queued in the outbox). CPU and
 * peak RSS are each instance's own, read from /proc.
 */
export async function measureCycle(setup: CycleSetup, location: StoreLocation, instances: number, name: string): Promise<CycleResult> {
  const discord = await startDiscordServer({ guilds: Array.from({ length: setup.guilds }, (_, index) => ({ name: `Guild ${index}`, channels: [{ name: 'news-alerts' }] })) });
  const running: InstanceProcess[] = [];
  try {
    setup.feeds.setPhase('seed');
    await seedScaleDatabase({ location, feeds: setup.feeds, subscribers: subscribersOf(discord.guilds(), setup), intervalSeconds: setup.intervalSeconds, fetchSettings: setup.fetchSettings, concurrency: 8 });
    setup.feeds.setPhase('cycle');
    const env: Record<string, string> = {
      WIREWATCH_CONFIG: setup.configDir,
      ...(location.databaseUrl ? { WIREWATCH_DATABASE_URL: location.databaseUrl } : { WIREWATCH_DB: location.sqlitePath }),
      WIREWATCH_ALLOW_PRIVATE_NETWORKS: '1',
      LOG_LEVEL: 'warn',
      DISCORD_TOKEN: discord.botToken,
      DISCORD_API_URL: discord.apiUrl,
      WIREWATCH_SHARD_IDS: 'none',
    };
    for (let index = 0; index < instances; index += 1) running.push(await startInstance(`${name}-${index + 1}`, env, setup.profileDir));
    const spawnedAt = Date.now();
    const startupSeconds = await Promise.all(running.map(async (instance) => {
      await instance.waitReady(spawnedAt + setup.startTimeoutMs);
      return (Date.now() - spawnedAt) / 1000;
    }));
    // Idle instances look at the schedule every POLLER_MAX_IDLE_MS: a start further off than that is seen by each at
    // its next look, which then sets its timer to the start itself, so all of them open the cycle together.
    const startsAt = await scheduleCycle(location, POLLER_MAX_IDLE_MS + START_MARGIN_MS);
    const probe = await openStores(location);
    try {
      const pollsBefore = await Promise.all(running.map((instance) => instance.counter('wirewatch_polls_total')));
      const itemsBefore = await Promise.all(running.map((instance) => instance.counter('wirewatch_items_stored_total')));
      const sentBefore = await Promise.all(running.map((instance) => instance.counter('wirewatch_messages_sent_total')));
      await sleep(Math.max(0, startsAt - Date.now() - 200));
      const cpuBefore = running.map((instance) => instance.cpuMs());
      const finished = await waitForCycleEnd(setup.feeds, probe.stores, startsAt, startsAt + setup.giveUpMs);
      const endedAt = Date.now();
      const cpuMs = running.map((instance, index) => instance.cpuMs() - (cpuBefore[index] ?? 0));
      const peakRssMb = running.map((instance) => instance.peakRssMb());
      const polls = await Promise.all(running.map(async (instance, index) => (await instance.counter('wirewatch_polls_total')) - (pollsBefore[index] ?? 0)));
      const items = await Promise.all(running.map(async (instance, index) => (await instance.counter('wirewatch_items_stored_total')) - (itemsBefore[index] ?? 0)));
      const sent = await Promise.all(running.map(async (instance, index) => (await instance.counter('wirewatch_messages_sent_total')) - (sentBefore[index] ?? 0)));
      const counts = setup.feeds.requestCounts();
      const totalPolls = polls.reduce((sum, value) => sum + value, 0);
      return {
        finished,
        cycleSeconds: (endedAt - startsAt) / 1000,
        cpuMs,
        peakRssMb,
        startupSeconds,
        shares: polls.map((value) => (totalPolls > 0 ? value / totalPolls : 0)),
        duplicateFetches: setup.feeds.duplicateFetches(),
        unfetched: counts.filter((count) => count === 0).length,
        polledFeeds: (await probe.stores.feeds.all()).filter((feed) => (feed.lastPolledAt ?? 0) >= startsAt).length,
        newItems: items.reduce((sum, value) => sum + value, 0),
        messagesSent: sent.reduce((sum, value) => sum + value, 0),
        outboxPendingAtEnd: await probe.stores.outbox.pendingCount(),
      };
    } finally {
      await probe.close();
    }
  } catch (error) {
    const outputs = running.map((instance) => `--- ${instance.id}:\n${instance.output()}`).join('\n');
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${outputs}`, { cause: error });
  } finally {
    await Promise.all(running.map((instance) => instance.stop()));
    await discord.close();
  }
}

/**
 * Until every feed has been requested (counted at the feed server, which costs the instances nothing), then until the
 * database has every feed's poll recorded since the cycle began and no item waiting for processing. False at `deadline`.
 */
async function waitForCycleEnd(feeds: ScaleFeeds, stores: Awaited<ReturnType<typeof openStores>>['stores'], startsAt: number, deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    await sleep(PROBE_EVERY_MS);
    if (feeds.requestCounts().some((count) => count === 0)) continue;
    const polled = (await stores.feeds.all()).every((feed) => (feed.lastPolledAt ?? 0) >= startsAt);
    if (polled && (await stores.items.unprocessed(1)).length === 0) return true;
  }
  return false;
}

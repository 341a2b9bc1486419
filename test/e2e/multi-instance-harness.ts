import { z } from 'zod';
import { syncConfiguredFeeds } from '../../src/app/configured-feeds.js';
import { loadAppConfig } from '../../src/config/app-config.js';
import type { PgDatabase } from '../../src/store/postgres/connection.js';
import { postgresBackend } from '../../src/store/postgres/backend.js';
import { makeConfigDir } from '../support/config-dir.js';
import { DEFAULT_GUILD, guildIdOnShard, startDiscordServer, type GuildInfo, type LocalDiscord } from '../support/discord/index.js';
import { startFeedFarm, type FeedFarm } from '../support/feed-farm.js';
import { freePort } from '../support/free-port.js';
import { createMigratedDatabase, openTracked } from '../support/postgres.js';
import { spawnWirewatch, type WirewatchChild } from '../support/wirewatch-child.js';

/**
 * Several `wirewatch start` processes on one PostgreSQL database, the local Discord server with two shards and a
 * farm of feeds on loopback: the world of the multi-instance end-to-end test. The test is the clock of the feeds'
 * schedule: it makes every feed due by writing `next_poll_at` (an interval elapsed), and the instances, which look
 * for due feeds every second (WIREWATCH_POLL_RECHECK_SECONDS=1), find them. A child process cannot take an injected
 * clock, and real five-minute intervals would not fit in a test.
 */
export const SHARD_COUNT = 2;

export type ShardIds = '0' | '1' | 'none';

export interface Instance {
  readonly name: string;
  readonly shardIds: ShardIds;
  readonly child: WirewatchChild;
  /** Its /healthz and /metrics port. */
  readonly port: number;
}

const healthSchema = z
  .object({
    ok: z.boolean(),
    instanceId: z.string(),
    shards: z.object({ held: z.array(z.object({ id: z.number(), status: z.string() })) }).nullable(),
    role: z.object({ analysisLeader: z.boolean(), deliveryLeader: z.boolean(), leasesHeld: z.number() }).partial().optional(),
  })
  .passthrough();
export type Health = z.infer<typeof healthSchema>;

export interface Cluster {
  discord: LocalDiscord;
  farm: FeedFarm;
  /** The 50 guilds, alternately on shard 0 and shard 1. */
  guilds: GuildInfo[];
  /** The shared database, for the test's own reads and for advancing the schedule. */
  db: PgDatabase;
  /** Starts `wirewatch start` holding these shards (or none) and waits until its /healthz says it is up. */
  launch(name: string, shardIds: ShardIds): Promise<Instance>;
  /** Its /healthz report; null while it does not answer. */
  health(instance: Instance): Promise<Health | null>;
  /** SIGKILL: no handler runs, its connections drop. */
  kill(instance: Instance): Promise<void>;
  /** An interval elapsed: every feed is due now. */
  makeEveryFeedDue(): Promise<void>;
  close(): Promise<void>;
}

export async function startCluster(options: { feeds: number; hosts: number; guilds: number }): Promise<Cluster> {
  const guildSeeds = Array.from({ length: options.guilds }, (_, serial) => ({
    ...DEFAULT_GUILD,
    id: guildIdOnShard(serial % SHARD_COUNT, SHARD_COUNT, serial),
    name: `Newsroom ${serial}`,
  }));
  const discord = await startDiscordServer({
    guilds: guildSeeds,
    // Both shards identify at once (one bucket each); the test's own waits get room for a loaded machine.
    sharding: { guildsPerShard: Math.ceil(options.guilds / SHARD_COUNT), sessionStartLimit: { maxConcurrency: SHARD_COUNT } },
    waitTimeoutMs: 30_000,
  });
  const farm = await startFeedFarm({ feeds: options.feeds, hosts: options.hosts, latencyMs: 5 });
  const configDir = makeConfigDir(farm.urls.map((url, index) => ({ url, outlet: `Outlet ${index}` })));
  const databaseUrl = await createMigratedDatabase();
  const db = openTracked(databaseUrl);
  // The feeds are registered before any instance starts and due only when the test says: an instance that starts
  // first does not poll them all before the others are up.
  await syncConfiguredFeeds(loadAppConfig(configDir), postgresBackend(db).stores.feeds, Date.now());
  await db.run('UPDATE feeds SET next_poll_at = $1', [FAR_FUTURE]);

  const running = new Set<Instance>();
  const cluster: Cluster = {
    discord,
    farm,
    guilds: guildSeeds.map((seed) => discord.guilds().find((guild) => guild.id === seed.id) as GuildInfo),
    db,
    async launch(name, shardIds) {
      const port = await freePort();
      const child = spawnWirewatch(['start'], {
        WIREWATCH_DATABASE_URL: databaseUrl,
        // Each connection is named after the instance, so the test can tell whose transactions it sees in pg_stat_activity.
        PGAPPNAME: `wirewatch-${name}`,
        WIREWATCH_CONFIG: configDir,
        WIREWATCH_ALLOW_PRIVATE_NETWORKS: '1',
        WIREWATCH_INSTANCE_ID: name,
        WIREWATCH_HTTP_PORT: String(port),
        WIREWATCH_POLL_RECHECK_SECONDS: '1',
        // Each channel gets a few alerts within minutes: flood control is not what this test is about.
        WIREWATCH_MAX_ALERTS_PER_HOUR: '100',
        LOG_LEVEL: 'warn',
        DISCORD_TOKEN: discord.botToken,
        DISCORD_API_URL: discord.apiUrl,
        ...(shardIds === 'none' ? { WIREWATCH_SHARD_IDS: 'none' } : { WIREWATCH_SHARD_COUNT: String(SHARD_COUNT), WIREWATCH_SHARD_IDS: shardIds }),
      });
      const instance: Instance = { name, shardIds, child, port };
      running.add(instance);
      await waitUntil(
        async () => {
          if (child.process.exitCode !== null || child.process.signalCode !== null) throw new Error(`${name} exited at start-up: ${child.stderr}${child.stdout}`);
          const health = await cluster.health(instance);
          return health?.ok === true && (shardIds === 'none' || health.shards?.held.every((shard) => shard.status === 'ready'));
        },
        { timeoutMs: 45_000, description: () => `${name} to answer /healthz with ok; its output: ${child.stderr}${child.stdout}` },
      );
      return instance;
    },
    async health(instance) {
      try {
        const response = await fetch(`http://127.0.0.1:${instance.port}/healthz`, { signal: AbortSignal.timeout(2_000) });
        return healthSchema.parse(await response.json());
      } catch {
        return null;
      }
    },
    async kill(instance) {
      instance.child.kill();
      await instance.child.exited;
      running.delete(instance);
    },
    async makeEveryFeedDue() {
      await db.run('UPDATE feeds SET next_poll_at = $1', [Date.now()]);
    },
    async close() {
      for (const instance of running) instance.child.kill();
      await Promise.all([...running].map((instance) => instance.child.exited));
      await farm.close();
      await discord.close();
    },
  };
  return cluster;
}

/** Far beyond any test's end (ms since 1970, as next_poll_at is stored). */
const FAR_FUTURE = Date.UTC(2100, 0, 1);

/**
 * Resolves with the first truthy result of an async probe of another process's state (an HTTP answer, a database
 * row), asked every 50 ms: these have no event to await. A probe that throws ends the wait with its error.
 */
export async function waitUntil<T>(
  probe: () => Promise<T | null | undefined | false>,
  options: { timeoutMs: number; description: () => string },
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${options.timeoutMs} ms waiting for ${options.description()}.`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

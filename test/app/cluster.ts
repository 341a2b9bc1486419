import { Writable } from 'node:stream';
import pg from 'pg';
import { expect, vi } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { parseEnv } from '../../src/config/env.js';
import { createLogger } from '../../src/logging.js';
import { HOUR, OUTLETS, START, type OutletKey } from '../e2e/harness.js';
import { makeConfigDir } from '../support/config-dir.js';
import { startFeedServer, type FeedServer } from '../support/feed-server.js';
import { articleFeed, type FeedArticle } from '../support/news-feed.js';
import { queryValue, testDatabaseEnv, type TestDatabaseEnv } from '../support/stores.js';

/**
 * Several wirewatch instances in this process over one database, as the analysis-leader tests run them: each a
 * createApp with a DISCORD_TOKEN that is never started, so alerts wait in the outbox where a test counts them; a feed
 * server with the two outlets' feeds; and, on PostgreSQL, a side session that sees and ends the instances' sessions.
 */

export const GUILD = '1400000000000000001';
const CHANNEL = '1400000000000000002';
export const MEMBER = '1400000000000000003';
/** pg_locks' view of the analysis role (session lock) and of a batch (transaction lock): class 1836216167, objid 1 / 100. */
export const ROLE_LOCK = `locktype = 'advisory' AND classid = 1836216167 AND objid = 1 AND objsubid = 2`;
export const BATCH_LOCK = `locktype = 'advisory' AND classid = 1836216167 AND objid = 100 AND objsubid = 2`;

export interface Instance {
  app: App;
  /** Error log lines (a stage that failed, a batch that failed). */
  errors: string[];
}

export interface Cluster {
  feeds: FeedServer;
  configDir: string;
  database: TestDatabaseEnv;
  serve(outlet: OutletKey, articles: readonly FeedArticle[]): void;
  /** An instance on the shared database; with a DISCORD_TOKEN but never started, so alerts wait in the outbox. */
  launch(id: string, timing?: { campaignEveryMs: number; lookEveryMs: number }): Promise<Instance>;
}

const running: App[] = [];
const closers: (() => Promise<void>)[] = [];

/** Stops every instance and closes every server and side session the test opened (call it after each test). */
export async function closeClusters(): Promise<void> {
  for (const app of running.splice(0)) await app.stop().catch(() => undefined);
  for (const close of closers.splice(0)) await close();
}

/** Fast enough that a test waits a fraction of a second for a takeover; an hour is "not during this test". */
export const FAST = { campaignEveryMs: 100, lookEveryMs: 50 };
export const IDLE = { campaignEveryMs: HOUR, lookEveryMs: HOUR };

export async function cluster(): Promise<Cluster> {
  const feeds = await startFeedServer();
  closers.push(() => feeds.close());
  const configDir = makeConfigDir(Object.values(OUTLETS).map(({ outlet, path }) => ({ url: feeds.url(path), outlet })));
  const database = await testDatabaseEnv(configDir);
  return {
    feeds,
    configDir,
    database,
    serve(outlet, articles) {
      const body = articleFeed(`${OUTLETS[outlet].outlet} — World`, articles);
      feeds.route(OUTLETS[outlet].path, (_request, response) => response.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(body));
    },
    async launch(id, timing = FAST) {
      const errors: string[] = [];
      const destination = new Writable({
        write(chunk: Buffer, _encoding, done) {
          errors.push(chunk.toString());
          done();
        },
      });
      const env = parseEnv({
        ...database,
        WIREWATCH_CONFIG: configDir,
        WIREWATCH_ALLOW_PRIVATE_NETWORKS: '1',
        WIREWATCH_INSTANCE_ID: id,
        LOG_LEVEL: 'error',
        DISCORD_TOKEN: 'never-connected',
      });
      const app = await createApp({
        env,
        logger: createLogger({ level: 'error', pretty: false, destination }),
        print: (line) => {
          throw new Error(`printed instead of queued: ${line}`);
        },
        now: () => START,
        random: () => 0.5,
        analysis: timing,
      });
      running.push(app);
      return { app, errors };
    },
  };
}

/** The channel follows every shipped topic, so each story with a topic is one alert. */
export async function subscribeToEveryTopic(app: App): Promise<void> {
  for (const topic of app.config.topics) {
    await app.stores.subscriptions.add(
      { guildId: GUILD, channelId: CHANNEL, kind: 'topic', target: topic.id, mode: 'alerts', digestTime: '08:00', timezone: 'UTC', quietNote: false, createdBy: MEMBER },
      START,
    );
  }
}

/** Feeds' first polls only seed (their items are never alerted): both feeds are polled once empty. */
export async function seed(local: Cluster, poller: App): Promise<void> {
  local.serve('capital', []);
  local.serve('ledger', []);
  await poller.poller.pollAllOnce();
}

export const pendingCount = async (app: App): Promise<number> => Number(await queryValue(app.store, 'SELECT COUNT(*) FROM items WHERE processed_at IS NULL'));

export async function waitUntilProcessed(app: App): Promise<void> {
  await vi.waitFor(async () => expect(await pendingCount(app)).toBe(0), { timeout: 15_000, interval: 50 });
}

/** A PostgreSQL session of the test's own: it holds row locks that stop a batch midway, and ends other sessions. */
export async function sideConnection(local: Cluster): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: local.database.WIREWATCH_DATABASE_URL });
  await client.connect();
  closers.push(() => client.end());
  return client;
}

export async function lockHolders(client: pg.Client, lock: string): Promise<number[]> {
  const result = await client.query<{ pid: number }>(`SELECT pid FROM pg_locks WHERE ${lock} AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`);
  return result.rows.map((row) => row.pid);
}

export async function waiting(client: pg.Client, lock: string): Promise<number> {
  const result = await client.query<{ count: number }>(`SELECT COUNT(*)::int AS count FROM pg_locks WHERE ${lock} AND NOT granted`);
  return result.rows[0]?.count ?? 0;
}

/** What a SIGKILL does to an instance's sessions: the server ends them, rolling back the transaction in flight. */
export async function terminate(client: pg.Client, pids: readonly number[]): Promise<void> {
  for (const pid of pids) await client.query('SELECT pg_terminate_backend($1)', [pid]);
}

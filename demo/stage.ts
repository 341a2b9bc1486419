import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createApp, type App } from '../src/app.js';
import { parseEnv } from '../src/config/env.js';
import { createLogger } from '../src/logging.js';
import { makeConfigDir } from '../test/support/config-dir.js';
import { startDiscordServer, type GuildInfo, type LocalDiscord } from '../test/support/discord/index.js';
import { loadOlderItems, loadSampleArticles, type SampleArticle } from './articles.js';
import { startDemoFeeds, type DemoFeeds } from './feeds.js';

/** Everything the demo runs, on 127.0.0.1: the outlets' feeds, a local Discord, and the bot wired to both. */
export interface Stage {
  app: App;
  discord: LocalDiscord;
  feeds: DemoFeeds;
  articles: Map<string, SampleArticle>;
  guild: GuildInfo;
  /** Names of the roles the demo creates, by id, to show their mentions as @name. */
  roleNames: Map<string, string>;
  clock: DemoClock;
  /** What the bot logged at warn level or above (JSON lines). */
  logged: string[];
  close(): Promise<void>;
}

/** The bot's clock: the demo replays August 2025, moving time forward between rounds of news. */
export interface DemoClock {
  now(): number;
  set(iso: string): void;
}

/** A cron expression that never comes round during a demo: digests are run explicitly, so the transcript is stable. */
const NO_SCHEDULED_DIGEST_RUNS = '0 0 1 1 *';
const FEED_INTERVAL_MINUTES = 60;

export async function setUpStage(startAt: string): Promise<Stage> {
  const articles = loadSampleArticles();
  const cleanups: (() => Promise<void> | void)[] = [];
  const close = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  };
  try {
    const feeds = await startDemoFeeds(loadOlderItems());
    cleanups.push(() => feeds.close());
    for (const article of articles.values()) {
      if (!feeds.feeds.some((feed) => feed.outlet === article.outlet)) throw new Error(`demo/older-items.json has no item for ${article.outlet}, so it has no feed.`);
    }
    const discord = await startDiscordServer();
    cleanups.push(() => discord.close());
    const configDir = makeConfigDir(feeds.feeds, { defaultIntervalMinutes: FEED_INTERVAL_MINUTES });
    cleanups.push(() => rmSync(configDir, { recursive: true, force: true }));

    let current = Date.parse(startAt);
    const clock: DemoClock = { now: () => current, set: (iso) => (current = Date.parse(iso)) };
    const logged: string[] = [];
    const logSink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged.push(chunk.toString('utf8').trim());
        done();
      },
    });
    const guild = discord.guild();
    const env = parseEnv({
      WIREWATCH_DB: join(configDir, 'wirewatch.db'),
      WIREWATCH_CONFIG: configDir,
      WIREWATCH_ALLOW_PRIVATE_NETWORKS: '1',
      LOG_LEVEL: 'warn',
      DISCORD_TOKEN: discord.botToken,
      DISCORD_API_URL: discord.apiUrl,
      DISCORD_GUILD_ID: guild.id,
    });
    const app = await createApp({
      env,
      logger: createLogger({ level: env.LOG_LEVEL, pretty: false, destination: logSink }),
      print: (line) => logged.push(`headless alert (unexpected with Discord connected): ${line}`),
      now: clock.now,
      discord: { rest: { timeout: 5_000, retries: 1, offset: 0 }, digestSchedule: NO_SCHEDULED_DIGEST_RUNS },
    });
    cleanups.push(() => app.stop());
    return { app, discord, feeds, articles, guild, roleNames: new Map(), clock, logged, close };
  } catch (error) {
    await close();
    throw error;
  }
}

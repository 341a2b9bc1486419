import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { z } from 'zod';
import { topicsFileSchema } from '../src/analysis/topics/index.js';
import type { StoreLocation } from '../src/store/index.js';
import { startEmbeddedPostgres } from '../test/support/postgres-server.js';
import { createAppDir, shippedPolling } from './support/app-dir.js';
import { figure, unavailable, type Figure } from './support/figures.js';
import { projectFile } from './support/project.js';
import { measureCycle, type CycleResult, type CycleSetup } from './support/scale-cycle.js';
import { startScaleFeeds } from './support/scale-feeds.js';
import { FIGURES, type FigureSpec } from './targets.js';

/** Defaults are the issue's scale; smaller numbers (BENCH_INPUT) make a quick trial of the harness. */
const inputSchema = z
  .object({
    feeds: z.number().int().min(10).default(10_000),
    guilds: z.number().int().min(1).default(2_500),
    hosts: z.number().int().min(1).max(2_500).default(500),
    runs: z.array(z.enum(['sqlite', 'postgres', 'postgresPair'])).default(['sqlite', 'postgres', 'postgresPair']),
    /** A folder for the instances' V8 CPU profiles (node --cpu-prof), to see where a cycle's time goes. */
    profileDir: z.string().optional(),
  })
  .default({});

/** One in ten feeds has a new item in the cycle; the rest answer 304 to the conditional GET. */
const UPDATING_EVERY = 10;
const WINDOW_ITEMS = 10;
const CONTENT_WORDS = 150;
const TOPICS_PER_GUILD = 2;
/** Starting includes syncing 10,000 configured feeds into the database: slow on a loaded machine. */
const START_TIMEOUT_MS = 5 * 60_000;

type RunName = 'sqlite' | 'postgres' | 'postgresPair';
const RUNS: Record<RunName, { instances: number; postgres: boolean; cycle: FigureSpec; cpu: FigureSpec }> = {
  sqlite: { instances: 1, postgres: false, cycle: FIGURES.scaleSqliteCycle, cpu: FIGURES.scaleSqliteCpu },
  postgres: { instances: 1, postgres: true, cycle: FIGURES.scalePostgresCycle, cpu: FIGURES.scalePostgresCpu },
  postgresPair: { instances: 2, postgres: true, cycle: FIGURES.scalePairCycle, cpu: FIGURES.scalePairCpu },
};

async function postgresDatabase(adminUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

function runFigures(name: RunName, result: CycleResult, feeds: number, guilds: number, intervalSeconds: number): Figure[] {
  const { instances, cycle, cpu } = RUNS[name];
  const cpuSeconds = result.cpuMs.reduce((sum, value) => sum + value, 0) / 1000;
  const peakRssMb = Math.max(...result.peakRssMb);
  const unfinished = result.finished ? '' : ` NOT FINISHED within the ${intervalSeconds / 60}-minute interval: ${result.polledFeeds} of ${feeds} polls recorded, CPU per feed over those;`;
  const note =
    `${feeds} feeds (${feeds / UPDATING_EVERY} with a new item, the rest 304), subscriptions in ${guilds} guilds, ${instances} instance(s);${unfinished} ` +
    `start-up ${result.startupSeconds.map((seconds) => `${seconds.toFixed(0)} s`).join(' + ')} (not counted); CPU per instance ${result.cpuMs.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(' + ')}, peak RSS ${result.peakRssMb.map((mb) => `${Math.round(mb)} MB`).join(' + ')}; ` +
    `polls per instance ${result.shares.map((share) => `${(share * 100).toFixed(1)}%`).join(' / ')}; ${result.duplicateFetches} duplicate fetches, ${result.unfetched} feeds not fetched; ` +
    `${result.newItems} new items; ${result.messagesSent} messages posted during the cycle, ${result.outboxPendingAtEnd} still queued at its end`;
  const measures: Record<string, number> = {
    feeds,
    instances,
    cycleSeconds: result.cycleSeconds,
    cpuMsPerFeed: (cpuSeconds * 1000) / Math.max(1, result.polledFeeds),
    duplicateFetches: result.duplicateFetches,
    ...Object.fromEntries(result.peakRssMb.map((mb, index) => [`peakRssMb.${index}`, mb])),
    ...Object.fromEntries(result.shares.map((share, index) => [`splitShare.${index}`, share])),
  };
  // A cycle cut off at the interval's end has missed its targets, whatever the figures so far say.
  const missedUnlessFinished = (entry: Figure): Figure => (result.finished || entry.ok === null ? entry : { ...entry, ok: false });
  return [
    missedUnlessFinished(figure({ ...cycle, value: result.cycleSeconds, runs: 1, peakRssMb, note })),
    missedUnlessFinished(figure({ ...cpu, value: cpuSeconds, runs: 1, peakRssMb, measures, note })),
  ];
}

/**
 * `npm run bench -- scale`: one poll cycle of 10,000 feeds with subscriptions in 2,500 guilds, on one SQLite
 * instance, one PostgreSQL instance and two PostgreSQL instances (see measureCycle). Each run seeds a fresh database;
 * the feeds and the PostgreSQL server are shared by the runs.
 */
export async function run(input: unknown): Promise<Figure[]> {
  const options = inputSchema.parse(input ?? undefined);
  const polling = shippedPolling();
  // The schedule spreads a feed's next poll by ±15% of the interval (src/ingest/poll/schedule.ts).
  const earliestRepollMs = 0.85 * polling.defaultIntervalMinutes * 60_000;
  const feeds = await startScaleFeeds({ feeds: options.feeds, hosts: options.hosts, earliestRepollMs, updatingEvery: UPDATING_EVERY, windowItems: WINDOW_ITEMS, contentWords: CONTENT_WORDS });
  const dir = createAppDir(feeds.feedUrls.map((url, index) => ({ url, outlet: `Outlet ${index}` })));
  const server = options.runs.some((name) => RUNS[name].postgres) ? await startEmbeddedPostgres() : null;
  const setup: CycleSetup = {
    feeds,
    guilds: options.guilds,
    topicIds: topicsFileSchema.parse(JSON.parse(projectFile('config/topics.json'))).topics.map((topic) => topic.id),
    topicsPerGuild: TOPICS_PER_GUILD,
    configDir: dir.configDir,
    intervalSeconds: polling.defaultIntervalMinutes * 60,
    fetchSettings: { userAgent: 'wirewatch-bench', totalTimeoutMs: polling.timeoutSeconds * 1000, maxBytes: polling.maxFeedBytes, allowPrivateNetworks: true },
    startTimeoutMs: START_TIMEOUT_MS,
    // A cycle still running at the end of its interval has missed; it is measured that far.
    giveUpMs: polling.defaultIntervalMinutes * 60_000,
    ...(options.profileDir ? { profileDir: options.profileDir } : {}),
  };
  const figures: Figure[] = [];
  const results: Partial<Record<RunName, CycleResult>> = {};
  try {
    for (const name of options.runs) {
      const folder = mkdtempSync(join(tmpdir(), 'wirewatch-scale-'));
      try {
        const location: StoreLocation = { sqlitePath: join(folder, 'wirewatch.db') };
        if (RUNS[name].postgres && server) location.databaseUrl = await postgresDatabase(server.adminUrl, `wirewatch_scale_${name.toLowerCase()}`);
        process.stderr.write(`  scale: ${name} …\n`);
        const result = await measureCycle(setup, location, RUNS[name].instances, name).catch((error: unknown) => {
          // One run failing (e.g. an instance that would not start) leaves the other runs' figures standing.
          const message = error instanceof Error ? error.message : String(error);
          process.stderr.write(`  scale: ${name} failed: ${message}\n`);
          figures.push(...[RUNS[name].cycle, RUNS[name].cpu].map((spec) => unavailable(spec.name, spec.unit, spec.target, message.split('\n')[0] ?? message)));
          return null;
        });
        if (!result) continue;
        results[name] = result;
        figures.push(...runFigures(name, result, options.feeds, options.guilds, setup.intervalSeconds));
      } finally {
        rmSync(folder, { recursive: true, force: true });
      }
    }
  } finally {
    await server?.stop();
    await feeds.close();
    dir.remove();
  }
  return [...figures, ...summaryFigures(results)];
}

function summaryFigures(results: Partial<Record<RunName, CycleResult>>): Figure[] {
  const measured = Object.values(results);
  const pair = results.postgresPair;
  const duplicates = measured.reduce((sum, result) => sum + result.duplicateFetches, 0);
  const figures = [
    figure({
      ...FIGURES.scaleDuplicates,
      value: duplicates,
      runs: measured.length,
      note: `requests for a feed sooner than 85% of the interval after its first (the next cycle's may come after that), counted at the feed server, over ${Object.keys(results).join(', ')}`,
    }),
  ];
  if (pair) {
    const shares = pair.shares.map((share) => share * 100);
    figures.push(
      figure({
        ...FIGURES.scaleSplit,
        value: Math.min(...shares),
        runs: 1,
        note: `shares of the cycle's polls (each instance's /metrics): ${shares.map((share) => `${share.toFixed(1)}%`).join(' / ')}`,
      }),
    );
  }
  return figures;
}

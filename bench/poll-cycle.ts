import { z } from 'zod';
import { createApp } from '../src/app.js';
import { parseEnv } from '../src/config/env.js';
import type { RefreshOutcome } from '../src/ingest/poll/refresh-feed.js';
import { createLogger } from '../src/logging.js';
import { figure, type Figure } from './support/figures.js';
import { createAppDir, shippedPolling } from './support/app-dir.js';
import { measureAsync, median, peakRssMb, settle } from './support/stats.js';
import { FIGURES } from './targets.js';

const CYCLES = 3;
/** A cycle this much over the target ends the measuring early: more cycles would only make the suite slow. */
const GIVE_UP_FACTOR = 3;
const inputSchema = z.object({ feedUrls: z.array(z.string().url()).min(2) });

function tally(outcomes: readonly RefreshOutcome[]): { notModified: number; updated: number; newItems: number; failed: string[] } {
  const failed = outcomes.flatMap((outcome) => (outcome.kind === 'failed' ? [`${outcome.feed.url}: ${outcome.code} ${outcome.message}`] : []));
  const updated = outcomes.filter((outcome) => outcome.kind === 'stored' && outcome.newItemIds.length > 0);
  return {
    notModified: outcomes.filter((outcome) => outcome.kind === 'not-modified').length,
    updated: updated.length,
    newItems: updated.reduce((sum, outcome) => sum + (outcome.kind === 'stored' ? outcome.newItemIds.length : 0), 0),
    failed,
  };
}

/** What measuring the poll cycles of one app gave: medians per cycle, and the last cycle's tally. */
export interface PollCycles {
  wallMs: number[];
  cpuSeconds: number[];
  last: ReturnType<typeof tally>;
  alerts: number;
  rssBeforeMb: number;
}

/**
 * The whole app (createApp: config, the database, poller with the shipped concurrency limits, item processing and
 * headless alerts) polling the feeds served by the parent process. A first cycle stores every feed; each measured
 * cycle then gets 304 from half the feeds and three new items from the other half, which go through every item
 * stage (topics, quotes, stories, alerts). `database`: where the app keeps its data (default: SQLite in the folder).
 */
export async function measurePollCycles(feedUrls: readonly string[], database: { WIREWATCH_DATABASE_URL?: string } = {}): Promise<PollCycles> {
  const feeds = feedUrls.map((url, index) => ({ url, outlet: `Outlet ${index}` }));
  const dir = createAppDir(feeds);
  const env = parseEnv({ WIREWATCH_DB: dir.dbPath, WIREWATCH_CONFIG: dir.configDir, WIREWATCH_ALLOW_PRIVATE_NETWORKS: '1', LOG_LEVEL: 'silent', ...database });
  let alerts = 0;
  const app = await createApp({ env, logger: createLogger({ level: 'silent', pretty: false }), print: () => (alerts += 1) });
  try {
    const rssBeforeMb = process.memoryUsage.rss() / 1024 / 1024;
    const first = tally(await app.poller.pollAllOnce());
    if (first.failed.length > 0) throw new Error(`${first.failed.length} feeds failed on the first poll, e.g. ${first.failed[0]}`);
    const wallMs: number[] = [];
    const cpuSeconds: number[] = [];
    let last = first;
    for (let cycle = 0; cycle < CYCLES; cycle += 1) {
      await settle();
      let outcomes: RefreshOutcome[] = [];
      const timing = await measureAsync(async () => (outcomes = await app.poller.pollAllOnce()));
      wallMs.push(timing.wallMs);
      cpuSeconds.push(timing.cpuMs / 1000);
      last = tally(outcomes);
      if (last.failed.length > 0) throw new Error(`${last.failed.length} feeds failed, e.g. ${last.failed[0]}`);
      if (timing.wallMs / 1000 > GIVE_UP_FACTOR * (FIGURES.pollWall.target.atMost ?? Infinity)) break;
    }
    return { wallMs, cpuSeconds, last, alerts, rssBeforeMb };
  } finally {
    await app.stop();
    dir.remove();
  }
}

/** 500 feeds on ten loopback addresses, the app on SQLite on disk (measurePollCycles). */
export async function run(input: unknown): Promise<Figure[]> {
  const { feedUrls } = inputSchema.parse(input);
  const polling = shippedPolling();
  const { wallMs, cpuSeconds, last, alerts, rssBeforeMb } = await measurePollCycles(feedUrls);
  const peak = peakRssMb();
  const cycleNote =
    `${feedUrls.length} feeds on 10 hosts, ${polling.maxConcurrentFetches} fetches at once, ${polling.maxConcurrentPerHost} per host; ` +
    `last cycle: ${last.notModified} × 304, ${last.updated} feeds with ${last.newItems} new items; ${alerts} alerts printed in all; ` +
    `CPU time of the polling process ${median(cpuSeconds).toFixed(2)} s per cycle` +
    (wallMs.length < CYCLES ? `; stopped after ${wallMs.length} cycle(s): over ${GIVE_UP_FACTOR}× the target` : '');
  return [
    figure({ ...FIGURES.pollWall, value: median(wallMs) / 1000, runs: wallMs.length, peakRssMb: peak, note: cycleNote }),
    figure({
      ...FIGURES.pollRss,
      value: peak,
      runs: 1,
      peakRssMb: peak,
      note: `maxRSS of the polling process (first cycle included); ${Math.round(rssBeforeMb)} MB before the first poll`,
    }),
  ];
}

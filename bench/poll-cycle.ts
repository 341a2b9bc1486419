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

/**
 * The whole app (createApp: config, SQLite on disk, poller with the shipped concurrency limits, item processing and
 * headless alerts) polling 500 feeds served by the parent process on ten loopback addresses. A first cycle stores
 * every feed (five items each); each measured cycle then gets 304 from half the feeds and three new items from the
 * other half, which go through every item stage (topics, quotes, stories, alerts).
 */
export async function run(input: unknown): Promise<Figure[]> {
  const { feedUrls } = inputSchema.parse(input);
  const feeds = feedUrls.map((url, index) => ({ url, outlet: `Outlet ${index}` }));
  const dir = createAppDir(feeds);
  const polling = shippedPolling();
  const env = parseEnv({ WIREWATCH_DB: dir.dbPath, WIREWATCH_CONFIG: dir.configDir, WIREWATCH_ALLOW_PRIVATE_NETWORKS: '1', LOG_LEVEL: 'silent' });
  let alerts = 0;
  const app = await createApp({ env, logger: createLogger({ level: 'silent', pretty: false }), print: () => (alerts += 1) });
  try {
    const rssBefore = process.memoryUsage.rss() / 1024 / 1024;
    const first = tally(await app.poller.pollAllOnce());
    if (first.failed.length > 0) throw new Error(`${first.failed.length} feeds failed on the first poll, e.g. ${first.failed[0]}`);
    const times: number[] = [];
    const cpuTimes: number[] = [];
    let last = first;
    for (let cycle = 0; cycle < CYCLES; cycle += 1) {
      await settle();
      let outcomes: RefreshOutcome[] = [];
      const { wallMs, cpuMs } = await measureAsync(async () => (outcomes = await app.poller.pollAllOnce()));
      times.push(wallMs);
      cpuTimes.push(cpuMs / 1000);
      last = tally(outcomes);
      if (last.failed.length > 0) throw new Error(`${last.failed.length} feeds failed, e.g. ${last.failed[0]}`);
      if (wallMs / 1000 > GIVE_UP_FACTOR * (FIGURES.pollWall.target.atMost ?? Infinity)) break;
    }
    const peak = peakRssMb();
    const cycleNote =
      `${feeds.length} feeds on 10 hosts, ${polling.maxConcurrentFetches} fetches at once, ${polling.maxConcurrentPerHost} per host; ` +
      `last cycle: ${last.notModified} × 304, ${last.updated} feeds with ${last.newItems} new items; ${alerts} alerts printed in all; ` +
      `CPU time of the polling process ${median(cpuTimes).toFixed(2)} s per cycle` +
      (times.length < CYCLES ? `; stopped after ${times.length} cycle(s): over ${GIVE_UP_FACTOR}× the target` : '');
    return [
      figure({ ...FIGURES.pollWall, value: median(times) / 1000, runs: times.length, peakRssMb: peak, note: cycleNote }),
      figure({
        ...FIGURES.pollRss,
        value: peak,
        runs: 1,
        peakRssMb: peak,
        note: `maxRSS of the polling process (first cycle included); ${Math.round(rssBefore)} MB before the first poll`,
      }),
    ];
  } finally {
    await app.stop();
    dir.remove();
  }
}

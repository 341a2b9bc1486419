import Parser from 'rss-parser';
import { decodeFeedBytes } from '../src/ingest/decode/index.js';
import { parseFeed } from '../src/ingest/parse/index.js';
import { figure, type Figure } from './support/figures.js';
import { largeFeed } from './support/feeds.js';
import { measure, measureAsync, median, pairedRatio, settle, type Timing } from './support/stats.js';
import { FIGURES } from './targets.js';

const ITEMS = 1000;
const BYTES = 2 * 1024 * 1024;
/**
 * Rounds of the pair. Each side's time varies widely from round to round (xml2js builds a large tree, and the
 * collections it causes land where they land), so single-round ratios spread from ~0.7 to ~1.8: the median needs
 * this many rounds to settle.
 */
const RUNS = 15;
const CONTENT_TYPE = 'application/rss+xml; charset=utf-8';

/**
 * decodeFeedBytes + parseFeed (what a poll does with a body) against rss-parser's parseString alone on the same bytes,
 * measured alternately in the same process so machine noise hits both alike.
 */
export async function run(): Promise<Figure[]> {
  const body = largeFeed(ITEMS, BYTES);
  const ours = () => {
    const result = parseFeed(decodeFeedBytes(body, CONTENT_TYPE), { baseUrl: 'https://news.example/world/rss' });
    if (!result.ok || result.items.length !== ITEMS) throw new Error(`parseFeed read ${result.ok ? result.items.length : result.error} items`);
  };
  const baseline = async () => {
    const feed = await new Parser({ defaultRSS: 2 }).parseString(body.toString('utf8'));
    if (feed.items.length !== ITEMS) throw new Error(`rss-parser read ${feed.items.length} items`);
  };

  ours();
  await baseline();
  const oursTimings: Timing[] = [];
  const baselineTimings: Timing[] = [];
  const measureOurs = async () => {
    await settle();
    oursTimings.push(measure(ours));
  };
  const measureBaseline = async () => {
    await settle();
    baselineTimings.push(await measureAsync(baseline));
  };
  for (let round = 0; round < RUNS; round += 1) {
    // Alternate which goes first, so neither always runs on a freshly collected heap.
    if (round % 2 === 0) {
      await measureOurs();
      await measureBaseline();
    } else {
      await measureBaseline();
      await measureOurs();
    }
  }
  const megabytes = body.length / 1e6;
  const wall = (timings: Timing[]) => timings.map((timing) => timing.wallMs);
  const cpu = (timings: Timing[]) => timings.map((timing) => timing.cpuMs);
  const ourTime = median(wall(oursTimings));
  const baselineTime = median(wall(baselineTimings));
  return [
    figure({
      ...FIGURES.parse,
      value: megabytes / (ourTime / 1000),
      runs: RUNS,
      baseline: { name: 'rss-parser parseString', value: megabytes / (baselineTime / 1000), unit: 'MB/s' },
      ratio: pairedRatio(wall(oursTimings), wall(baselineTimings)),
      note:
        `${megabytes.toFixed(2)} MB feed; median ${ourTime.toFixed(0)} ms vs rss-parser ${baselineTime.toFixed(0)} ms; ` +
        `ratio of CPU times ${pairedRatio(cpu(oursTimings), cpu(baselineTimings)).toFixed(2)}`,
    }),
  ];
}

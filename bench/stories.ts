import { StoryClusterer, type ClusterItem } from '../src/analysis/stories/index.js';
import { figure, type Figure } from './support/figures.js';
import { syntheticItems } from './support/items.js';
import { seededRandom } from '../test/support/random.js';
import { measure, median, settle, timeMs } from './support/stats.js';
import { FIGURES } from './targets.js';

const WINDOW_ITEMS = 10_000;
const RUNS = 5;
const ITEMS_PER_RUN = 100;
const WINDOW_HOURS = 48;
const HOUR_MS = 3_600_000;

/**
 * Reports of the same event published over a few hours and interleaved with other events, as a feed reader sees
 * them: 10,000 items fill the 48-hour window, then each run assigns the next items (the window keeps sliding).
 */
function timeline(count: number): ClusterItem[] {
  const next = seededRandom(41);
  const start = Date.UTC(2025, 7, 18);
  const spacing = ((WINDOW_HOURS - 1) * HOUR_MS) / WINDOW_ITEMS;
  return syntheticItems(count, 43, 0)
    .map((item, index) => ({ item, at: start + index * spacing + next() * 3 * HOUR_MS }))
    .sort((a, b) => a.at - b.at)
    .map(({ item, at }, index) => ({
      id: `item-${index}`,
      title: item.title,
      lede: item.lede,
      outlet: item.outlet,
      people: item.people,
      publishedAt: new Date(at),
    }));
}

export async function run(): Promise<Figure[]> {
  const items = timeline(WINDOW_ITEMS + RUNS * ITEMS_PER_RUN);
  const clusterer = new StoryClusterer({ windowHours: WINDOW_HOURS });
  const fillMs = timeMs(() => {
    for (const item of items.slice(0, WINDOW_ITEMS)) clusterer.assign(item);
  });
  const inWindow = clusterer.itemCount;
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let round = 0; round < RUNS; round += 1) {
    const batch = items.slice(WINDOW_ITEMS + round * ITEMS_PER_RUN, WINDOW_ITEMS + (round + 1) * ITEMS_PER_RUN);
    await settle();
    const { wallMs, cpuMs } = measure(() => {
      for (const item of batch) clusterer.assign(item);
    });
    times.push(wallMs / batch.length);
    cpuTimes.push(cpuMs / batch.length);
  }
  return [
    figure({
      ...FIGURES.stories,
      value: median(times),
      runs: RUNS,
      note:
        `${inWindow} items in the window before the runs (filled in ${(fillMs / 1000).toFixed(1)} s), ${clusterer.storyCount} stories at the end; ` +
        `${ITEMS_PER_RUN} items per run; CPU time ${median(cpuTimes).toFixed(2)} ms per item`,
    }),
  ];
}

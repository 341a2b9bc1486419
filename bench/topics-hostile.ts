import { hostileGuildTopics, type HostileShape } from '../test/support/hostile-topics.js';
import { capStoredExplanations, compileTopics, topicsFromJson, type MatchableItem, type TopicMatcher } from '../src/analysis/topics/index.js';
import { figure, type Figure } from './support/figures.js';
import { syntheticItems } from './support/items.js';
import { configuredPeople, projectFile } from './support/project.js';
import { measure, median, pairedRatio, settle, type Timing } from './support/stats.js';
import { FIGURES } from './targets.js';

const ITEMS = 2000;
const RUNS = 5;
const FULL_TEXT_SHARE = 0.3;
const SHAPES: HostileShape[] = ['flat', 'stems', 'near'];

/**
 * Items per second through TopicMatcher.match with the shipped 10 topics plus one server's 50 costliest topics the
 * guild limits accept (the costliest of the shapes in test/support/hostile-topics.ts), against the 10 topics alone on
 * the same items, measured alternately; and the bytes of explanation stored per matched item (capped as the topic
 * stage stores them).
 */
export async function run(): Promise<Figure[]> {
  const people = configuredPeople();
  const shipped = topicsFromJson(projectFile('config/topics.json'), 'config/topics.json', people);
  if (!shipped.ok) throw new Error(shipped.message);
  const items: MatchableItem[] = syntheticItems(ITEMS, 11, FULL_TEXT_SHARE).map(({ title, summary, content }) => ({ title, summary, content }));
  const matchAll = (matcher: TopicMatcher) => () => {
    for (const item of items) matcher.match(item);
  };
  const few = matchAll(shipped.matcher);
  few();

  let worst: { shape: HostileShape; matcher: TopicMatcher; ms: number } | undefined;
  for (const shape of SHAPES) {
    const compiled = compileTopics([...shipped.topics, ...hostileGuildTopics(shape)], people);
    if (!compiled.ok) throw new Error(`hostile topics (${shape}) did not compile: ${JSON.stringify(compiled.errors.slice(0, 3))}`);
    const hostile = matchAll(compiled.matcher);
    hostile();
    const ms = median([measure(hostile).cpuMs, measure(hostile).cpuMs, measure(hostile).cpuMs]);
    if (!worst || ms > worst.ms) worst = { shape, matcher: compiled.matcher, ms };
  }
  if (!worst) throw new Error('no hostile shape');
  const hostile = matchAll(worst.matcher);

  const fewTimings: Timing[] = [];
  const hostileTimings: Timing[] = [];
  for (let round = 0; round < RUNS; round += 1) {
    await settle();
    fewTimings.push(measure(few));
    await settle();
    hostileTimings.push(measure(hostile));
  }
  let matchedItems = 0;
  let storedBytes = 0;
  for (const item of items) {
    const matches = worst.matcher.match(item);
    if (matches.length > 0) matchedItems += 1;
    for (const match of capStoredExplanations(matches)) storedBytes += Buffer.byteLength(JSON.stringify(match.explain));
  }
  const rate = (timings: Timing[]) => ITEMS / (median(timings.map((timing) => timing.wallMs)) / 1000);
  const fewRate = rate(fewTimings);
  const explanationBytesPerItem = storedBytes / Math.max(1, matchedItems);
  return [
    figure({
      ...FIGURES.topicsHostile,
      value: rate(hostileTimings),
      runs: RUNS,
      baseline: { name: 'the same items with 10 topics', value: fewRate, unit: 'items/s' },
      ratio: pairedRatio(hostileTimings.map((timing) => timing.wallMs), fewTimings.map((timing) => timing.wallMs)),
      measures: { explanationBytesPerItem },
      note:
        `costliest shape "${worst.shape}" of ${SHAPES.join(', ')}; ${matchedItems} of ${ITEMS} items matched; ` +
        `${Math.round(explanationBytesPerItem)} bytes of stored explanation per matched item; ratio of CPU times ` +
        `${pairedRatio(hostileTimings.map((timing) => timing.cpuMs), fewTimings.map((timing) => timing.cpuMs)).toFixed(2)}`,
    }),
  ];
}

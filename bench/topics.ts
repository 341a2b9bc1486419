import { generateSyntheticTopics, syntheticSignature } from '../test/support/synthetic-topics.js';
import { compileTopics, topicsFromJson, type MatchableItem, type TopicMatcher } from '../src/analysis/topics/index.js';
import { figure, type Figure } from './support/figures.js';
import { syntheticItems } from './support/items.js';
import { configuredPeople, projectFile } from './support/project.js';
import { measure, median, pairedRatio, settle, type Timing } from './support/stats.js';
import { FIGURES } from './targets.js';

const ITEMS = 2000;
const RUNS = 5;
/** Share of items that carry the article text as well as headline and lede. */
const FULL_TEXT_SHARE = 0.3;
/**
 * Share of items whose lede names one generated topic's signature phrase, so that the 1,000-topic run measures
 * topics that fire (evaluated, scored, explained) and not only the path that rules them out.
 */
const FIRING_SHARE = 0.25;
const GENERATED_TOPICS = 990;

/**
 * Items per second through TopicMatcher.match with the shipped 10 topics, and with 990 generated topics added.
 * The 10-topic figure is on the plain items; the 1,000-topic figure's baseline is the 10 topics measured alternately
 * on the same items as it, those where a quarter name a generated topic.
 */
export async function run(): Promise<Figure[]> {
  const people = configuredPeople();
  const shipped = topicsFromJson(projectFile('config/topics.json'), 'config/topics.json', people);
  if (!shipped.ok) throw new Error(shipped.message);
  const many = compileTopics([...shipped.topics, ...generateSyntheticTopics(GENERATED_TOPICS)], people);
  if (!many.ok) throw new Error(`generated topics did not compile: ${JSON.stringify(many.errors.slice(0, 3))}`);

  const plainItems: MatchableItem[] = syntheticItems(ITEMS, 11, FULL_TEXT_SHARE).map(({ title, summary, content }) => ({ title, summary, content }));
  const items: MatchableItem[] = plainItems.map(({ title, summary, content }, index) => ({
    title,
    summary: firesGeneratedTopic(index) ? `${summary} Officials also discussed the ${syntheticSignature((index * 7) % GENERATED_TOPICS)} in Kyiv.` : summary,
    content,
  }));
  const headlinesOnly: MatchableItem[] = plainItems.map(({ title, summary }) => ({ title, summary }));
  let matched = 0;
  let matches = 0;
  const matchAll = (matcher: TopicMatcher, list: readonly MatchableItem[]) => () => {
    matched = 0;
    matches = 0;
    for (const item of list) {
      const found = matcher.match(item).length;
      matches += found;
      if (found > 0) matched += 1;
    }
  };
  const fewPlain = matchAll(shipped.matcher, plainItems);
  const few = matchAll(shipped.matcher, items);
  const thousand = matchAll(many.matcher, items);
  const fewHeadlines = matchAll(shipped.matcher, headlinesOnly);
  fewPlain();
  few();
  thousand();
  fewHeadlines();

  const fewPlainTimings: Timing[] = [];
  const fewTimings: Timing[] = [];
  const thousandTimings: Timing[] = [];
  const fewHeadlinesTimings: Timing[] = [];
  let matchedByFew = 0;
  let matchedByThousand = 0;
  let matchesByThousand = 0;
  for (let round = 0; round < RUNS; round += 1) {
    await settle();
    fewPlainTimings.push(measure(fewPlain));
    matchedByFew = matched;
    await settle();
    fewTimings.push(measure(few));
    await settle();
    thousandTimings.push(measure(thousand));
    matchedByThousand = matched;
    matchesByThousand = matches;
    await settle();
    fewHeadlinesTimings.push(measure(fewHeadlines));
  }
  const rate = (timings: Timing[], clock: keyof Timing) => ITEMS / (median(timings.map((timing) => timing[clock])) / 1000);
  const slowdown = (clock: keyof Timing) => pairedRatio(thousandTimings.map((timing) => timing[clock]), fewTimings.map((timing) => timing[clock]));
  const fewRate = rate(fewTimings, 'wallMs');
  const plainRate = rate(fewPlainTimings, 'wallMs');
  const thousandRate = rate(thousandTimings, 'wallMs');
  const headlineRate = rate(fewHeadlinesTimings, 'wallMs');
  const input = `${ITEMS} items (headline + lede, ${FULL_TEXT_SHARE * 100}% also with ~500-word text)`;
  return [
    figure({
      ...FIGURES.topics10,
      value: plainRate,
      runs: RUNS,
      note:
        `${input}; ${matchedByFew} matched a shipped topic; per CPU second ${Math.round(rate(fewPlainTimings, 'cpuMs'))} items; ` +
        `headline + lede alone: ${Math.round(headlineRate)} items/s`,
    }),
    figure({
      ...FIGURES.topics1000,
      value: thousandRate,
      runs: RUNS,
      baseline: { name: 'the same items with 10 topics', value: fewRate, unit: 'items/s' },
      ratio: slowdown('wallMs'),
      note:
        `shipped 10 + ${GENERATED_TOPICS} generated topics, ${FIRING_SHARE * 100}% of items naming a generated topic's signature; ` +
        `${matchedByThousand} items matched, ${matchesByThousand} matches in all per run; ` +
        `ratio of CPU times ${slowdown('cpuMs').toFixed(2)}`,
    }),
  ];
}

function firesGeneratedTopic(index: number): boolean {
  return index % Math.round(1 / FIRING_SHARE) === 0;
}

import { extractQuotes } from '../src/analysis/quotes/extract.js';
import { perArticleMs, syntheticArticles } from './support/articles.js';
import { figure, type Figure } from './support/figures.js';
import { configuredPeople } from './support/project.js';
import { median, settle } from './support/stats.js';
import { FIGURES } from './targets.js';

const ARTICLES = 40;
const RUNS = 5;
const WARM_UP_PASSES = 5;

/**
 * extractQuotes over ~1,000-word articles with the shipped people list: mean CPU time per article (process.cpuUsage,
 * so other processes on a shared machine do not count), median of runs; wall time in the note.
 */
export async function run(): Promise<Figure[]> {
  const people = configuredPeople();
  const { texts, meanWords } = syntheticArticles(ARTICLES, 1000, 21);
  let quotes = 0;
  const extract = (text: string) => {
    quotes += extractQuotes(text, { people }).length;
  };
  // A running bot has long compiled the extractor: warm it up so optimising compilers' threads are not timed.
  for (let pass = 0; pass < WARM_UP_PASSES; pass += 1) perArticleMs(texts, extract);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let round = 0; round < RUNS; round += 1) {
    await settle();
    quotes = 0;
    const { wallMs, cpuMs } = perArticleMs(texts, extract);
    times.push(wallMs);
    cpuTimes.push(cpuMs);
  }
  return [
    figure({
      ...FIGURES.quotes,
      value: median(cpuTimes),
      runs: RUNS,
      note: `${ARTICLES} articles, ${Math.round(meanWords)} words on average, wall time ${median(times).toFixed(2)} ms per article, ${(quotes / ARTICLES).toFixed(1)} quotes found per article`,
    }),
  ];
}

import { summarizeArticle } from '../src/analysis/summary/index.js';
import { perArticleMs, syntheticArticles } from './support/articles.js';
import { figure, type Figure } from './support/figures.js';
import { median, settle } from './support/stats.js';
import { FIGURES } from './targets.js';

const ARTICLES = 40;
const RUNS = 5;

/** summarizeArticle (3 sentences) over ~1,000-word articles: mean time per article, median of runs. */
export async function run(): Promise<Figure[]> {
  const { texts, meanWords } = syntheticArticles(ARTICLES, 1000, 31);
  let empty = 0;
  const summarize = (text: string) => {
    if (summarizeArticle(text).sentences.length === 0) empty += 1;
  };
  perArticleMs(texts, summarize);
  const times: number[] = [];
  const cpuTimes: number[] = [];
  for (let round = 0; round < RUNS; round += 1) {
    await settle();
    empty = 0;
    const { wallMs, cpuMs } = perArticleMs(texts, summarize);
    times.push(wallMs);
    cpuTimes.push(cpuMs);
  }
  if (empty > 0) throw new Error(`summarizeArticle returned no summary for ${empty} of ${ARTICLES} articles`);
  return [figure({ ...FIGURES.summary, value: median(times), runs: RUNS, note: `${ARTICLES} articles, ${Math.round(meanWords)} words on average, CPU time ${median(cpuTimes).toFixed(2)} ms per article` })];
}

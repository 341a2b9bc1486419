import { asReadFromStore } from './items.js';
import { article, countWords, storyEvent } from './news.js';
import { seededRandom } from '../../test/support/random.js';
import { measure, type Timing } from './stats.js';

export interface Articles {
  texts: string[];
  meanWords: number;
}

/** `count` different articles of about `words` words each. */
export function syntheticArticles(count: number, words: number, seed: number): Articles {
  const next = seededRandom(seed);
  const texts = Array.from({ length: count }, () => asReadFromStore(article(next, storyEvent(next), words)));
  const meanWords = texts.reduce((sum, text) => sum + countWords(text), 0) / texts.length;
  return { texts, meanWords };
}

/** Mean wall and CPU milliseconds per article of one pass of `work` over all articles. */
export function perArticleMs(texts: readonly string[], work: (text: string) => void): Timing {
  const { wallMs, cpuMs } = measure(() => {
    for (const text of texts) work(text);
  });
  return { wallMs: wallMs / texts.length, cpuMs: cpuMs / texts.length };
}

import { article, newsItem, storyEvent, type NewsItem } from './news.js';
import { chance, seededRandom } from '../../test/support/random.js';

export interface FeedItemText extends NewsItem {
  /** What the feed's description carries: the lede. */
  summary: string;
  /** Full article text for feeds that carry it (content:encoded or full-text fetch); '' otherwise. */
  content: string;
}

/**
 * News items as the pipeline sees them after parsing: headline, lede and, for a share of them, the article.
 * Several outlets report each event, as in real coverage.
 */
export function syntheticItems(count: number, seed: number, fullTextShare: number): FeedItemText[] {
  const next = seededRandom(seed);
  const items: FeedItemText[] = [];
  while (items.length < count) {
    const happening = storyEvent(next);
    const reports = 1 + Math.floor(next() * next() * 6);
    for (let report = 0; report < reports && items.length < count; report += 1) {
      const item = newsItem(next, happening);
      items.push({ ...item, summary: item.lede, content: chance(next, fullTextShare) ? article(next, happening, 500) : '' });
    }
  }
  return items;
}

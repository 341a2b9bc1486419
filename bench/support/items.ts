import { article, newsItem, storyEvent, type NewsItem } from './news.js';
import { chance, seededRandom } from '../../test/support/random.js';

export interface FeedItemText extends NewsItem {
  /** What the feed's description carries: the lede. */
  summary: string;
  /** Full article text for feeds that carry it (content:encoded or full-text fetch); '' otherwise. */
  content: string;
}

/**
 * Text as the pipeline reads it back from SQLite: better-sqlite3 decodes UTF-8 into a flat string, where the
 * generator's concatenations are string ropes that V8 reads more slowly, character by character.
 */
export function asReadFromStore(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/**
 * News items as the pipeline sees them after parsing and storage: headline, lede and, for a share of them, the article.
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
      const content = chance(next, fullTextShare) ? article(next, happening, 500) : '';
      items.push({ ...item, title: asReadFromStore(item.title), summary: asReadFromStore(item.lede), content: asReadFromStore(content) });
    }
  }
  return items;
}

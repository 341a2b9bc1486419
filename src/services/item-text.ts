import type { StoredItem } from '../store/items.js';

const LEDE_MAX_WORDS = 80;

/** The text analysis reads: the full content when the feed (or full-text fetch) gave one, else the summary. */
export function analysisText(item: StoredItem): string {
  return item.content.length > item.summary.length ? item.content : item.summary;
}

/** The lede: the feed's summary, else the content's first paragraph, cut to a lede's length. */
export function ledeOf(item: StoredItem): string {
  const source = item.summary || item.content.split(/\n\s*\n/)[0] || '';
  const words = source.split(/\s+/).filter(Boolean);
  return words.length > LEDE_MAX_WORDS ? words.slice(0, LEDE_MAX_WORDS).join(' ') : words.join(' ');
}

/**
 * When the item was published, epoch ms: the feed's date when it has one and it is not in the future
 * (clocks and feeds lie), else when we fetched it.
 */
export function publishedTime(item: StoredItem): number {
  const published = item.published ? Date.parse(item.published) : Number.NaN;
  return Number.isFinite(published) && published <= item.fetchedAt ? published : item.fetchedAt;
}

import { groupBySide, type Perspective, type SideGroup } from '../analysis/sides/index.js';
import type { ItemStore } from '../store/items.js';
import type { QuoteStore } from '../store/quotes.js';
import type { StoryStore } from '../store/stories.js';
import type { Viewer } from '../store/visibility.js';
import { publishedTime } from './item-text.js';
import { rankStoredQuotes } from './rank-stored-quotes.js';

export interface StorySidesDependencies {
  items: ItemStore;
  stories: StoryStore;
  quotes: QuoteStore;
  principalIds: ReadonlySet<string>;
  perspectives: readonly Perspective[];
}

/** One side's coverage of a story: its reports and its key quote, credited to a speaker. */
export interface StorySide extends SideGroup {
  keyQuote: { quote: string; speaker: string } | null;
}

/** A story side by side, as the viewer may see it: the sides in the order they first reported it. */
export interface StorySidesView {
  id: string;
  title: string;
  sides: StorySide[];
}

/** A side's key quote is chosen among the quotes of its latest reports: enough for the one that matters, bounded for big stories. */
const KEY_QUOTE_REPORTS = 25;

/** The story's reports the viewer may see, grouped by side, each side with its best quote that has a speaker. */
export async function readStorySides(deps: StorySidesDependencies, storyId: string, viewer: Viewer): Promise<StorySidesView | null> {
  const story = await deps.stories.byId(storyId, viewer);
  if (!story) return null;
  const reports = [];
  for (const id of await deps.stories.itemIds(storyId)) {
    const item = await deps.items.byId(id, viewer);
    if (item) reports.push({ itemId: item.id, outlet: item.outlet, title: item.title, link: item.link, publishedAt: publishedTime(item), perspective: item.perspective });
  }
  if (reports.length === 0) return null;
  const sides: StorySide[] = [];
  for (const group of groupBySide(reports, deps.perspectives)) {
    const itemIds = group.reports.slice(-KEY_QUOTE_REPORTS).map((report) => report.itemId);
    const ranked = rankStoredQuotes(await deps.quotes.topQuotesForItems(itemIds, viewer), deps.principalIds);
    const best = ranked.find((quote) => (quote.speaker ?? quote.speakerLabel ?? '').trim() !== '');
    sides.push({ ...group, keyQuote: best ? { quote: best.quote, speaker: (best.speaker ?? best.speakerLabel)! } : null });
  }
  return { id: story.id, title: story.title, sides };
}

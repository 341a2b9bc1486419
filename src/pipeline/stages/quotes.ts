import type { Person } from '../../analysis/people/schema.js';
import { extractQuotes } from '../../analysis/quotes/extract.js';
import type { StoredItem } from '../../store/items.js';
import type { QuoteStore, StoredQuote } from '../../store/quotes.js';
import { OPERATOR } from '../../store/visibility.js';
import { analysisText, publishedTime } from '../../services/item-text.js';

export interface QuoteStageDependencies {
  people: readonly Person[];
  quotes: QuoteStore;
}

/**
 * Extracts the item's quotations with their speakers, stores them merged with other outlets' copies, and returns the
 * item's direct quotes as stored: the merged wording and best attribution, most widely carried first. Read as the
 * operator: the item's quotes share its scope, so every guild that may see the item sees all of them.
 */
export async function storeQuotes(item: StoredItem, deps: QuoteStageDependencies): Promise<StoredQuote[]> {
  const found = extractQuotes(analysisText(item), { people: deps.people });
  const savedIds = await deps.quotes.saveForItem(item.id, publishedTime(item), found);
  return await deps.quotes.savedDirectQuotes(savedIds, OPERATOR);
}

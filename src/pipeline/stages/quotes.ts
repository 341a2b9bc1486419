import type { Person } from '../../analysis/people/schema.js';
import { extractQuotes } from '../../analysis/quotes/extract.js';
import type { QuoteStore } from '../../store/quotes.js';
import type { ItemStage } from '../item-stage.js';
import { analysisText, publishedTime } from '../item-text.js';

/** Extracts the item's quotations with their speakers and stores them, merged with other outlets' copies. */
export function quoteStage(deps: { people: readonly Person[]; quotes: QuoteStore }): ItemStage {
  return {
    name: 'quotes',
    process(item) {
      const found = extractQuotes(analysisText(item), { people: deps.people });
      deps.quotes.saveForItem(item.id, publishedTime(item), found);
    },
  };
}

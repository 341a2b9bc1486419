import { bareQuote } from '../analysis/quotes/display.js';
import { rankKeyQuotes, type KeyQuoteCandidate } from '../analysis/summary/index.js';
import type { StoredQuote } from '../store/quotes.js';

export type RankedQuote = KeyQuoteCandidate & { stored: StoredQuote };

/** Stored quotes as key-quote candidates (principals of the talks first), ranked, best first. */
export function rankStoredQuotes(quotes: readonly StoredQuote[], principalIds: ReadonlySet<string>, limit = Infinity): RankedQuote[] {
  const candidates = quotes.map((stored) => ({
    quote: bareQuote(stored.quote),
    speaker: stored.speaker,
    speakerId: stored.speakerId,
    speakerLabel: stored.speakerLabel,
    confidence: stored.confidence,
    outletCount: stored.outletCount,
    principal: stored.speakerId !== null && principalIds.has(stored.speakerId),
    stored,
  }));
  return rankKeyQuotes(candidates, limit);
}

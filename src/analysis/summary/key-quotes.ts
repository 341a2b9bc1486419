import { foldText } from '../../text/words.js';
import { bareQuote } from '../quotes/display.js';

/** A quotation offered as a key quote, from the quote extractor's output plus what is known about its speaker. */
export interface KeyQuoteCandidate {
  quote: string;
  /** Display name of the speaker; null when the speaker is unnamed or unknown. */
  speaker: string | null;
  /** Canonical person id when the speaker is a tracked person. */
  speakerId?: string | null;
  /** How the article describes an unnamed speaker ("one European diplomat"). */
  speakerLabel?: string | null;
  /** Attribution confidence from the extractor, 0..1. */
  confidence: number;
  /** Distinct outlets that carried the quote. */
  outletCount: number;
  /** The speaker is a principal of the talks. */
  principal: boolean;
}

/** A quotation of fewer words is a fragment ("robust", "historic"): evidence of a word choice, not a statement. */
const MIN_STATEMENT_WORDS = 5;

/** Words nobody can be credited with are no key quote: named, a tracked person, or at least described. */
function hasKnownSpeaker(candidate: KeyQuoteCandidate): boolean {
  return Boolean(candidate.speaker?.trim() || candidate.speakerId || candidate.speakerLabel?.trim());
}

/**
 * Orders quotes for display: named principals first, then other named speakers, speakers only described
 * ("a senior official") last; quotes whose speaker is unknown are left out, and each is shown bare (see bareQuote); within a
 * tier, whole statements before fragments, then by attribution confidence weighted by how many outlets carried the
 * quote, then longer first. The same quotation appearing twice is kept once (the better-attributed copy).
 */
export function rankKeyQuotes<T extends KeyQuoteCandidate>(candidates: readonly T[], limit = Infinity): T[] {
  const ranked = candidates.filter(hasKnownSpeaker).map((candidate) => ({ ...candidate, quote: bareQuote(candidate.quote) })).sort(compareCandidates);
  const seen = new Set<string>();
  const unique: T[] = [];
  for (const candidate of ranked) {
    const key = quoteKey(candidate.quote);
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(candidate);
    if (unique.length >= limit) break;
  }
  return unique;
}

function compareCandidates(a: KeyQuoteCandidate, b: KeyQuoteCandidate): number {
  return (
    tier(a) - tier(b) ||
    Number(isFragment(a.quote)) - Number(isFragment(b.quote)) ||
    weight(b) - weight(a) ||
    b.quote.length - a.quote.length
  );
}

function tier(candidate: KeyQuoteCandidate): number {
  if (!candidate.speaker && !candidate.speakerId) return 2;
  return candidate.principal ? 0 : 1;
}

function weight(candidate: KeyQuoteCandidate): number {
  return candidate.confidence * (1 + Math.log2(Math.max(1, candidate.outletCount)));
}

function isFragment(quote: string): boolean {
  return quote.split(/\s+/).filter(Boolean).length < MIN_STATEMENT_WORDS;
}

/** Quotation identity across outlets: letters and digits only, so curly/straight quotes and punctuation don't matter. */
export function quoteKey(quote: string): string {
  return foldText(quote).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** One outlet's copy of a quotation, as the story layer collects them. */
export interface OutletQuote extends Omit<KeyQuoteCandidate, 'outletCount'> {
  outlet: string;
}

/**
 * Merges copies of the same quotation from different outlets into one candidate each, counting distinct outlets.
 * A copy that is an excerpt (20+ characters) of a longer one counts for the longer one. The candidate keeps the
 * longest wording and the best attribution among the copies.
 */
export function mergeOutletQuotes(quotes: readonly OutletQuote[]): KeyQuoteCandidate[] {
  const groups: { key: string; longest: OutletQuote; attributed: OutletQuote; outlets: Set<string> }[] = [];
  for (const quote of [...quotes].sort((a, b) => b.quote.length - a.quote.length)) {
    const key = quoteKey(quote.quote);
    if (key.length === 0) continue;
    const group = groups.find((existing) => existing.key === key || (key.length >= 20 && existing.key.includes(key)));
    if (!group) {
      groups.push({ key, longest: quote, attributed: quote, outlets: new Set([quote.outlet]) });
      continue;
    }
    group.outlets.add(quote.outlet);
    if (attributionRank(quote) > attributionRank(group.attributed)) group.attributed = quote;
  }
  return groups.map(({ longest, attributed, outlets }) => ({
    quote: longest.quote,
    speaker: attributed.speaker,
    speakerId: attributed.speakerId ?? null,
    speakerLabel: attributed.speakerLabel ?? null,
    confidence: attributed.confidence,
    principal: attributed.principal,
    outletCount: outlets.size,
  }));
}

function attributionRank(quote: OutletQuote): number {
  return (quote.speaker || quote.speakerId ? 1 : 0) + quote.confidence / 2;
}

import type { SignalScore, TopicExplanation, TopicMatch } from './evaluate.js';

/**
 * Bounds on the explanations stored with an item's matches (item_topics.explain), so what a server's topics write
 * to the database per item stays small however many of them match: per topic the best rules with their first hits,
 * per item the best-scoring topics with hits; everything left out is counted in `omitted`.
 */
export const STORED_EXPLANATION_LIMITS = {
  /** Rules listed per topic, best points first. */
  rulesPerTopic: 5,
  /** Hits kept per rule (and ignored occurrences per topic). */
  hitsPerRule: 3,
  /** Topics per item whose explanations list rules and hits; the others keep status and score, and count the rest. */
  topicsWithHits: 10,
} as const;

/** The matches with explanations cut to STORED_EXPLANATION_LIMITS. Matches come best score first. */
export function capStoredExplanations(matches: readonly TopicMatch[]): TopicMatch[] {
  return matches.map((match, index) => ({ ...match, explain: capExplanation(match.explain, index < STORED_EXPLANATION_LIMITS.topicsWithHits) }));
}

function capExplanation(explain: TopicExplanation, detailed: boolean): TopicExplanation {
  const rulesAllowed = detailed ? STORED_EXPLANATION_LIMITS.rulesPerTopic : 0;
  const hitsAllowed = detailed ? STORED_EXPLANATION_LIMITS.hitsPerRule : 0;
  let omittedHits = (explain.omitted?.hits ?? 0) + explain.signals.slice(rulesAllowed).reduce((sum, signal) => sum + signal.hits.length, 0);
  const signals: SignalScore[] = explain.signals.slice(0, rulesAllowed).map((signal) => {
    omittedHits += Math.max(0, signal.hits.length - hitsAllowed);
    return signal.hits.length > hitsAllowed ? { ...signal, hits: signal.hits.slice(0, hitsAllowed) } : signal;
  });
  const ignored = explain.ignored && explain.ignored.length > hitsAllowed ? explain.ignored.slice(0, hitsAllowed) : explain.ignored;
  omittedHits += (explain.ignored?.length ?? 0) - (ignored?.length ?? 0);
  const omittedRules = (explain.omitted?.rules ?? 0) + Math.max(0, explain.signals.length - rulesAllowed);
  const omitted = omittedRules > 0 || omittedHits > 0 ? { rules: omittedRules, hits: omittedHits } : undefined;
  return { ...explain, signals, ignored: ignored?.length ? ignored : undefined, omitted };
}

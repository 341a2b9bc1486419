import { GUILD_TOPIC_LIMITS, STEM_COST, TOPIC_BASE_COST } from '../../src/analysis/topics/guild-limits.js';
import type { TopicDefinition } from '../../src/analysis/topics/schema.js';

/**
 * The costliest guild topics the limits accept, for the benchmark and the limits test: one server's full set (50
 * topics) spending its whole budget on the words news copy repeats most (no function words, which the limits reject),
 * at the highest weight, so every topic matches almost every item with many hits to explain.
 *
 * Shapes: `flat` spreads the budget evenly as anyOf words; `stems` does the same with 4-letter stems; `near` puts it
 * into topics at the per-topic limit, each with two near rules of six words a side at the widest `within`.
 */
export type HostileShape = 'flat' | 'stems' | 'near';

export const HOSTILE_TOPIC_COUNT = 50;

/** Words a news item about the talks repeats most (see bench/support/news.ts), none of them a function word. */
const COMMON_WORDS = [
  'said', 'Ukraine', 'talks', 'Russian', 'European', 'Russia', 'Kyiv', 'Moscow', 'Ukrainian', 'force', 'week', 'drones',
  'deal', 'officials', 'reported', 'sanctions', 'according', 'leaders', 'peace', 'delegations', 'overnight', 'war',
  'forces', 'meet', 'table', 'speaking', 'oil', 'air', 'president', 'agreement',
];
const COMMON_STEMS = ['said*', 'ukra*', 'talk*', 'russ*', 'euro*', 'forc*', 'offi*', 'kyiv*', 'mosc*', 'dron*', 'meet*', 'repo*', 'dele*', 'deal*', 'sanc*', 'lead*'];

const rotated = (list: readonly string[], from: number, count: number) => Array.from({ length: count }, (_, index) => list[(from + index) % list.length] as string);

function topic(index: number, rules: TopicDefinition['rules']): TopicDefinition {
  return { id: `hostile-${index}`, name: `Hostile ${index}`, description: 'Costs as much as the limits allow.', threshold: 0.1, rules };
}

export function hostileGuildTopics(shape: HostileShape): TopicDefinition[] {
  const { costPerGuild, costPerTopic, termsPerNearSide, within, termsPerTopic } = GUILD_TOPIC_LIMITS;
  const perTopic = Math.floor(costPerGuild / HOSTILE_TOPIC_COUNT) - TOPIC_BASE_COST;
  if (shape === 'flat') {
    return Array.from({ length: HOSTILE_TOPIC_COUNT }, (_, index) => topic(index, { anyOf: [{ terms: rotated(COMMON_WORDS, index, perTopic), weight: 10 }] }));
  }
  if (shape === 'stems') {
    const stems = Math.min(COMMON_STEMS.length, Math.floor(perTopic / (1 + STEM_COST)));
    return Array.from({ length: HOSTILE_TOPIC_COUNT }, (_, index) => topic(index, { anyOf: [{ terms: rotated(COMMON_STEMS, index, stems), weight: 10 }] }));
  }
  // Heavy topics at the per-topic limit, the rest as cheap as a topic can be (one word), within the server's budget.
  const cheapest = TOPIC_BASE_COST + 1;
  const heavyCount = Math.floor((costPerGuild - HOSTILE_TOPIC_COUNT * cheapest) / (costPerTopic - cheapest));
  return Array.from({ length: HOSTILE_TOPIC_COUNT }, (_, index) => {
    if (index >= heavyCount) return topic(index, { anyOf: [{ terms: rotated(COMMON_WORDS, index, 1), weight: 10 }] });
    const nearRule = (from: number) => ({
      terms: rotated(COMMON_WORDS, index + from, termsPerNearSide),
      near: rotated(COMMON_WORDS, index + from + termsPerNearSide, termsPerNearSide),
      within,
      weight: 10,
      required: false,
    });
    const nearCost = 2 * (2 * termsPerNearSide + termsPerNearSide * termsPerNearSide);
    const anyOfWords = Math.min(termsPerTopic - 4 * termsPerNearSide, costPerTopic - TOPIC_BASE_COST - nearCost);
    return topic(index, { near: [nearRule(0), nearRule(12)], anyOf: [{ terms: rotated(COMMON_WORDS, index + 3, anyOfWords), weight: 10 }] });
  });
}

import { inWindow, usagesOfTopic, type CompiledRules, type CompiledTopic, type TopicUsages } from './compile.js';
import { MAX_HITS_SHOWN, toHundredths, type TopicMatch } from './evaluate.js';
import { FIELDS } from './fields.js';
import type { ItemField } from './schema.js';

const FIELD_INDEX: Record<ItemField, number> = { title: FIELDS.indexOf('title'), lede: FIELDS.indexOf('lede'), body: FIELDS.indexOf('body') };
import type { PatternOccurrences } from './occurrences.js';

/**
 * A matched topic scored without its hits, for topics made only of anyOf/allOf groups (no near rules, context,
 * exclusions or ignore phrases): a group scores at the best-weighted field it occurs in, so counting its occurrences
 * per field is enough. What the matcher writes for an item's topics past the best few (see summarizeTopic).
 */
export interface QuickScore {
  index: number;
  topic: CompiledTopic;
  score: number;
  /** Rules that counted, and the hits an explanation would show of them. */
  rules: number;
  hits: number;
}

/** Per topic, whether quickScore can score it: only groups, and every use of its words is one of theirs. */
export function quickScorable(rules: CompiledRules): boolean[] {
  const scorable = rules.topics.map((topic) => !topic.hasIgnoreRules && !topic.needsContext && topic.signals.every((signal) => signal.kind === 'group'));
  for (const groups of rules.usageGroups) {
    for (const group of groups) {
      if (group.usages.some((usage) => usage.role !== 'signal')) scorable[group.topic] = false;
    }
  }
  return scorable;
}

/**
 * Scores a group-only topic from its patterns' occurrences, counting at most MAX_HITS_SHOWN per rule and field as
 * the matcher keeps hits; undefined when it does not match (below threshold, or a required group missing).
 * `counts` is scratch of at least signals × fields entries.
 */
export function quickScore(
  index: number,
  topic: CompiledTopic,
  patterns: readonly number[],
  usageGroups: readonly TopicUsages[][],
  occurrences: PatternOccurrences,
  counts: Uint8Array,
  time: number,
): QuickScore | undefined {
  const fieldCount = FIELDS.length;
  counts.fill(0, 0, fieldCount * topic.signals.length);
  for (const pattern of patterns) {
    const usages = usagesOfTopic(usageGroups[pattern], index);
    if (usages === undefined) continue;
    for (const usage of usages) {
      for (let occurrence = occurrences.first(pattern); occurrence >= 0; occurrence = occurrences.next(occurrence)) {
        const field = occurrences.field(occurrence);
        const slot = usage.signal * fieldCount + field;
        if ((counts[slot] ?? 0) >= MAX_HITS_SHOWN) {
          if (field === fieldCount - 1) break;
          continue;
        }
        counts[slot] = (counts[slot] ?? 0) + 1;
      }
    }
  }
  const points: number[] = [];
  let hits = 0;
  for (let signalIndex = 0; signalIndex < topic.signals.length; signalIndex += 1) {
    const signal = topic.signals[signalIndex];
    if (signal === undefined) continue;
    let evidence = 0;
    let bestWeight = 0;
    if (inWindow(signal, time)) {
      for (const field of signal.fields) {
        const count = counts[signalIndex * fieldCount + FIELD_INDEX[field]] ?? 0;
        if (count === 0) continue;
        evidence += count;
        bestWeight = Math.max(bestWeight, topic.fieldWeights[field]);
      }
    }
    if (evidence === 0) {
      if (signal.required) return undefined;
      continue;
    }
    points.push(toHundredths(signal.weight * bestWeight));
    hits += Math.min(MAX_HITS_SHOWN, evidence);
  }
  // Summed best first, as scoreTopic sums them, so that both give the same score to the last bit.
  if (points.length > 1) points.sort((a, b) => b - a);
  let sum = 0;
  for (const value of points) sum += value;
  const score = toHundredths(sum);
  return score >= topic.threshold ? { index, topic, score, rules: points.length, hits } : undefined;
}

/** The quickly scored topic as summarizeTopic writes a matched one: status, score and what was left out. */
export function quickSummary({ topic, score, rules, hits }: QuickScore): TopicMatch {
  return {
    topicId: topic.id,
    score,
    explain: {
      status: 'matched',
      score,
      threshold: topic.threshold,
      signals: [],
      ignored: undefined,
      context: undefined,
      excludedBy: undefined,
      missing: undefined,
      omitted: rules > 0 || hits > 0 ? { rules, hits } : undefined,
    },
  };
}

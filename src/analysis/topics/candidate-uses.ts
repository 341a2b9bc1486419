/**
 * How TopicCandidates indexes the compiled rules: for each pattern, the rules and gates its occurrences raise, as
 * parallel typed arrays. Example: if "peace talks" is a 2-point term of topic 3's rule in slot 1, signals[pattern]
 * holds topics [3], slots [1], sides [0]; a context term sets CONTEXT_SEEN in gates[pattern].flags instead.
 */
import { bestFieldWeight, type CompiledRules, type CompiledTopic, type PatternUsage } from './compile.js';
import { toHundredths } from './evaluate.js';

/** Flags per topic per item: a context term occurred; an exclude term occurred (in a topic without ignore phrases). */
export const CONTEXT_SEEN = 1;
export const EXCLUDED = 2;

/** Sides of a near rule, as bits per field in `nearSidesSeen` (two bits per field, in FIELDS order). */
export const NEAR_LEFT = 1;
export const NEAR_RIGHT = 2;
export const BOTH_SIDES = NEAR_LEFT | NEAR_RIGHT;

/** Uses of patterns by scoring rules, as parallel arrays (the hot loop of matching). */
export interface SignalUses {
  topics: Int32Array;
  slots: Int32Array;
  /** NEAR_LEFT or NEAR_RIGHT for a side of a near rule, 0 for a term of a group. */
  sides: Uint8Array;
}

/** Uses of patterns as context or exclude terms, with the flag an occurrence sets. */
export interface GateUses {
  topics: Int32Array;
  flags: Uint8Array;
}

/** A topic's uses that are only looked at once its trigger rule occurred: by pattern, in parallel arrays. */
export interface DeferredUses {
  signalPatterns: Int32Array;
  signals: SignalUses;
  gatePatterns: Int32Array;
  gates: GateUses;
}

interface TopicUse {
  pattern: number;
  topic: number;
  slot: number;
  side: number;
  flags: number;
}

/**
 * A topic's other uses are deferred until its trigger rule occurs only when there are at most this many: checking
 * them after reading then costs no more than noting them while reading would (large curated topics are noted as
 * read; generated or guild topics of a signature phrase and a few common words are deferred).
 */
const MAX_DEFERRED_USES = 16;

const sideOf = (usage: PatternUsage): number => (usage.role === 'near-left' ? NEAR_LEFT : usage.role === 'near-right' ? NEAR_RIGHT : 0);

function signalUses(uses: readonly TopicUse[]): SignalUses {
  return {
    topics: Int32Array.from(uses, (use) => use.topic),
    slots: Int32Array.from(uses, (use) => use.slot),
    sides: Uint8Array.from(uses, (use) => use.side),
  };
}

function gateUses(uses: readonly TopicUse[]): GateUses {
  return { topics: Int32Array.from(uses, (use) => use.topic), flags: Uint8Array.from(uses, (use) => use.flags) };
}

/**
 * The rule a topic cannot match without, if it has one: a required rule, or one whose points the others cannot
 * make up for. The topic is only worth a look once that rule's terms occur, which with many topics sharing common
 * news words ("Ukraine", "talks") spares looking at most of them for most items. -1 when every rule can be missed.
 */
function triggerRule(topic: CompiledTopic): number {
  const points = topic.signals.map((signal) => toHundredths(signal.weight * bestFieldWeight(topic.fieldWeights, signal)));
  const reachable = points.reduce((sum, value) => sum + value, 0);
  return topic.signals.findIndex((signal, index) => signal.required || toHundredths(reachable - (points[index] ?? 0)) < topic.threshold);
}

/** Where each pattern's uses go: noted as the item is read, or deferred until their topic's trigger rule occurs. */
export interface IndexedUses {
  signals: (SignalUses | undefined)[];
  gates: (GateUses | undefined)[];
  deferred: (DeferredUses | undefined)[];
  deferringTopics: number[];
}

export function indexUses(rules: CompiledRules): IndexedUses {
  const { topics } = rules;
  // Every use of every pattern, per topic: signal uses with the rule they feed, and context/exclude uses.
  const signalUsesOf: (TopicUse & { signal: number })[][] = topics.map(() => []);
  const gateUsesOf: TopicUse[][] = topics.map(() => []);
  rules.usageGroups.forEach((groups, pattern) => {
    for (const { topic, usages } of groups ?? []) {
      for (const usage of usages.filter((candidate) => candidate.signal >= 0)) {
        signalUsesOf[topic]?.push({ pattern, topic, slot: usage.slot, side: sideOf(usage), flags: 0, signal: usage.signal });
      }
      const context = usages.some((usage) => usage.role === 'context') ? CONTEXT_SEEN : 0;
      const excluded = usages.some((usage) => usage.role === 'exclude') && !topics[topic]?.hasIgnoreRules ? EXCLUDED : 0;
      if ((context | excluded) !== 0) gateUsesOf[topic]?.push({ pattern, topic, slot: -1, side: 0, flags: context | excluded });
    }
  });
  const triggers = topics.map((topic, index) => {
    const trigger = triggerRule(topic);
    const deferredCount = (signalUsesOf[index] ?? []).filter((use) => use.signal !== trigger).length + (gateUsesOf[index]?.length ?? 0);
    return deferredCount <= MAX_DEFERRED_USES ? trigger : -1;
  });
  const signalsNow: TopicUse[][] = [];
  const gatesNow: TopicUse[][] = [];
  const signalsLater: TopicUse[][] = topics.map(() => []);
  const gatesLater: TopicUse[][] = topics.map(() => []);
  topics.forEach((_, topic) => {
    const trigger = triggers[topic] ?? -1;
    for (const use of signalUsesOf[topic] ?? []) {
      (trigger >= 0 && use.signal !== trigger ? signalsLater[topic] : (signalsNow[use.pattern] ??= []))?.push(use);
    }
    for (const use of gateUsesOf[topic] ?? []) (trigger >= 0 ? gatesLater[topic] : (gatesNow[use.pattern] ??= []))?.push(use);
  });
  const signals = Array.from({ length: rules.trie.size }, (_, pattern) => (signalsNow[pattern] ? signalUses(signalsNow[pattern]) : undefined));
  const gates = Array.from({ length: rules.trie.size }, (_, pattern) => (gatesNow[pattern] ? gateUses(gatesNow[pattern]) : undefined));
  const deferred = topics.map((_, topic) =>
    (triggers[topic] ?? -1) < 0
      ? undefined
      : {
          signalPatterns: Int32Array.from(signalsLater[topic] ?? [], (use) => use.pattern),
          signals: signalUses(signalsLater[topic] ?? []),
          gatePatterns: Int32Array.from(gatesLater[topic] ?? [], (use) => use.pattern),
          gates: gateUses(gatesLater[topic] ?? []),
        },
  );
  const deferringTopics = topics.flatMap((_, topic) => ((triggers[topic] ?? -1) >= 0 ? [topic] : []));
  return { signals, gates, deferred, deferringTopics };
}

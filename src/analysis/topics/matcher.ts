import type { CompiledRules, PatternUsage, TopicUsages } from './compile.js';
import { evaluateTopic, type TopicHit, type TopicMatch } from './evaluate.js';
import { itemFields, type FieldTokens, type MatchableItem } from './fields.js';
import type { ItemField } from './schema.js';
import { WordSpans } from '../../text/words.js';

/** Where a pattern occurred in the item. */
interface Occurrence {
  field: FieldTokens;
  first: number;
  end: number;
}

const FIELDS: readonly ItemField[] = ['title', 'lede', 'body'];

/** Flags per topic per item: a context term occurred; an exclude term occurred (in a topic without ignore phrases). */
const CONTEXT_SEEN = 1;
const EXCLUDED = 2;

/** Per pattern, the topics whose context or exclude term it is, with the flag an occurrence sets. */
interface GateIndex {
  topics: Int32Array;
  flags: Uint8Array;
}

/** Per pattern, the scoring rules it feeds, as parallel arrays (the hot loop of matching). */
interface SignalIndex {
  topics: Int32Array;
  slots: Int32Array;
  /** NEAR_LEFT or NEAR_RIGHT for a side of a near rule, 0 for a term of a group. */
  sides: Uint8Array;
}

/** Sides of a near rule, as bits per field in `nearSidesSeen` (two bits per field, in FIELDS order). */
const NEAR_LEFT = 1;
const NEAR_RIGHT = 2;
const BOTH_SIDES = NEAR_LEFT | NEAR_RIGHT;

/**
 * Matches items against compiled topics. Build it once with compileTopics, then call match() per item.
 * The item's words are looked up once in a trie of all topics' phrases; a topic is only looked at when one
 * of its scoring terms occurs, and only explained when its best possible score reaches its threshold.
 * So the cost follows the item and the topics it touches, not the number of topics.
 */
export class TopicMatcher {
  private readonly signals: (SignalIndex | undefined)[];
  /** Where each topic's signals start in the flat per-signal arrays. */
  private readonly signalOffset: Int32Array;
  private readonly signalWeight: Float64Array;
  /** Field weights per topic, three per topic in FIELDS order. */
  private readonly fieldWeight: Float64Array;
  /**
   * Scratch per item: the best field weight each signal occurred in, -1 when it did not (reset after each item). A near
   * rule counts as occurring in a field only once both its sides have: a bound that ignores distance, but not sides.
   */
  private readonly bestFieldWeight: Float64Array;
  /** Scratch per item: per near rule's slot, the sides seen in each field (reset after each item). */
  private readonly nearSidesSeen: Uint8Array;
  /** Scratch per item: 1 for topics already listed as candidates (reset after each item). */
  private readonly isCandidate: Uint8Array;
  /** 1 for signals that must occur for the topic to match (allOf groups, required near rules). */
  private readonly signalRequired: Uint8Array;
  private readonly gates: (GateIndex | undefined)[];
  /** Scratch per item: CONTEXT_SEEN and EXCLUDED per topic (reset after each item). */
  private readonly topicFlags: Uint8Array;
  /** Scratch per item: each pattern's occurrences, in reading order (emptied after each item). */
  private readonly occurrences: (Occurrence[] | undefined)[];
  /** Scratch per item: the words of its fields. */
  private readonly words = new WordSpans();

  constructor(private readonly rules: CompiledRules) {
    const { topics } = rules;
    this.signalOffset = new Int32Array(topics.length + 1);
    this.fieldWeight = new Float64Array(topics.length * FIELDS.length);
    const weights: number[] = [];
    topics.forEach((topic, index) => {
      this.signalOffset[index] = weights.length;
      weights.push(...topic.signals.map((signal) => signal.weight));
      FIELDS.forEach((field, fieldIndex) => (this.fieldWeight[index * FIELDS.length + fieldIndex] = topic.fieldWeights[field]));
    });
    this.signalOffset[topics.length] = weights.length;
    this.signalWeight = Float64Array.from(weights);
    this.signalRequired = Uint8Array.from(topics.flatMap((topic) => topic.signals.map((signal) => (signal.required ? 1 : 0))));
    this.topicFlags = new Uint8Array(topics.length);
    this.gates = rules.usageGroups.map((groups) => {
      const gated = (groups ?? []).flatMap(({ topic, usages }) => {
        const context = usages.some((usage) => usage.role === 'context') ? CONTEXT_SEEN : 0;
        const excluded = usages.some((usage) => usage.role === 'exclude') && !topics[topic]?.hasIgnoreRules ? EXCLUDED : 0;
        return context | excluded ? [{ topic, flags: context | excluded }] : [];
      });
      return gated.length > 0 ? { topics: Int32Array.from(gated, (gate) => gate.topic), flags: Uint8Array.from(gated, (gate) => gate.flags) } : undefined;
    });
    this.bestFieldWeight = new Float64Array(weights.length).fill(-1);
    this.nearSidesSeen = new Uint8Array(weights.length);
    this.isCandidate = new Uint8Array(topics.length);
    this.occurrences = new Array<Occurrence[] | undefined>(rules.trie.size).fill(undefined);
    const sideOf = (usage: PatternUsage): number => (usage.role === 'near-left' ? NEAR_LEFT : usage.role === 'near-right' ? NEAR_RIGHT : 0);
    this.signals = rules.signalUsages.map((usages) =>
      usages
        ? {
            topics: Int32Array.from(usages, (usage) => usage.topic),
            slots: Int32Array.from(usages, (usage) => usage.slot),
            sides: Uint8Array.from(usages, sideOf),
          }
        : undefined,
    );
  }

  get topicIds(): string[] {
    return this.rules.topics.map((topic) => topic.id);
  }

  /** Topics the item matches, best score first, each with its explanation. Pure: same item, same result. */
  match(item: MatchableItem): TopicMatch[] {
    return this.run(item, false);
  }

  /**
   * Every topic with a scoring term in the item, matched or not, with the reason (below threshold, excluded,
   * missing context or required group): what a moderator needs to see why an alert did or did not fire.
   */
  evaluate(item: MatchableItem): TopicMatch[] {
    return this.run(item, true);
  }

  private run(item: MatchableItem, everyCandidate: boolean): TopicMatch[] {
    const occurredPatterns: number[] = [];
    const candidates: number[] = [];
    const flaggedTopics: number[] = [];
    for (const field of itemFields(item, this.words)) {
      const fieldIndex = FIELDS.indexOf(field.field);
      this.rules.trie.findAll(field, (pattern, first, end) => {
        const found = this.occurrences[pattern];
        const seenInField = found !== undefined && found[found.length - 1]?.field === field;
        if (found === undefined) {
          this.occurrences[pattern] = [{ field, first, end }];
          occurredPatterns.push(pattern);
          const gates = this.gates[pattern];
          if (gates) this.noteGates(gates, flaggedTopics);
        } else found.push({ field, first, end });
        // What a pattern adds to the bounds depends only on the fields it occurs in, not on how often.
        const signals = this.signals[pattern];
        if (signals && !seenInField) this.noteSignals(signals, fieldIndex, candidates);
      });
    }
    for (const topic of candidates) this.isCandidate[topic] = 0;
    const worthEvaluating = candidates.filter((index) => {
      const bound = this.takeUpperBound(index);
      return everyCandidate || (bound >= (this.rules.topics[index]?.threshold ?? 0) && this.mayMatch(index));
    });
    for (const topic of flaggedTopics) this.topicFlags[topic] = 0;
    const results: TopicMatch[] = [];
    try {
      for (const index of worthEvaluating) {
        const topic = this.rules.topics[index];
        const result = topic && evaluateTopic(topic, this.hitsOf(index, topic.hasIgnoreRules, occurredPatterns), everyCandidate);
        if (result) results.push(result);
      }
    } finally {
      for (const pattern of occurredPatterns) this.occurrences[pattern] = undefined;
    }
    return results.sort((a, b) => b.score - a.score || a.topicId.localeCompare(b.topicId));
  }

  /**
   * The topic's hits, pattern by pattern in the order they first occurred. Only the first occurrence of a context or
   * exclude term can matter (the first one found decides) unless an ignore phrase could discount it: skipping the
   * rest keeps article bodies, where "Ukraine" occurs dozens of times, cheap.
   */
  private hitsOf(topic: number, hasIgnoreRules: boolean, occurredPatterns: readonly number[]): TopicHit[] {
    const hits: TopicHit[] = [];
    for (const pattern of occurredPatterns) {
      const usages = usagesOfTopic(this.rules.usageGroups[pattern], topic);
      const found = this.occurrences[pattern];
      if (usages === undefined || found === undefined) continue;
      for (const usage of usages) {
        const firstDecides = !hasIgnoreRules && (usage.role === 'context' || usage.role === 'exclude');
        const count = firstDecides ? 1 : found.length;
        for (let index = 0; index < count; index += 1) {
          const occurrence = found[index];
          if (occurrence) hits.push({ usage, field: occurrence.field, first: occurrence.first, end: occurrence.end });
        }
      }
    }
    return hits;
  }

  private noteSignals(signals: SignalIndex, fieldIndex: number, candidates: number[]): void {
    const { topics, slots, sides } = signals;
    for (let index = 0; index < topics.length; index += 1) {
      const topic = topics[index] ?? 0;
      const slot = slots[index] ?? 0;
      const side = sides[index] ?? 0;
      const weight = this.fieldWeight[topic * FIELDS.length + fieldIndex] ?? 0;
      if (this.isCandidate[topic] === 0) {
        this.isCandidate[topic] = 1;
        candidates.push(topic);
      }
      if (side !== 0) {
        const seen = (this.nearSidesSeen[slot] ?? 0) | (side << (fieldIndex * 2));
        this.nearSidesSeen[slot] = seen;
        if (((seen >> (fieldIndex * 2)) & BOTH_SIDES) !== BOTH_SIDES) continue;
      }
      if (weight > (this.bestFieldWeight[slot] ?? -1)) this.bestFieldWeight[slot] = weight;
    }
  }

  private noteGates(gates: GateIndex, flaggedTopics: number[]): void {
    const { topics, flags } = gates;
    for (let index = 0; index < topics.length; index += 1) {
      const topic = topics[index] ?? 0;
      if (this.topicFlags[topic] === 0) flaggedTopics.push(topic);
      this.topicFlags[topic] = (this.topicFlags[topic] ?? 0) | (flags[index] ?? 0);
    }
  }

  /** False when the topic cannot match whatever its score: an exclusion occurred, or its required context did not. */
  private mayMatch(topic: number): boolean {
    const flags = this.topicFlags[topic] ?? 0;
    return (flags & EXCLUDED) === 0 && (!this.rules.topics[topic]?.needsContext || (flags & CONTEXT_SEEN) !== 0);
  }

  /**
   * A ceiling on the topic's score (each rule at the best field it occurred in, before exclusions, context and
   * proximity distance), or -1 when a required rule did not occur; resets the scratch slots for the next item.
   */
  private takeUpperBound(topic: number): number {
    const end = this.signalOffset[topic + 1] ?? 0;
    let bound = 0;
    let missingRequired = false;
    for (let slot = this.signalOffset[topic] ?? 0; slot < end; slot += 1) {
      const best = this.bestFieldWeight[slot] ?? -1;
      if (best < 0 && this.signalRequired[slot] === 1) missingRequired = true;
      bound += (this.signalWeight[slot] ?? 0) * Math.max(best, 0);
      this.bestFieldWeight[slot] = -1;
      this.nearSidesSeen[slot] = 0;
    }
    return missingRequired ? -1 : bound;
  }
}

/** The topic's group among a pattern's usage groups (which are in topic order): a binary search. */
function usagesOfTopic(groups: readonly TopicUsages[] | undefined, topic: number): PatternUsage[] | undefined {
  if (groups === undefined) return undefined;
  let low = 0;
  let high = groups.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const group = groups[middle];
    if (group === undefined) return undefined;
    if (group.topic === topic) return group.usages;
    if (group.topic < topic) low = middle + 1;
    else high = middle - 1;
  }
  return undefined;
}

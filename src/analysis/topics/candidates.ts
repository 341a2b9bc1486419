/**
 * Per item, which topics can still reach their threshold: as patterns occur, each topic's bound (the points it
 * could score) rises by the rules they serve, and only topics whose bound reaches the threshold are evaluated.
 * Example: a topic with threshold 3 whose only pattern in the item is a 1-point term has a bound of 1, so
 * evaluate() never runs for it. Small topics with a rule they cannot match without wait for that rule.
 */
import { BOTH_SIDES, CONTEXT_SEEN, EXCLUDED, indexUses, type DeferredUses, type GateUses, type SignalUses } from './candidate-uses.js';
import { inWindow, type CompiledRules, type CompiledSignal, type CompiledTopic } from './compile.js';
import { toHundredths } from './evaluate.js';
import { FIELDS } from './fields.js';

/**
 * Which topics an item's terms make worth scoring. While the trie reports occurrences, the matcher tells it each
 * pattern's first occurrence in the item and in each field; it keeps, per rule, the best field weight it occurred in
 * (a near rule only where both its sides did) and, per topic, whether a context or exclude term occurred. `take()`
 * then returns the topics whose score can reach their threshold and resets everything for the next item.
 */
export class TopicCandidates {
  private readonly topics: readonly CompiledTopic[];
  /** Per pattern, the uses noted as the item is read. */
  private readonly signals: (SignalUses | undefined)[];
  private readonly gates: (GateUses | undefined)[];
  /** Per topic with a trigger rule, its other uses, noted after reading only if the trigger occurred. */
  private readonly deferred: (DeferredUses | undefined)[];
  private readonly deferringTopics: number[];
  /** Where each topic's rules start in the flat per-rule arrays. */
  private readonly signalOffset: Int32Array;
  private readonly signalWeight: Float64Array;
  /** 1 for rules that must occur for the topic to match (allOf groups, required near rules). */
  private readonly signalRequired: Uint8Array;
  /** Field weights per rule, three per rule in FIELDS order; -1 for a field the rule does not count in. */
  private readonly fieldWeight: Float64Array;
  /** The rules with a date window, by slot (undefined for the others). */
  private readonly windowed: (CompiledSignal | undefined)[];
  /** Scratch per item: the best field weight each rule occurred in, -1 when it did not. */
  private readonly bestFieldWeight: Float64Array;
  /** Scratch per item: per near rule, the sides seen in each field. */
  private readonly nearSidesSeen: Uint8Array;
  /** Scratch per item: the fields each pattern occurred in, a bit per field. */
  private readonly patternFields: Uint8Array;
  /** Scratch per item: CONTEXT_SEEN and EXCLUDED per topic. */
  private readonly topicFlags: Uint8Array;
  private readonly isCandidate: Uint8Array;
  private readonly candidates: number[] = [];
  private readonly flaggedTopics: number[] = [];

  constructor(rules: CompiledRules) {
    const { topics } = rules;
    this.topics = topics;
    this.signalOffset = new Int32Array(topics.length + 1);
    const weights: number[] = [];
    const fieldWeights: number[] = [];
    this.windowed = [];
    topics.forEach((topic, index) => {
      this.signalOffset[index] = weights.length;
      for (const signal of topic.signals) {
        this.windowed[weights.length] = signal.window === undefined ? undefined : signal;
        weights.push(signal.weight);
        fieldWeights.push(...FIELDS.map((field) => (signal.fields.includes(field) ? topic.fieldWeights[field] : -1)));
      }
    });
    this.signalOffset[topics.length] = weights.length;
    this.fieldWeight = Float64Array.from(fieldWeights);
    this.signalWeight = Float64Array.from(weights);
    this.signalRequired = Uint8Array.from(topics.flatMap((topic) => topic.signals.map((signal) => (signal.required ? 1 : 0))));
    this.bestFieldWeight = new Float64Array(weights.length).fill(-1);
    this.nearSidesSeen = new Uint8Array(weights.length);
    this.patternFields = new Uint8Array(rules.trie.size);
    this.topicFlags = new Uint8Array(topics.length);
    this.isCandidate = new Uint8Array(topics.length);

    const uses = indexUses(rules);
    this.signals = uses.signals;
    this.gates = uses.gates;
    this.deferred = uses.deferred;
    this.deferringTopics = uses.deferringTopics;
  }

  /** The pattern's first occurrence in the item. */
  noteFirstInItem(pattern: number): void {
    const gates = this.gates[pattern];
    if (gates) this.noteGates(gates);
  }

  /** The pattern's first occurrence in field FIELDS[fieldIndex]: what it adds to the bounds depends only on that. */
  noteFirstInField(pattern: number, fieldIndex: number): void {
    this.patternFields[pattern] = (this.patternFields[pattern] ?? 0) | (1 << fieldIndex);
    const signals = this.signals[pattern];
    if (signals) this.noteSignals(signals, 0, signals.topics.length, fieldIndex);
  }

  /**
   * The topics worth evaluating once the whole item has been read: those whose upper bound reaches their threshold,
   * with every required rule and their required context, and no exclusion; with `everyCandidate`, every topic that
   * has a scoring term in the item. `occurredPatterns` lists every pattern noted; `time` is the item's publication time
   * (NaN when undated), for rules with a date window. Resets the scratch for the next item.
   */
  take(everyCandidate: boolean, occurredPatterns: readonly number[], time: number): number[] {
    const { candidates } = this;
    // Topics with a trigger rule: in a plain match only those whose trigger occurred (the others cannot match).
    const deferring = everyCandidate ? this.deferringTopics : candidates.filter((topic) => this.deferred[topic] !== undefined);
    for (const topic of deferring) this.noteDeferred(topic);
    const worthEvaluating = candidates.filter((topic) => {
      const bound = this.takeUpperBound(topic, time);
      return everyCandidate || (bound >= (this.topics[topic]?.threshold ?? 0) && this.mayMatch(topic));
    });
    for (const topic of candidates) this.isCandidate[topic] = 0;
    for (const topic of this.flaggedTopics) this.topicFlags[topic] = 0;
    for (const pattern of occurredPatterns) this.patternFields[pattern] = 0;
    candidates.length = 0;
    this.flaggedTopics.length = 0;
    return worthEvaluating;
  }

  private noteDeferred(topic: number): void {
    const uses = this.deferred[topic];
    if (uses === undefined) return;
    const { signalPatterns, signals, gatePatterns, gates } = uses;
    for (let index = 0; index < signalPatterns.length; index += 1) {
      const fields = this.patternFields[signalPatterns[index] ?? 0] ?? 0;
      for (let fieldIndex = 0; fieldIndex < FIELDS.length; fieldIndex += 1) {
        if ((fields >> fieldIndex) & 1) this.noteSignals(signals, index, index + 1, fieldIndex);
      }
    }
    for (let index = 0; index < gatePatterns.length; index += 1) {
      if ((this.patternFields[gatePatterns[index] ?? 0] ?? 0) !== 0) this.noteGate(topic, gates.flags[index] ?? 0);
    }
  }

  /** Notes uses [from, to) of `signals` as occurring in field FIELDS[fieldIndex]. */
  private noteSignals(signals: SignalUses, from: number, to: number, fieldIndex: number): void {
    const { topics, slots, sides } = signals;
    for (let index = from; index < to; index += 1) {
      const topic = topics[index] ?? 0;
      const slot = slots[index] ?? 0;
      const side = sides[index] ?? 0;
      const weight = this.fieldWeight[slot * FIELDS.length + fieldIndex] ?? -1;
      if (weight < 0) continue;
      if (this.isCandidate[topic] === 0) {
        this.isCandidate[topic] = 1;
        this.candidates.push(topic);
      }
      if (side !== 0) {
        const seen = (this.nearSidesSeen[slot] ?? 0) | (side << (fieldIndex * 2));
        this.nearSidesSeen[slot] = seen;
        if (((seen >> (fieldIndex * 2)) & BOTH_SIDES) !== BOTH_SIDES) continue;
      }
      if (weight > (this.bestFieldWeight[slot] ?? -1)) this.bestFieldWeight[slot] = weight;
    }
  }

  private noteGates(gates: GateUses): void {
    const { topics, flags } = gates;
    for (let index = 0; index < topics.length; index += 1) this.noteGate(topics[index] ?? 0, flags[index] ?? 0);
  }

  private noteGate(topic: number, flags: number): void {
    if (this.topicFlags[topic] === 0) this.flaggedTopics.push(topic);
    this.topicFlags[topic] = (this.topicFlags[topic] ?? 0) | flags;
  }

  /** False when the topic cannot match whatever its score: an exclusion occurred, or its required context did not. */
  private mayMatch(topic: number): boolean {
    const flags = this.topicFlags[topic] ?? 0;
    return (flags & EXCLUDED) === 0 && (!this.topics[topic]?.needsContext || (flags & CONTEXT_SEEN) !== 0);
  }

  /**
   * A ceiling on the topic's score (each rule's points at the best field it occurred in, before exclusions, context
   * and proximity distance; a rule outside its date window counts as not occurring), or -1 when a required rule did not
   * occur; resets the topic's scratch slots.
   */
  private takeUpperBound(topic: number, time: number): number {
    const end = this.signalOffset[topic + 1] ?? 0;
    let bound = 0;
    let missingRequired = false;
    for (let slot = this.signalOffset[topic] ?? 0; slot < end; slot += 1) {
      const windowed = this.windowed[slot];
      const best = windowed !== undefined && !inWindow(windowed, time) ? -1 : (this.bestFieldWeight[slot] ?? -1);
      if (best < 0 && this.signalRequired[slot] === 1) missingRequired = true;
      if (best > 0) bound += toHundredths((this.signalWeight[slot] ?? 0) * best);
      this.bestFieldWeight[slot] = -1;
      this.nearSidesSeen[slot] = 0;
    }
    return missingRequired ? -1 : toHundredths(bound);
  }
}

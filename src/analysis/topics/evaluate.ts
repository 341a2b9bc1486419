import { inWindow, type CompiledTopic, type PatternUsage } from './compile.js';
import { FIELDS, type FieldTokens } from './fields.js';
import type { ItemField } from './schema.js';

/** One occurrence of a topic's term in the item. */
export interface TopicHit {
  usage: PatternUsage;
  field: FieldTokens;
  first: number;
  end: number;
}

/** A term found in the item: the term as written in the rules, the field, and the text it matched. */
export interface TermHit {
  term: string;
  field: ItemField;
  text: string;
}

/** What one rule contributed: `points = weight × fieldWeight` of the best field it occurred in. */
export interface SignalScore {
  /** Where the rule is in the topic, e.g. "anyOf[1]" or "near[0]". */
  rule: string;
  label?: string;
  field: ItemField;
  weight: number;
  fieldWeight: number;
  points: number;
  hits: TermHit[];
}

export type TopicStatus = 'matched' | 'below-threshold' | 'excluded' | 'missing-context' | 'missing-required';

export interface TopicExplanation {
  status: TopicStatus;
  score: number;
  threshold: number;
  signals: SignalScore[];
  /** The context term that was found (when the topic requires context). */
  context?: TermHit;
  /** The exclusion that blocked the topic. */
  excludedBy?: TermHit;
  /** Required rules (allOf groups, near rules marked required) that did not occur. */
  missing?: string[];
  /** Occurrences that did not count because they sit inside an ignored phrase. */
  ignored?: TermHit[];
  /** Rules and hits left out of a stored explanation (see explanation-cap.ts). */
  omitted?: { rules: number; hits: number };
}

export interface TopicMatch {
  topicId: string;
  score: number;
  explain: TopicExplanation;
}

/** Hits an explanation shows per rule. */
export const MAX_HITS_SHOWN = 4;

/** Points and scores are kept to hundredths. */
export function toHundredths(value: number): number {
  return Math.round(value * 100) / 100;
}

interface ScoredSignal {
  index: number;
  /** The rule's hits (for near rules: pairs, kept together), in the order found; see hitsToShow. */
  evidence: TopicHit[];
  points: number;
}

/** A topic scored against an item, before its explanation is written (see explainTopic and summarizeTopic). */
export interface TopicScore {
  topic: CompiledTopic;
  status: TopicStatus;
  score: number;
  scored: ScoredSignal[];
  missing: string[];
  contextHit: TopicHit | undefined;
  excluded: TopicHit | undefined;
  ignored: TopicHit[];
}

/** Scores one topic from its hits in an item published at `time` (NaN when undated). */
export function scoreTopic(topic: CompiledTopic, hits: readonly TopicHit[], time: number): TopicScore {
  const { counted, ignored } = topic.hasIgnoreRules ? withoutIgnored(hits) : { counted: hits, ignored: [] };
  let excluded: TopicHit | undefined;
  let contextHit: TopicHit | undefined;
  const bySignal: TopicHit[][] = [];
  for (const hit of counted) {
    const { role, signal } = hit.usage;
    if (role === 'exclude') excluded ??= hit;
    else if (role === 'context') contextHit ??= hit;
    else if (signal >= 0) (bySignal[signal] ??= []).push(hit);
  }
  const scored = scoreSignals(topic, bySignal, time);
  const score = toHundredths(scored.reduce((sum, signal) => sum + signal.points, 0));
  const missing: string[] = [];
  topic.signals.forEach((signal, index) => {
    if (signal.required && !scored.some((found) => found.index === index)) missing.push(signal.label ?? signal.path);
  });
  const status: TopicStatus = excluded
    ? 'excluded'
    : topic.needsContext && !contextHit
      ? 'missing-context'
      : missing.length > 0
        ? 'missing-required'
        : score >= topic.threshold
          ? 'matched'
          : 'below-threshold';
  return { topic, status, score, scored, missing, contextHit, excluded, ignored };
}

/** The scored topic with its full explanation: every rule that counted, with the words that made it. */
export function explainTopic(scoring: TopicScore): TopicMatch {
  const { topic, status, score, contextHit, excluded, ignored } = scoring;
  // One object literal with every key (JSON leaves the undefined ones out): an explanation built by adding keys one by
  // one takes one of several hidden classes, which V8 may drop at a full GC, and this function's compiled code with them.
  const explain: TopicExplanation = {
    status,
    score,
    threshold: topic.threshold,
    signals: scoring.scored.map((signal) => describeSignal(topic, signal)),
    ignored: ignored.length > 0 ? ignored.map(termHit) : undefined,
    context: contextHit && termHit(contextHit),
    excludedBy: excluded && termHit(excluded),
    missing: status === 'missing-required' ? scoring.missing : undefined,
    omitted: undefined,
  };
  return { topicId: topic.id, score, explain };
}

/**
 * The scored topic with status and score only, its rules and hits counted in `omitted`: what is stored for an item's
 * topics past the best few (explanation-cap.ts), written without finding the words, so that an item many topics match
 * costs little more per topic than scoring it.
 */
export function summarizeTopic(scoring: TopicScore): TopicMatch {
  const { topic, status, score, scored, excluded, ignored } = scoring;
  // Hits as an explanation would show them: at most MAX_HITS_SHOWN per rule (overlapping ones not told apart).
  let hits = ignored.length;
  for (const signal of scored) {
    hits += Math.min(MAX_HITS_SHOWN, signal.evidence.length);
  }
  const explain: TopicExplanation = {
    status,
    score,
    threshold: topic.threshold,
    signals: [],
    ignored: undefined,
    context: scoring.contextHit && termHit(scoring.contextHit),
    excludedBy: excluded && termHit(excluded),
    missing: status === 'missing-required' ? scoring.missing : undefined,
    omitted: scored.length > 0 || hits > 0 ? { rules: scored.length, hits } : undefined,
  };
  return { topicId: topic.id, score, explain };
}

function withoutIgnored(hits: readonly TopicHit[]): { counted: readonly TopicHit[]; ignored: TopicHit[] } {
  const spans = hits.filter((hit) => hit.usage.role === 'ignore');
  if (spans.length === 0) return { counted: hits, ignored: [] };
  const counted: TopicHit[] = [];
  const ignored: TopicHit[] = [];
  for (const hit of hits) {
    if (hit.usage.role === 'ignore') continue;
    const inside = spans.some((span) => span.field === hit.field && span.first < hit.end && hit.first < span.end);
    (inside ? ignored : counted).push(hit);
  }
  return { counted, ignored };
}

/** Each rule that occurred (in the fields and the date window it counts in), scored at its best field, best first. */
function scoreSignals(topic: CompiledTopic, bySignal: readonly (TopicHit[] | undefined)[], time: number): ScoredSignal[] {
  const scores: ScoredSignal[] = [];
  bySignal.forEach((allHits, index) => {
    const signal = topic.signals[index];
    if (signal === undefined || allHits === undefined || !inWindow(signal, time)) return;
    const signalHits = signal.fields.length === FIELDS.length ? allHits : allHits.filter((hit) => signal.fields.includes(hit.field.field));
    const evidence = signal.kind === 'group' ? signalHits : nearPairs(signalHits, signal.within);
    if (evidence.length === 0) return;
    let bestWeight = 0;
    for (const hit of evidence) bestWeight = Math.max(bestWeight, topic.fieldWeights[hit.field.field]);
    scores.push({ index, evidence, points: toHundredths(signal.weight * bestWeight) });
  });
  return scores.sort((a, b) => b.points - a.points || a.index - b.index);
}

function describeSignal(topic: CompiledTopic, scored: ScoredSignal): SignalScore {
  const signal = topic.signals[scored.index];
  const shown = hitsToShow(topic, scored.evidence, signal?.kind === 'near' ? 2 : 1);
  const field = shown[0]?.field.field ?? 'title';
  return {
    rule: signal?.path ?? '',
    label: signal?.label || undefined,
    field,
    weight: signal?.weight ?? 0,
    fieldWeight: topic.fieldWeights[field],
    points: scored.points,
    hits: shown.map(termHit),
  };
}

/** Both hits of each pair at most `within` words apart in one field, pair after pair. */
function nearPairs(hits: readonly TopicHit[], within: number): TopicHit[] {
  const left = hits.filter((hit) => hit.usage.role === 'near-left');
  const right = hits.filter((hit) => hit.usage.role === 'near-right');
  const pairs: TopicHit[] = [];
  for (const a of left) {
    for (const b of right) {
      if (a.field !== b.field) continue;
      const gap = a.first >= b.end ? a.first - b.end : b.first - a.end;
      if (gap >= 0 && gap <= within) pairs.push(a, b);
    }
  }
  return pairs;
}

/**
 * The hits to show, at most MAX_HITS_SHOWN: those in the topic's best-weighted field first, else in the order found,
 * skipping any that overlaps one already shown. An evidence entry is `size` hits (2 for a near rule's pairs), weighed
 * by its first; entries are visited once per distinct field weight (at most three), until enough are shown.
 */
function hitsToShow(topic: CompiledTopic, evidence: readonly TopicHit[], size: number): TopicHit[] {
  const shown: TopicHit[] = [];
  for (const weight of topic.fieldWeightsBestFirst) {
    for (let entry = 0; entry < evidence.length; entry += size) {
      const head = evidence[entry];
      if (head === undefined || topic.fieldWeights[head.field.field] !== weight) continue;
      for (let index = entry; index < entry + size && index < evidence.length; index += 1) {
        const hit = evidence[index];
        if (hit === undefined || shown.some((kept) => kept.field === hit.field && kept.first < hit.end && hit.first < kept.end)) continue;
        shown.push(hit);
        if (shown.length === MAX_HITS_SHOWN) return shown;
      }
    }
  }
  return shown;
}

function termHit(hit: TopicHit): TermHit {
  const { field } = hit;
  const text = field.text.slice(field.words.start(hit.first), field.words.end(hit.end - 1));
  return { term: hit.usage.term, field: field.field, text };
}

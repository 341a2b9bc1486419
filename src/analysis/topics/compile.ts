import type { Person } from '../people/schema.js';
import { parsePhrase, type PhrasePattern } from './phrase.js';
import { DEFAULT_FIELD_WEIGHTS, type FieldWeights, type ItemField, type Term, type TopicDefinition } from './schema.js';
import { FIELDS } from './fields.js';
import { PhraseTrie } from './trie.js';
import { TopicMatcher } from './matcher.js';

/** A rule problem found while compiling: where (JSON path from the file root) and what to do about it. */
export interface TopicRuleError {
  path: (string | number)[];
  message: string;
}

export type CompileTopicsResult = { ok: true; matcher: TopicMatcher } | { ok: false; errors: TopicRuleError[] };

export type Role = 'signal' | 'near-left' | 'near-right' | 'context' | 'exclude' | 'ignore';

/** Where a pattern is used: which topic, in which part of its rules, written how. */
export interface PatternUsage {
  topic: number;
  role: Role;
  /** Index into the topic's signals (for signal and near roles), -1 otherwise. */
  signal: number;
  /** Index of that signal among all topics' signals (-1 when not a signal), for the matcher's scratch arrays. */
  slot: number;
  /** The term as the moderator wrote it, for explanations. */
  term: string;
}

/** The uses of one pattern by one topic. */
export interface TopicUsages {
  topic: number;
  usages: PatternUsage[];
}

/** Publication times (ms since the epoch) a rule counts for: from the start of its `from` day to the end of its `until` day. */
export interface RuleWindow {
  from: number;
  until: number;
}

interface SignalScope {
  /** The fields the rule counts in (all of them unless the rule says `in`). */
  fields: readonly ItemField[];
  window: RuleWindow | undefined;
}

export type CompiledSignal =
  | ({ kind: 'group'; path: string; label: string | undefined; weight: number; required: boolean } & SignalScope)
  | ({ kind: 'near'; path: string; label: string | undefined; weight: number; required: boolean; within: number } & SignalScope);

export interface CompiledTopic {
  id: string;
  name: string;
  threshold: number;
  fieldWeights: FieldWeights;
  /** The distinct field weights, highest first. */
  fieldWeightsBestFirst: number[];
  signals: CompiledSignal[];
  needsContext: boolean;
  /** Whether the topic has ignore phrases (which can discount any occurrence of its other terms). */
  hasIgnoreRules: boolean;
}

export interface CompiledRules {
  topics: CompiledTopic[];
  trie: PhraseTrie;
  /** Per pattern id, all its uses (any role), one group per topic that uses it. */
  usageGroups: TopicUsages[][];
  /**
   * Per pattern id, the fields where some use of it counts, a bit per field in FIELDS order: a word only rules scoped
   * to the title and lede use (`"in": ["title", "lede"]`) is not even noted in an article's body.
   */
  fieldsCounted: Uint8Array;
}

const EVERY_FIELD = (1 << FIELDS.length) - 1;

function fieldBits(fields: readonly ItemField[]): number {
  return fields.reduce((bits, field) => bits | (1 << FIELDS.indexOf(field)), 0);
}

/**
 * Compiles validated topic definitions (see topicsFileSchema) into one matcher. Problems zod cannot see
 * (unknown people, phrases without words, thresholds no item can reach) come back as errors with JSON paths
 * `topics[i]...` — pass them to formatTopicErrors. Compile once, match many items.
 */
export function compileTopics(topics: readonly TopicDefinition[], people: readonly Person[]): CompileTopicsResult {
  const peopleById = new Map(people.map((person) => [person.id, person]));
  const trie = new PhraseTrie();
  const usageGroups: TopicUsages[][] = [];
  const fieldsCounted: number[] = [];
  const errors: TopicRuleError[] = [];
  let slotsBefore = 0;
  const compiled = topics.map((topic, topicIndex) => {
    const firstSlot = slotsBefore;
    const base: (string | number)[] = ['topics', topicIndex];
    const signals: CompiledSignal[] = [];
    const addTerms = (terms: readonly Term[], path: (string | number)[], role: Role, signal: number): void => {
      terms.forEach((term, termIndex) => {
        const expanded = expandTerm(term, peopleById);
        if (!expanded.ok) {
          errors.push({ path: [...path, termIndex, ...expanded.at], message: expanded.message });
          return;
        }
        const scope = signal >= 0 ? fieldBits(signals[signal]?.fields ?? FIELDS) : EVERY_FIELD;
        for (const pattern of expanded.patterns) {
          const id = trie.add(pattern);
          fieldsCounted[id] = (fieldsCounted[id] ?? 0) | scope;
          const slot = signal >= 0 ? firstSlot + signal : -1;
          const usage: PatternUsage = { topic: topicIndex, role, signal, slot, term: expanded.display };
          const groups = (usageGroups[id] ??= []);
          const ofTopic = groups.find((group) => group.topic === topicIndex);
          if (ofTopic) ofTopic.usages.push(usage);
          else groups.push({ topic: topicIndex, usages: [usage] });
        }
      });
    };
    const rules = topic.rules;
    for (const [key, required] of [['allOf', true], ['anyOf', false]] as const) {
      (rules[key] ?? []).forEach((group, groupIndex) => {
        const path = `${key}[${groupIndex}]`;
        signals.push({ kind: 'group', path, label: group.label, weight: group.weight, required, ...signalScope(group) });
        addTerms(group.terms, [...base, 'rules', key, groupIndex, 'terms'], 'signal', signals.length - 1);
      });
    }
    (rules.near ?? []).forEach((rule, ruleIndex) => {
      signals.push({
        kind: 'near',
        path: `near[${ruleIndex}]`,
        label: rule.label,
        weight: rule.weight,
        required: rule.required,
        within: rule.within,
        ...signalScope(rule),
      });
      const path = [...base, 'rules', 'near', ruleIndex];
      addTerms(rule.terms, [...path, 'terms'], 'near-left', signals.length - 1);
      addTerms(rule.near, [...path, 'near'], 'near-right', signals.length - 1);
    });
    addTerms(rules.context ?? [], [...base, 'rules', 'context'], 'context', -1);
    addTerms(rules.exclude ?? [], [...base, 'rules', 'exclude'], 'exclude', -1);
    addTerms(rules.ignore ?? [], [...base, 'rules', 'ignore'], 'ignore', -1);

    slotsBefore += signals.length;
    const fieldWeights = topic.fieldWeights ?? DEFAULT_FIELD_WEIGHTS;
    const reachable = signals.reduce((sum, signal) => sum + signal.weight * bestFieldWeight(fieldWeights, signal), 0);
    if (reachable < topic.threshold) {
      errors.push({
        path: [...base, 'threshold'],
        message: `threshold ${topic.threshold} can never be reached: all signals together score at most ${reachable}; lower the threshold or raise weights`,
      });
    }
    return {
      id: topic.id,
      name: topic.name,
      threshold: topic.threshold,
      fieldWeights,
      fieldWeightsBestFirst: [...new Set(Object.values(fieldWeights))].sort((a, b) => b - a),
      signals,
      needsContext: (rules.context?.length ?? 0) > 0,
      hasIgnoreRules: (rules.ignore?.length ?? 0) > 0,
    };
  });
  if (errors.length > 0) return { ok: false, errors };
  const rules = { topics: compiled, trie, usageGroups, fieldsCounted: Uint8Array.from(fieldsCounted) };
  trie.scopeStarts(rules.fieldsCounted, FIELDS.length);
  return { ok: true, matcher: new TopicMatcher(rules) };
}

const DAY_MS = 86_400_000;

function signalScope(rule: { in?: ItemField[] | undefined; from?: string | undefined; until?: string | undefined }): SignalScope {
  const window =
    rule.from === undefined && rule.until === undefined
      ? undefined
      : {
          from: rule.from === undefined ? -Infinity : Date.parse(rule.from),
          until: rule.until === undefined ? Infinity : Date.parse(rule.until) + DAY_MS - 1,
        };
  return { fields: rule.in ?? FIELDS, window };
}

/** The highest weight among the fields a rule counts in. */
export function bestFieldWeight(fieldWeights: FieldWeights, signal: CompiledSignal): number {
  return Math.max(...signal.fields.map((field) => fieldWeights[field]));
}

/** Whether a rule counts for an item published at `time` (NaN when the item has no date). */
export function inWindow(signal: CompiledSignal, time: number): boolean {
  return signal.window === undefined || (time >= signal.window.from && time <= signal.window.until);
}

type ExpandedTerm =
  | { ok: true; patterns: PhrasePattern[]; display: string }
  | { ok: false; at: string[]; message: string };

/** A term as trie patterns. A person is their name and aliases (case-sensitive) and titles (any case). */
function expandTerm(term: Term, peopleById: ReadonlyMap<string, Person>): ExpandedTerm {
  if (typeof term === 'string') return phrasePatterns(term, false, []);
  if ('phrase' in term) return phrasePatterns(term.phrase, term.caseSensitive ?? false, ['phrase']);
  const person = peopleById.get(term.person);
  if (person === undefined) {
    const known = [...peopleById.keys()].slice(0, 8).join(', ');
    return {
      ok: false,
      at: ['person'],
      message: `unknown person "${term.person}": use an id from config/people.json${known ? ` (e.g. ${known})` : ' (it has no people yet)'}`,
    };
  }
  const patterns: PhrasePattern[] = [];
  const named = [person.name, ...person.aliases].map((name) => ({ name, caseSensitive: true }));
  for (const { name, caseSensitive } of [...named, ...person.titles.map((name) => ({ name, caseSensitive: false }))]) {
    const parsed = parsePhrase(name, caseSensitive);
    if (parsed.ok) patterns.push(...parsed.patterns);
  }
  if (patterns.length === 0) {
    return { ok: false, at: ['person'], message: `person "${term.person}" has no name, alias or title that can be matched` };
  }
  return { ok: true, patterns, display: `person:${person.id}` };
}

function phrasePatterns(text: string, caseSensitive: boolean, at: string[]): ExpandedTerm {
  const parsed = parsePhrase(text, caseSensitive);
  if (!parsed.ok) return { ok: false, at, message: parsed.message };
  return { ok: true, patterns: parsed.patterns, display: text };
}

/** The topic's group among a pattern's usage groups (which are in topic order): a binary search. */
export function usagesOfTopic(groups: readonly TopicUsages[] | undefined, topic: number): PatternUsage[] | undefined {
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

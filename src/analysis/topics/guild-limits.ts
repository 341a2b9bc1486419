import type { Person } from '../people/schema.js';
import type { TopicRuleError } from './compile.js';
import { parsePhrase, type PhrasePattern } from './phrase.js';
import type { Term, TopicDefinition } from './schema.js';

/**
 * Limits on the topics a server (guild) writes. Every guild topic is matched against every item for everyone, so
 * what one server writes must have a bounded cost to all the others. The shipped topics (config/topics.json) are
 * reviewed with the code and are not subject to these limits.
 *
 * Cost is counted in **match units**: one unit is one word sequence the matcher looks for at every word of an item
 * (a phrase is one, plus one per closed-up hyphen variant; a person is one per name, alias and title), and STEM_COST
 * more per stem word in it (`guarantee*` stands for many words, and every word of the item that starts like it is tried). A near rule adds one unit per pair of its sides' sequences
 * (each pair is checked wherever both occur). A topic adds TOPIC_BASE_COST for being scored and explained.
 */
export const GUILD_TOPIC_LIMITS = {
  /** Terms in all lists of one topic (anyOf, allOf, near, context, exclude, ignore). */
  termsPerTopic: 40,
  /** anyOf and allOf groups and near rules together. */
  scoringRulesPerTopic: 8,
  nearRulesPerTopic: 2,
  /** Terms on each side (`terms`, `near`) of a near rule. */
  termsPerNearSide: 6,
  /** Largest `within`: the words between the two sides. */
  within: 12,
  /** Letters a stem needs before its *. */
  minStemLetters: 4,
  /** Match units one topic may cost. */
  costPerTopic: 120,
  /** Match units all of one server's topics may cost together. */
  costPerGuild: 400,
} as const;

export const TOPIC_BASE_COST = 4;
export const STEM_COST = 2;

/**
 * English function words: a term made only of these ("the", "of the", "will be") occurs in nearly every article, so it
 * says nothing about a topic and makes the topic a candidate for every item. Content words are never listed here.
 */
const FUNCTION_WORDS = new Set(
  (
    'a an the and or but nor so yet if then than that this these those there here of to in on at by for from with ' +
    'without into onto over under about after before since until as is are was were be been being am do does did ' +
    'done have has had having will would shall should can could may might must not no yes it its it\'s he him his ' +
    'she her hers they them their we us our you your i me my who whom whose which what when where why how all any ' +
    'some each every both more most other such only also just very s t'
  ).split(' '),
);

type Path = (string | number)[];

/** Every problem with a guild topic's rules against GUILD_TOPIC_LIMITS, with paths relative to the topic. */
export function guildTopicProblems(topic: TopicDefinition, people: readonly Person[]): TopicRuleError[] {
  const limits = GUILD_TOPIC_LIMITS;
  const problems: TopicRuleError[] = [];
  const { rules } = topic;
  const lists = termLists(topic);
  for (const { path, terms } of lists) {
    terms.forEach((term, index) => {
      const problem = termProblem(term);
      if (problem) problems.push({ path: [...path, index], message: problem });
    });
  }
  const termCount = lists.reduce((sum, list) => sum + list.terms.length, 0);
  if (termCount > limits.termsPerTopic) {
    problems.push({
      path: ['rules'],
      message: `${termCount} terms in all; a server's topic has at most ${limits.termsPerTopic}: remove ${termCount - limits.termsPerTopic}, or split the topic in two`,
    });
  }
  const scoringRules = (rules.anyOf?.length ?? 0) + (rules.allOf?.length ?? 0) + (rules.near?.length ?? 0);
  if (scoringRules > limits.scoringRulesPerTopic) {
    problems.push({
      path: ['rules'],
      message: `${scoringRules} anyOf, allOf and near rules together; a server's topic has at most ${limits.scoringRulesPerTopic}: merge groups of the same weight into one`,
    });
  }
  const near = rules.near ?? [];
  if (near.length > limits.nearRulesPerTopic) {
    problems.push({
      path: ['rules', 'near'],
      message: `${near.length} near rules; a server's topic has at most ${limits.nearRulesPerTopic}: keep the most telling ones, or score the others' words with an anyOf group`,
    });
  }
  near.forEach((rule, index) => {
    for (const side of ['terms', 'near'] as const) {
      if (rule[side].length > limits.termsPerNearSide) {
        problems.push({
          path: ['rules', 'near', index, side],
          message: `${rule[side].length} terms; a near rule of a server's topic has at most ${limits.termsPerNearSide} on each side (every pair is checked): keep the most telling ones`,
        });
      }
    }
    if (rule.within > limits.within) {
      problems.push({
        path: ['rules', 'near', index, 'within'],
        message: `${rule.within} words is too far apart to say the terms belong together; a server's topic allows at most ${limits.within}: lower it`,
      });
    }
  });
  const cost = guildTopicCost(topic, people);
  if (problems.length === 0 && cost > limits.costPerTopic) {
    problems.push({
      path: ['rules'],
      message: `these rules cost ${cost} match units; a server's topic may cost at most ${limits.costPerTopic}: use fewer terms, stems (*) or near pairs`,
    });
  }
  return problems;
}

/**
 * The problem with adding a topic of `cost` units to a server whose other topics cost `othersCost`, if any. The path is
 * the topic's rules: that is what the member can simplify (or they delete another topic).
 */
export function guildBudgetProblem(cost: number, othersCost: number): TopicRuleError | undefined {
  const budget = GUILD_TOPIC_LIMITS.costPerGuild;
  if (cost + othersCost <= budget) return undefined;
  return {
    path: ['rules'],
    message:
      `these rules cost ${cost} match units and this server's other topics ${othersCost}, over the ${budget} a server may use: ` +
      `use fewer terms, stems (*) or near pairs, or delete a topic you no longer need with /topic delete`,
  };
}

/** The topic's cost in match units (see GUILD_TOPIC_LIMITS). Terms that do not compile count nothing. */
export function guildTopicCost(topic: TopicDefinition, people: readonly Person[]): number {
  const peopleById = new Map(people.map((person) => [person.id, person]));
  const patternsOf = (term: Term): PhrasePattern[] => termPatterns(term, peopleById);
  const sequenceCost = (terms: readonly Term[]) =>
    terms.reduce((sum, term) => sum + patternsOf(term).reduce((cost, pattern) => cost + 1 + STEM_COST * pattern.words.filter((word) => word.prefix).length, 0), 0);
  const patternCount = (terms: readonly Term[]) => terms.reduce((sum, term) => sum + patternsOf(term).length, 0);
  const pairs = (topic.rules.near ?? []).reduce((sum, rule) => sum + patternCount(rule.terms) * patternCount(rule.near), 0);
  return TOPIC_BASE_COST + termLists(topic).reduce((sum, list) => sum + sequenceCost(list.terms), 0) + pairs;
}

function termLists(topic: TopicDefinition): { path: Path; terms: readonly Term[] }[] {
  const { rules } = topic;
  const lists: { path: Path; terms: readonly Term[] }[] = [];
  for (const key of ['anyOf', 'allOf'] as const) {
    (rules[key] ?? []).forEach((group, index) => lists.push({ path: ['rules', key, index, 'terms'], terms: group.terms }));
  }
  (rules.near ?? []).forEach((rule, index) => {
    lists.push({ path: ['rules', 'near', index, 'terms'], terms: rule.terms }, { path: ['rules', 'near', index, 'near'], terms: rule.near });
  });
  for (const key of ['context', 'exclude', 'ignore'] as const) {
    const terms = rules[key];
    if (terms) lists.push({ path: ['rules', key], terms });
  }
  return lists;
}

/** Why a term is too costly for a server's topic: a short stem, or only function words. */
function termProblem(term: Term): string | undefined {
  if (typeof term !== 'string' && 'person' in term) return undefined;
  const text = typeof term === 'string' ? term : term.phrase;
  const parsed = parsePhrase(text, false);
  if (!parsed.ok) return undefined; // compileTopics reports it
  const words = parsed.patterns[0]?.words ?? [];
  const shortStem = words.find((word) => word.prefix && [...word.folded].length < GUILD_TOPIC_LIMITS.minStemLetters);
  if (shortStem) {
    return (
      `"${text}": a stem needs at least ${GUILD_TOPIC_LIMITS.minStemLetters} letters before the *, because "${shortStem.original}*" ` +
      `matches many common words (the* is the, then, there, these…) in nearly every article: write more letters or the whole word`
    );
  }
  if (words.every((word) => FUNCTION_WORDS.has(word.folded))) {
    return `"${text}" is made only of common words (the, of, will…) found in nearly every article: add a word that says what the topic is about`;
  }
  return undefined;
}

function termPatterns(term: Term, peopleById: ReadonlyMap<string, Person>): PhrasePattern[] {
  if (typeof term === 'string' || 'phrase' in term) {
    const parsed = parsePhrase(typeof term === 'string' ? term : term.phrase, false);
    return parsed.ok ? parsed.patterns : [];
  }
  const person = peopleById.get(term.person);
  if (!person) return [];
  return [person.name, ...person.aliases, ...person.titles].flatMap((name) => {
    const parsed = parsePhrase(name, true);
    return parsed.ok ? parsed.patterns : [];
  });
}

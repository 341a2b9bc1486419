import { describe, expect, it } from 'vitest';
import {
  capStoredExplanations,
  compileTopics,
  GUILD_TOPIC_LIMITS,
  guildBudgetProblem,
  guildTopicCost,
  guildTopicProblems,
  STORED_EXPLANATION_LIMITS,
  type TopicDefinition,
} from '../../../src/analysis/topics/index.js';
import { HOSTILE_TOPIC_COUNT, hostileGuildTopics } from '../../support/hostile-topics.js';

const topic = (rules: TopicDefinition['rules']): TopicDefinition => ({ id: 'drones', name: 'Drones', description: 'Drone strikes', threshold: 1, rules });
const problems = (rules: TopicDefinition['rules']) => guildTopicProblems(topic(rules), []).map((problem) => `${problem.path.join('.')}: ${problem.message}`);

describe('guild topic limits', () => {
  it('accepts an ordinary topic and prices it in match units', () => {
    const ordinary = topic({ anyOf: [{ terms: ['drone strike*', 'Shahed'], weight: 1 }], context: ['Ukraine'] });
    expect(guildTopicProblems(ordinary, [])).toEqual([]);
    // 4 for the topic, "drone strike*" 1 + 2 for its stem, "Shahed" 1, "Ukraine" 1.
    expect(guildTopicCost(ordinary, [])).toBe(9);
  });

  it('rejects a three-letter stem and a term of function words, saying where and why', () => {
    expect(problems({ anyOf: [{ terms: ['peace', 'the*'], weight: 1 }] })).toEqual([
      expect.stringMatching(/^rules\.anyOf\.0\.terms\.1: "the\*": a stem needs at least 4 letters before the \*, because .*nearly every article/u),
    ]);
    expect(problems({ anyOf: [{ terms: ['of the'], weight: 1 }] })[0]).toMatch(/^rules\.anyOf\.0\.terms\.0: "of the" is made only of common words/u);
    expect(problems({ anyOf: [{ terms: ['talk*', 'the talks'], weight: 1 }] })).toEqual([]);
  });

  it('bounds terms, rules, near rules, their sides and within', () => {
    const words = (count: number, prefix: string) => Array.from({ length: count }, (_, index) => `${prefix}${index}`);
    const near = (within: number, side = 2) => ({ terms: words(side, 'left'), near: words(side, 'right'), within, weight: 1, required: false });
    expect(problems({ anyOf: [{ terms: words(GUILD_TOPIC_LIMITS.termsPerTopic + 1, 'word'), weight: 1 }] })).toContainEqual(
      expect.stringMatching(/^rules: 41 terms in all; a server's topic has at most 40: remove 1/u),
    );
    expect(problems({ anyOf: Array.from({ length: 9 }, (_, index) => ({ terms: [`word${index}`], weight: 1 })) })).toContainEqual(
      expect.stringMatching(/^rules: 9 anyOf, allOf and near rules together; .* at most 8/u),
    );
    expect(problems({ near: [near(5), near(5), near(5)] })).toContainEqual(expect.stringMatching(/^rules\.near: 3 near rules; .* at most 2/u));
    expect(problems({ near: [near(5, 7)] })).toEqual([
      expect.stringMatching(/^rules\.near\.0\.terms: 7 terms; .* at most 6 on each side/u),
      expect.stringMatching(/^rules\.near\.0\.near: 7 terms; .* at most 6 on each side/u),
    ]);
    expect(problems({ near: [near(50)] })).toEqual([expect.stringMatching(/^rules\.near\.0\.within: 50 words .* at most 12: lower it/u)]);
  });

  it('keeps each topic and each server within its budget of match units', () => {
    const costly = topic({ near: [0, 1].map(() => ({ terms: ['drone*', 'missile*', 'rocket*', 'strike*', 'attack*', 'shahed*'], near: ['kyiv*', 'odesa*', 'kharkiv*', 'lviv*', 'dnipro*', 'sumy*'], within: 12, weight: 1, required: false })) });
    expect(problems(costly.rules)).toEqual([expect.stringMatching(/^rules: these rules cost \d+ match units; a server's topic may cost at most 120/u)]);
    expect(guildBudgetProblem(100, GUILD_TOPIC_LIMITS.costPerGuild - 100)).toBeUndefined();
    expect(guildBudgetProblem(100, GUILD_TOPIC_LIMITS.costPerGuild - 99)?.message).toMatch(/over the 400 a server may use: .*\/topic delete/u);
  });

  it('accepts the benchmark’s hostile topics, and every shape of them spends at most one server’s budget', () => {
    for (const shape of ['flat', 'stems', 'near'] as const) {
      const topics = hostileGuildTopics(shape);
      expect(topics).toHaveLength(HOSTILE_TOPIC_COUNT);
      expect(topics.flatMap((hostile) => guildTopicProblems(hostile, []))).toEqual([]);
      expect(topics.reduce((sum, hostile) => sum + guildTopicCost(hostile, []), 0)).toBeLessThanOrEqual(GUILD_TOPIC_LIMITS.costPerGuild);
    }
  });
});

describe('stored explanations', () => {
  it('keep the best rules and first hits of the best topics per item, and count what they leave out', () => {
    const compiled = compileTopics(hostileGuildTopics('flat'), []);
    if (!compiled.ok) throw new Error('hostile topics did not compile');
    const text = 'Ukraine said talks with Russia, Moscow and Kyiv officials reported. '.repeat(20);
    const matches = compiled.matcher.match({ title: 'Ukraine talks', summary: text, content: text });
    const { topicsWithHits, rulesPerTopic, hitsPerRule } = STORED_EXPLANATION_LIMITS;
    expect(matches.length).toBeGreaterThan(topicsWithHits);
    const stored = capStoredExplanations(matches);
    stored.slice(0, topicsWithHits).forEach((match) => {
      expect(match.explain.signals.length).toBeLessThanOrEqual(rulesPerTopic);
      for (const signal of match.explain.signals) expect(signal.hits.length).toBeLessThanOrEqual(hitsPerRule);
    });
    for (const match of stored.slice(topicsWithHits)) {
      expect(match.explain.signals).toEqual([]);
      expect(match.explain.omitted?.rules).toBe(1);
      expect(match.explain.omitted?.hits).toBeGreaterThan(0);
    }
    expect(stored.map((match) => match.score)).toEqual(matches.map((match) => match.score));
  });

  it('are written by the matcher past the best topics just as the cap stores fully explained ones', () => {
    const definitions: TopicDefinition[] = [
      ...hostileGuildTopics('flat'),
      { id: 'guarded', name: 'Guarded', description: 'Context and exclusion', threshold: 1, rules: { anyOf: [{ terms: ['talks'], weight: 1 }], context: ['Moscow', 'Kyiv'], exclude: ['football'] } },
    ];
    const compiled = compileTopics(definitions, []);
    if (!compiled.ok) throw new Error('topics did not compile');
    const text = 'Ukraine said talks with Russia, Moscow and Kyiv officials reported. Drones overnight, sanctions week. '.repeat(12);
    const item = { title: 'Ukraine talks: Russian and European leaders meet', summary: text, content: text };
    const matched = compiled.matcher.match(item);
    const everyExplained = compiled.matcher.evaluate(item).filter((match) => match.explain.status === 'matched');
    expect(matched.length).toBeGreaterThan(STORED_EXPLANATION_LIMITS.topicsWithHits);
    expect(capStoredExplanations(matched)).toEqual(capStoredExplanations(everyExplained));
  });
});

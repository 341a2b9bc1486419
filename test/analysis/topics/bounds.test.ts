import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileTopics } from '../../../src/analysis/topics/compile.js';
import { topicsFileSchema, type TopicDefinitionInput } from '../../../src/analysis/topics/schema.js';
import { generateSyntheticTopics, syntheticSignature } from '../../support/synthetic-topics.js';
import { configuredPeople, configuredTopics } from './helpers.js';

/**
 * Words the shipped topics score on, both sides of their near rules, their context and exclusions, and filler: random
 * items built from them hit every kind of rule, alone and together, in every field.
 */
const VOCABULARY = [
  'Alaska', 'Anchorage', 'summit', 'Putin', 'Trump', 'Zelensky', 'Kremlin', 'Ukraine', 'Ukrainian', 'Russia', 'Russian',
  'ceasefire', 'truce', 'peace', 'deal', 'talks', 'Crimea', 'Crimean', 'bridge', 'Kerch', 'land', 'cede', 'withdraw',
  'Donbas', 'Donetsk', 'territory', 'referendum', 'constitution', 'NATO', 'membership', 'Article', '5', 'security',
  'guarantees', 'coalition', 'of', 'the', 'willing', 'Starmer', 'Macron', 'European', 'troops', 'missile', 'strike',
  'drone', 'attack', 'Kyiv', 'Budapest', 'Memorandum', '1994', 'nuclear', 'White', 'House', 'Witkoff', 'recipe',
  'holiday', 'said', 'on', 'in', 'a', 'and', '-', ',', '.', 'agreed', 'Washington', 'Oval', 'Office', 'Vance', 'reassurance',
  'force', 'together', 'after', 'territorial', 'integrity', 'plan', 'US',
];
/** Inside and outside the date windows of the shipped rules (the Alaska summit's follow-ups), or no date at all. */
const published = fc.option(fc.constantFrom('2025-08-20T12:00:00Z', '2024-02-01T00:00:00Z'), { nil: undefined });

/**
 * Small topics with a rule they cannot match without, whose other terms are only looked at once that rule occurs:
 * generated ones (a signature phrase and a few common words) and one whose required rule needs the others' points.
 */
const GENERATED = generateSyntheticTopics(60);
const KERCH: TopicDefinitionInput = {
  id: 'kerch-bridge-strike',
  name: 'Kerch bridge strike',
  description: 'A required rule that cannot reach the threshold alone.',
  threshold: 4,
  rules: {
    allOf: [{ terms: ['Kerch'], weight: 1 }],
    anyOf: [{ terms: ['bridge'], weight: 1 }, { terms: ['drone', 'missile'], weight: 1 }],
    near: [{ terms: ['strike'], near: ['bridge'], within: 3, weight: 1 }],
    context: ['Crimea'],
    exclude: ['holiday'],
  },
};
const SIGNATURE_WORDS = [...new Set(GENERATED.flatMap((_, index) => syntheticSignature(index).split(' ')))];
const GENERATED_WORDS = ['Europe', 'war', 'Brussels', 'energy', 'grain', 'football', 'recipe', 'crossword', 'corridor', 'accord'];

const textOf = (vocabulary: string[]) => fc.array(fc.constantFrom(...vocabulary), { maxLength: 40 }).map((words) => words.join(' '));
const text = textOf(VOCABULARY);
const KERCH_WORDS = ['Kerch', 'bridge', 'strike', 'Crimea', 'drone'];
const mixedText = textOf([...VOCABULARY, ...SIGNATURE_WORDS, ...SIGNATURE_WORDS, ...GENERATED_WORDS, ...KERCH_WORDS, ...KERCH_WORDS]);

describe('the matcher’s score bounds', () => {
  const compiled = compileTopics(configuredTopics(), configuredPeople());
  if (!compiled.ok) throw new Error('the shipped topics did not compile');
  const { matcher } = compiled;

  it('never skip a topic that would match: match() is exactly evaluate() narrowed to the matched topics', () => {
    fc.assert(
      fc.property(text, fc.option(text, { nil: undefined }), fc.option(text, { nil: undefined }), published, (title, summary, content, date) => {
        const item = { title, summary, content, published: date };
        const matched = matcher.evaluate(item).filter((result) => result.explain.status === 'matched');
        expect(matcher.match(item)).toEqual(matched);
      }),
      { numRuns: 2000 },
    );
  });

  it('hold for topics looked at only once their necessary rule occurs', () => {
    const withGenerated = compileTopics([...configuredTopics(), ...GENERATED, topicsFileSchema.parse({ topics: [KERCH] }).topics[0]!], configuredPeople());
    if (!withGenerated.ok) throw new Error('the topics did not compile');
    let generatedMatches = 0;
    let kerchMatches = 0;
    fc.assert(
      fc.property(mixedText, fc.option(mixedText, { nil: undefined }), fc.option(mixedText, { nil: undefined }), (title, summary, content) => {
        const item = { title, summary, content };
        const matched = withGenerated.matcher.evaluate(item).filter((result) => result.explain.status === 'matched');
        generatedMatches += matched.filter((result) => result.topicId.startsWith('synthetic-')).length;
        kerchMatches += matched.filter((result) => result.topicId === KERCH.id).length;
        expect(withGenerated.matcher.match(item)).toEqual(matched);
      }),
      { numRuns: 2000 },
    );
    // The property is only worth something if generated topics do match now and then.
    expect(generatedMatches).toBeGreaterThan(50);
    expect(kerchMatches).toBeGreaterThan(10);
  });
});

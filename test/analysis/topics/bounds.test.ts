import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileTopics } from '../../../src/analysis/topics/compile.js';
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
  'holiday', 'said', 'on', 'in', 'a', 'and', '-', ',', '.',
];

const text = fc.array(fc.constantFrom(...VOCABULARY), { maxLength: 40 }).map((words) => words.join(' '));

describe('the matcher’s score bounds', () => {
  const compiled = compileTopics(configuredTopics(), configuredPeople());
  if (!compiled.ok) throw new Error('the shipped topics did not compile');
  const { matcher } = compiled;

  it('never skip a topic that would match: match() is exactly evaluate() narrowed to the matched topics', () => {
    fc.assert(
      fc.property(text, fc.option(text, { nil: undefined }), fc.option(text, { nil: undefined }), (title, summary, content) => {
        const item = { title, summary, content };
        const matched = matcher.evaluate(item).filter((result) => result.explain.status === 'matched');
        expect(matcher.match(item)).toEqual(matched);
      }),
      { numRuns: 2000 },
    );
  });
});

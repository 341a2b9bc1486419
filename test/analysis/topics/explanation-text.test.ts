import { describe, expect, it } from 'vitest';
import { briefExplanation, compileTopics, explanationLine, storedExplanation, topicsFileSchema } from '../../../src/analysis/topics/index.js';
import { loadPeople } from '../../../src/config/app-config.js';
import { matcherFor } from './helpers.js';

describe('briefExplanation', () => {
  it('names the strongest words with the best field they occur in, and the score against the threshold', () => {
    const people = loadPeople('config');
    const topics = topicsFileSchema.parse({
      topics: [
        {
          id: 'talks',
          name: 'Talks',
          description: 'White House talks.',
          threshold: 4,
          rules: {
            anyOf: [
              { terms: [{ person: 'volodymyr-zelensky' }], weight: 1 },
              { terms: ['White House', 'Oval Office'], weight: 1 },
            ],
          },
        },
      ],
    }).topics;
    const compiled = compileTopics(topics, people);
    if (!compiled.ok) throw new Error('the test topic should compile');
    const [match] = compiled.matcher.match({
      title: 'Zelenskyy arrives in Washington',
      summary: 'The Ukrainian president meets Trump at the White House.',
      content: 'Zelensky and European leaders gathered in the Oval Office.',
    });
    expect(match && briefExplanation(match.explain)).toBe(
      '"Zelenskyy" in the title, "The Ukrainian president" in the lede, "Zelensky" in the body, "White House" in the lede, "Oval Office" in the body · score 5 of 4 needed',
    );
  });
});

describe('explanationLine', () => {
  const matcher = matcherFor([
    {
      id: 'crimea',
      name: 'Crimea',
      description: 'Crimea in the peace terms.',
      threshold: 4,
      rules: {
        context: ['Russia', 'Ukraine'],
        allOf: [{ label: 'Crimea', terms: ['Crimea'], weight: 1 }],
        anyOf: [{ terms: ['annexation', 'recognition'], weight: 1.5 }],
        exclude: ['Crimean-Congo fever'],
      },
    },
  ]);
  const line = (title: string, summary?: string): string[] => matcher.evaluate({ title, summary }).map((match) => explanationLine(match.explain));

  it('gives the score against the threshold with each rule’s words and points', () => {
    expect(line('Ukraine rejects recognition of Crimea annexation')).toEqual([
      'score 7.5 ≥ threshold 4: "recognition" in title + "annexation" in title (+4.5), "Crimea" in title (+3)',
    ]);
    expect(line('Ukraine and Crimea', 'No recognition.')).toEqual(['score 6 ≥ threshold 4: "Crimea" in title (+3), "recognition" in lede (+3)']);
    expect(line('Russia and Crimea')).toEqual(['score 3 < threshold 4: "Crimea" in title (+3)']);
  });

  it('says what blocked a topic: an exclusion, missing context, a required rule', () => {
    expect(line('Crimean-Congo fever in Crimea')).toEqual(['excluded: "Crimean-Congo fever" in title']);
    expect(line('Crimea annexation anniversary')).toEqual(['no context term found (score 7.5, threshold 4)']);
    expect(line('Russia demands recognition of the annexation')).toEqual(['required rule(s) not found: Crimea']);
  });
});

describe('storedExplanation', () => {
  it('reads back an explanation stored as JSON, and nothing from a row in another format', () => {
    const [match] = matcherFor([{ id: 'crimea', name: 'Crimea', description: 'Crimea.', threshold: 3, rules: { anyOf: [{ terms: ['Crimea'] }] } }]).match({
      title: 'Crimea',
    });
    if (!match) throw new Error('the item should match');
    const stored = storedExplanation(JSON.parse(JSON.stringify(match.explain)));
    expect(stored).toEqual(match.explain);
    expect(stored && explanationLine(stored)).toBe('score 3 ≥ threshold 3: "Crimea" in title (+3)');
    expect(storedExplanation({ summary: 'an explanation of an older version' })).toBeUndefined();
    expect(storedExplanation(null)).toBeUndefined();
  });
});

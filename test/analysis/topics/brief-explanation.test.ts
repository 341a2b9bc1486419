import { describe, expect, it } from 'vitest';
import { briefExplanation, compileTopics, topicsFileSchema } from '../../../src/analysis/topics/index.js';
import { loadPeople } from '../../../src/config/app-config.js';

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

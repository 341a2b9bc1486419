import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fragmentScorer, keyContains, matchKey, quoteTerms, termSimilarity } from '../../src/store/quote-text.js';

const key = (text: string) => matchKey(quoteTerms(text));

describe('matchKey', () => {
  it('is the same for copies that differ only in quote marks, apostrophes, dashes, case, spacing and end punctuation', () => {
    const copies = [
      '\u201cThe world will be watching to see whether Washington defends Ukraine\u2014or rewards Moscow.\u201d',
      '"The world will be watching to see whether Washington defends Ukraine - or rewards Moscow"',
      'the world will be  watching to see whether Washington defends Ukraine -- or rewards Moscow,',
      '\u00abThe world will be watching to see whether Washington defends Ukraine \u2013 or rewards Moscow\u00bb',
    ];
    expect(new Set(copies.map(key)).size).toBe(1);
    expect(key('There\u2019s nothing to talk about here')).toBe(key("There's nothing to talk about here."));
    expect(key('Zelenskyy met Macron in Paris')).not.toBe(key('Zelensky met Macron in Paris'));
  });

  it('folds diacritics and splits words the way the full-text index does', () => {
    expect(quoteTerms('Zelensk\u00fd said \u201cRussia\u2019s army\u201d won\u2019t advance')).toEqual(['zelensky', 'said', 'russia', 's', 'army', 'won', 't', 'advance']);
  });
});

describe('keyContains', () => {
  it('matches whole words only', () => {
    expect(keyContains(key('We will defend Ukraine, I am sure'), key('defend Ukraine'))).toBe(true);
    expect(keyContains(key('We will defend Ukraine'), key('fend Ukraine'))).toBe(false);
  });
});

describe('termSimilarity', () => {
  it('credits misspellings and inflections but not different short words', () => {
    expect(termSimilarity('guarantee', 'guarantees')).toBeGreaterThan(0.8);
    expect(termSimilarity('talk', 'tlak')).toBeGreaterThan(0.6);
    expect(termSimilarity('confident', 'confidant')).toBeGreaterThan(0.8);
    expect(termSimilarity('we', 'he')).toBe(0);
    expect(termSimilarity('peace', 'piece')).toBeGreaterThan(0);
    expect(termSimilarity('russia', 'ukraine')).toBe(0);
  });
});

describe('fragmentScorer', () => {
  const quote = quoteTerms('I\u2019m confident we will defend Ukraine, and so are our partners');
  const score = (fragment: string) => fragmentScorer(quoteTerms(fragment))(quote);

  it('gives 1 to a verbatim fragment, wherever it sits in the quote', () => {
    expect(score('we will defend Ukraine')).toBe(1);
    expect(score('and so are our partners')).toBe(1);
  });

  it('ranks a misspelling above a missing word above a changed word, all well above unrelated words', () => {
    const misspelt = score('we will defend Ukriane');
    const missing = score('confident we defend Ukraine');
    const changed = score('we will protect Ukraine');
    const unrelated = score('the grain deal collapsed');
    expect(misspelt).toBeGreaterThan(missing);
    expect(missing).toBeGreaterThan(changed);
    expect(changed).toBeGreaterThan(0.5);
    expect(unrelated).toBeLessThan(0.3);
  });

  it('stays between 0 and 1', () => {
    const word = fc.constantFrom('we', 'will', 'defend', 'ukraine', 'peace', 'the', 'defence', 'ukrain', 'russia');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), fc.array(word, { maxLength: 30 }), (fragment, words) => {
        const value = fragmentScorer(fragment)(words);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1 + 1e-9);
      }),
    );
  });
});

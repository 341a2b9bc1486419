import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { peopleFileSchema } from '../../../src/analysis/people/schema.js';
import { extractQuotes } from '../../../src/analysis/quotes/extract.js';
import { itWithShared, readShared } from '../../support/shared-material.js';
import { mergeOutletQuotes, rankKeyQuotes, type KeyQuoteCandidate } from '../../../src/analysis/summary/key-quotes.js';

const seed = readShared('seed/ukraine-peace-talks-2025-08.txt');
const { people } = peopleFileSchema.parse(
  JSON.parse(readFileSync(new URL('../../../config/people.json', import.meta.url), 'utf8')),
);

function candidate(overrides: Partial<KeyQuoteCandidate>): KeyQuoteCandidate {
  return { quote: 'We will not give up our land to the occupier.', speaker: 'Someone', confidence: 0.8, outletCount: 1, principal: false, ...overrides };
}

describe('rankKeyQuotes', () => {
  itWithShared("puts Witkoff's Article 5 quotes from the seed first (via the quote extractor)", () => {
    const principals = new Set(people.filter((person) => person.principal).map((person) => person.id));
    const candidates = extractQuotes(seed, { people }).map((quote) => ({
      ...quote,
      outletCount: 1,
      principal: Boolean(quote.speakerId && principals.has(quote.speakerId)),
    }));
    const ranked = rankKeyQuotes(candidates, 3);
    expect(ranked[0]?.speaker).toBe('Steve Witkoff');
    expect(ranked.slice(0, 2).some((quote) => /Article 5/.test(quote.quote))).toBe(true);
    const all = rankKeyQuotes(candidates);
    expect(all[all.length - 1]?.speaker).toBeNull();
  });

  it('orders principals, then other named speakers, then described ones, and leaves out quotes nobody said', () => {
    const ranked = rankKeyQuotes([
      candidate({ quote: 'Nobody knows who said this but it is long enough.', speaker: null, confidence: 1, outletCount: 9 }),
      candidate({ quote: 'A diplomat thinks the summit may yet be rescued.', speaker: null, speakerLabel: 'one European diplomat', confidence: 1, outletCount: 9 }),
      candidate({ quote: 'An analyst thinks the deal is fragile and may collapse.', speaker: 'Analyst', confidence: 1 }),
      candidate({ quote: 'A principal said the talks were constructive and useful.', speaker: 'Principal', principal: true, confidence: 0.6 }),
    ]);
    expect(ranked.map((quote) => quote.speaker ?? quote.speakerLabel)).toEqual(['Principal', 'Analyst', 'one European diplomat']);
  });

  it('shows each quote bare: no full stop or comma the attribution left inside it', () => {
    const ranked = rankKeyQuotes([
      candidate({ quote: '“We will not give up our land.”', speaker: 'Principal', principal: true }),
      candidate({ quote: 'The guarantees must be like NATO’s Article 5,', speaker: 'Analyst' }),
      candidate({ quote: 'Is this really the end of the war?', speaker: 'Reporter' }),
    ]);
    expect(ranked.map((quote) => quote.quote)).toEqual([
      'We will not give up our land',
      'The guarantees must be like NATO’s Article 5',
      'Is this really the end of the war?',
    ]);
  });

  it('ranks by confidence weighted by outlets within a tier, statements before fragments', () => {
    const ranked = rankKeyQuotes([
      candidate({ quote: 'historic', confidence: 1, outletCount: 10 }),
      candidate({ quote: 'One outlet carried this statement about the ceasefire.', confidence: 0.9, outletCount: 1 }),
      candidate({ quote: 'Five outlets carried this statement about the ceasefire.', confidence: 0.8, outletCount: 5 }),
    ]);
    expect(ranked.map((quote) => quote.quote.split(' ')[0])).toEqual(['Five', 'One', 'historic']);
  });

  it('keeps one copy of a repeated quotation and honours the limit', () => {
    const ranked = rankKeyQuotes(
      [candidate({ quote: '“That is big.”' }), candidate({ quote: 'That is big' }), candidate({ quote: 'Something else entirely here.' })],
      5,
    );
    expect(ranked).toHaveLength(2);
    expect(rankKeyQuotes([candidate({}), candidate({ quote: 'Another different quote here.' })], 1)).toHaveLength(1);
  });
});

describe('mergeOutletQuotes', () => {
  it('counts distinct outlets per quotation, folding excerpts into the longer wording and keeping the best attribution', () => {
    const merged = mergeOutletQuotes([
      { outlet: 'CNN', quote: 'The United States is potentially prepared to give Article 5 security guarantees', speaker: null, confidence: 0.3, principal: false },
      { outlet: 'Reuters', quote: 'potentially prepared to give Article 5 security guarantees', speaker: 'Steve Witkoff', speakerId: 'steve-witkoff', confidence: 0.9, principal: true },
      { outlet: 'Reuters', quote: 'The United States is potentially prepared to give Article 5 security guarantees', speaker: 'Steve Witkoff', confidence: 0.8, principal: true },
      { outlet: 'AP', quote: 'I’m confident we will defend Ukraine', speaker: 'Volodymyr Zelensky', confidence: 0.9, principal: true },
    ]);
    expect(merged).toHaveLength(2);
    const article5 = merged.find((quote) => quote.quote.includes('Article 5'))!;
    expect(article5).toMatchObject({
      quote: 'The United States is potentially prepared to give Article 5 security guarantees',
      speaker: 'Steve Witkoff',
      speakerId: 'steve-witkoff',
      outletCount: 2,
      principal: true,
    });
  });
});

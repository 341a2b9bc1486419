import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import type { ExtractedQuote } from '../../src/analysis/quotes/types.js';
import { describeWithShared, readShared } from '../support/shared-material.js';
import { extracted, person, reportQuotes } from '../support/quotes-db.js';
import { OPERATOR } from '../../src/store/visibility.js';
import { openTestStores } from '../support/stores.js';
import type { Stores } from '../../src/store/index.js';

interface SeedQuote {
  text: string;
  speaker: string | null;
  speakerLabel?: string;
  kind: 'partial' | 'direct';
  cue?: string;
  outlet?: string;
}
interface SeedClaim {
  claim: string;
  speaker: string | null;
  speakerLabel?: string;
  cue: string;
}

const seed = JSON.parse(readShared('eval/seed-quotes.json') || '{"quotes":[],"indirect":[]}') as { quotes: SeedQuote[]; indirect: SeedClaim[] };

const HOUR = 3_600_000;
const AUG_18 = Date.UTC(2025, 7, 18, 9);

function attribution(speaker: string | null, speakerLabel: string | undefined): Partial<ExtractedQuote> {
  if (speaker) return person(speaker);
  return { speakerType: speakerLabel ? 'nominal' : 'unknown', speakerLabel: speakerLabel ?? null, confidence: 0.7 };
}

/**
 * The annotated quotes of the seed article as carried by the Kyiv Independent, the direct ones picked up again by
 * Reuters an hour later with straight quote marks, plus other coverage of the talks.
 */
async function buildCorpus(): Promise<Stores> {
  const stores = await openTestStores();
  const seedQuotes = seed.quotes.map((quote) =>
    extracted(quote.text, { ...attribution(quote.speaker, quote.speakerLabel), kind: quote.kind === 'partial' ? 'partial' : 'full', cue: quote.cue ?? null, to: quote.outlet ?? null }),
  );
  const claims = seed.indirect.map((claim) => extracted(claim.claim, { ...attribution(claim.speaker, claim.speakerLabel), kind: 'indirect', cue: claim.cue }));
  await reportQuotes(stores, { outlet: 'Kyiv Independent', at: AUG_18, title: 'Trump rules out NATO membership for Ukraine ahead of White House talks', link: 'https://kyivindependent.example/trump-nato' }, [...seedQuotes, ...claims]);
  await reportQuotes(
    stores,
    { outlet: 'Reuters', at: AUG_18 + HOUR },
    seedQuotes.filter((quote) => quote.kind === 'full').map((quote) => ({ ...quote, quote: quote.quote.replaceAll('\u2019', "'").replaceAll('\u2014', ' - ') })),
  );
  await reportQuotes(stores, { outlet: 'AP', at: AUG_18 + 2 * HOUR }, [
    extracted('Security guarantees must be practical: on land, in the air and at sea', person('Volodymyr Zelensky')),
    extracted('Any security guarantees for Ukraine have to be credible, or they are worth nothing', person('Keir Starmer')),
    extracted('We are not going to give up our land, and nobody can force us to', person('Volodymyr Zelensky')),
    extracted('The ball is in Moscow\u2019s court now', { speakerType: 'unknown', confidence: 0.4 }),
  ]);
  return stores;
}

describeWithShared('searchQuotes', () => {
  let stores: Stores;
  beforeAll(async () => {
    stores = await buildCorpus();
  });

  it('finds a quote from an exact fragment typed with straight quote marks and names who reported it first', async () => {
    const { best, alternatives } = await stores.quoteSearch.search('"There\'s nothing to talk about here"', { viewer: OPERATOR });
    expect(best).toMatchObject({
      quote: 'There\u2019s nothing to talk about here',
      speaker: 'Volodymyr Zelensky',
      speakerType: 'person',
      matchedBy: 'phrase',
      score: 1,
      sourceCount: 2,
      outletCount: 2,
      firstSource: { outlet: 'Kyiv Independent', link: 'https://kyivindependent.example/trump-nato', reportedAt: AUG_18 },
    });
    expect(alternatives).toEqual([]);
  });

  it('gives the speaker, the recipient and the full quote for a short fragment', async () => {
    const { best } = await stores.quoteSearch.search('article 5-like language', { viewer: OPERATOR });
    expect(best).toMatchObject({ speaker: 'Steve Witkoff', to: 'CNN', quote: expect.stringMatching(/^It was agreed at the Alaska summit .* security guarantee$/) });
  });

  it.each([
    ['a word changed', 'I\u2019m sure we will defend Ukraine', 'I\u2019m confident we will defend Ukraine'],
    ['a misspelling', 'I’m confidant we will defend Ukriane', 'I\u2019m confident we will defend Ukraine'],
    ['a missing word', 'our joint strength with America and European friends will force Russia into peace', 'I hope that our joint strength'],
    ['words in another form', 'prepared to give Article 5 security guarantee directly from the US', 'The United States is potentially prepared'],
    ['a paraphrased word and a typo', 'the world is watching whether Washington defends Ukriane', 'The world will be watching'],
  ])('finds a misremembered fragment: %s', async (_, fragment, expected) => {
    const { best } = await stores.quoteSearch.search(fragment, { viewer: OPERATOR });
    expect(best?.quote).toContain(expected);
    expect(best?.score).toBeLessThan(1);
    expect(best?.score).toBeGreaterThanOrEqual(0.5);
  });

  it('labels quotes from unnamed and unknown speakers as such', async () => {
    expect((await stores.quoteSearch.search('whether Washington defends Ukraine or rewards Moscow', { viewer: OPERATOR })).best).toMatchObject({
      speaker: null,
      speakerType: 'nominal',
      speakerLabel: 'one European diplomat',
    });
    expect((await stores.quoteSearch.search('the ball is in Moscow\u2019s court', { viewer: OPERATOR })).best).toMatchObject({ speaker: null, speakerId: null, speakerType: 'unknown', speakerLabel: null });
  });

  it('offers alternatives when several quotes match about as well', async () => {
    const { best, alternatives } = await stores.quoteSearch.search('security guarantees', { viewer: OPERATOR });
    const speakers = [best, ...alternatives].map((hit) => hit?.speaker);
    expect(alternatives.length).toBeGreaterThanOrEqual(1);
    expect(speakers).toEqual(expect.arrayContaining(['Volodymyr Zelensky', 'Keir Starmer']));
    expect((await stores.quoteSearch.search('security guarantees', { limit: 2, viewer: OPERATOR })).alternatives).toHaveLength(1);
  });

  it('prefers a quotation over reported speech, and still finds reported speech', async () => {
    expect((await stores.quoteSearch.search('robust', { viewer: OPERATOR })).best).toMatchObject({ quote: 'robust', kind: 'partial', speaker: 'Steve Witkoff' });
    expect((await stores.quoteSearch.search('Kyiv would not reclaim Crimea', { viewer: OPERATOR })).best).toMatchObject({ kind: 'indirect', speaker: 'Donald Trump' });
  });

  it('answers nothing rather than something unrelated', async () => {
    expect(await stores.quoteSearch.search('the grain deal collapsed in July', { viewer: OPERATOR })).toEqual({ best: null, alternatives: [] });
    expect(await stores.quoteSearch.search('   \u201c\u201d ...', { viewer: OPERATOR })).toEqual({ best: null, alternatives: [] });
  });

  it.each([
    '"robust',
    'robust*',
    'NEAR(security guarantees, 2)',
    'security - guarantees',
    '-robust',
    'text: robust',
    '(historic',
    'historic) OR (robust',
    'robust AND NOT historic',
    '^robust',
    '{text}: robust',
    '"" * : ( ) -',
  ])('treats FTS5 syntax in the fragment as plain text: %s', async (fragment) => {
    await expect(stores.quoteSearch.search(fragment, { viewer: OPERATOR })).resolves.toHaveProperty('alternatives');
  });

  it('never throws, whatever is typed', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: fc.constantFrom('"', '*', ':', '(', ')', '-', '^', '+', '{', '}', ' ', 'NEAR', 'AND', 'OR', 'NOT', 'robust', 'é', '\u2019', '\u201c') }), async (fragment) => {
        await stores.quoteSearch.search(fragment, { viewer: OPERATOR });
      }),
      { numRuns: 200 },
    );
  });

  it('finds robust in a fragment that is FTS5 syntax around a real word', async () => {
    expect((await stores.quoteSearch.search('NEAR("robust"*)', { viewer: OPERATOR })).best?.quote).toBe('robust');
  });
});

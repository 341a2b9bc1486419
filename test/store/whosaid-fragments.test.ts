import { beforeAll, describe, expect, it } from 'vitest';
import type { Stores } from '../../src/store/index.js';
import { OPERATOR } from '../../src/store/visibility.js';
import { readAnnotatedSet } from '../analysis/quotes/scoring.js';
import { extracted, reportQuotes } from '../support/quotes-db.js';
import { pick, seededRandom, type Random } from '../support/random.js';
import { openTestStores } from '../support/stores.js';

/**
 * /whosaid with fragments people remember of the real-world development set's quotations (the other development set
 * is stored too, as more quotes to confuse them with). For every quotation of eight words or more: an exact 5-word
 * fragment, a 7-word fragment with one word dropped, and a lower-cased 6-word fragment in straight quotes with a
 * letter dropped, doubled or swapped somewhere in one word. The quotation must be the first answer for 97% of them.
 */

const realWorld = readAnnotatedSet(new URL('../fixtures/quotes/real-world/', import.meta.url));
const earlier = readAnnotatedSet(new URL('../fixtures/quotes/', import.meta.url));

function typo(next: Random, word: string): string {
  const at = Math.floor(next() * (word.length - 1));
  const kind = pick(next, ['drop', 'double', 'swap'] as const);
  if (kind === 'drop') return word.slice(0, at) + word.slice(at + 1);
  if (kind === 'double') return word.slice(0, at + 1) + word.slice(at);
  return word.slice(0, at) + (word[at + 1] ?? '') + (word[at] ?? '') + word.slice(at + 2);
}

function fragmentsOf(next: Random, quote: string): { kind: string; fragment: string }[] {
  const words = quote.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word));
  const start = (length: number): number => Math.floor(next() * (words.length - length + 1));
  const exact = start(5);
  const dropped = start(Math.min(8, words.length));
  const window = words.slice(dropped, dropped + 8);
  window.splice(1 + Math.floor(next() * (window.length - 2)), 1);
  const misspelt = start(6);
  const six = words.slice(misspelt, misspelt + 6).map((word) => word.toLowerCase().replace(/[^\p{L}\p{N}'’-]/gu, ''));
  const long = six.map((word, i) => [word, i] as const).filter(([word]) => word.length >= 4);
  const [, target] = long.length > 0 ? pick(next, long) : [six[0] ?? '', 0];
  six[target] = typo(next, six[target] ?? '');
  return [
    { kind: 'exact 5 words', fragment: words.slice(exact, exact + 5).join(' ') },
    { kind: '7 words, one dropped', fragment: window.join(' ') },
    { kind: 'lower case, straight quotes, a typo', fragment: `"${six.join(' ')}"` },
  ];
}

describe('/whosaid with misremembered fragments of the development set', () => {
  let stores: Stores;
  beforeAll(async () => {
    stores = await openTestStores();
    for (const [n, { annotation }] of [...earlier, ...realWorld].entries()) {
      const quotes = annotation.quotes.map((gold) => extracted(gold.text, { speaker: gold.speaker, speakerType: gold.speaker ? 'person' : 'nominal', speakerLabel: gold.speakerLabel ?? gold.speaker }));
      await reportQuotes(stores, { outlet: `Outlet ${n % 7}`, at: Date.UTC(2025, 10, 1) + n * 60_000, title: annotation.article }, quotes);
    }
  });
  const next = seededRandom(14);
  const long = realWorld.flatMap(({ annotation }) => annotation.quotes.map((gold) => gold.text)).filter((text) => text.split(/\s+/).length >= 8);
  const trials = [...new Set(long)].flatMap((quote) => fragmentsOf(next, quote).map((fragment) => ({ ...fragment, quote })));
  const bare = (text: string): string => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

  it('answers with the quotation first for at least 97% of the fragments', async () => {
    const failures: typeof trials = [];
    for (const trial of trials) {
      const { best } = await stores.quoteSearch.search(trial.fragment, { viewer: OPERATOR });
      if (!best || !bare(best.quote).includes(bare(trial.quote))) failures.push(trial);
    }
    const share = 1 - failures.length / trials.length;
    console.log(`/whosaid fragments: ${trials.length - failures.length}/${trials.length} first answers right (${(share * 100).toFixed(1)}%)`);
    for (const failure of failures) console.log(`  not first: [${failure.kind}] ${failure.fragment}  ←  ${failure.quote.slice(0, 70)}`);
    expect(trials.length).toBeGreaterThanOrEqual(150);
    expect(share).toBeGreaterThanOrEqual(0.97);
  });
});

describe('/whosaid with a typing slip early in a word', () => {
  let stores: Stores;
  beforeAll(async () => {
    stores = await openTestStores();
    await reportQuotes(stores, { outlet: 'Wire', at: Date.UTC(2025, 10, 2) }, [
      extracted('Security guarantees must be the basis of any agreement', { speaker: 'Volodymyr Zelensky', speakerType: 'person', speakerLabel: 'Zelensky' }),
      extracted('There is no basis for talks while the strikes continue', { speaker: 'Andrii Sybiha', speakerType: 'person', speakerLabel: 'Sybiha' }),
      extracted('Guarantees will have to be negotiated', { speaker: 'Marco Rubio', speakerType: 'person', speakerLabel: 'Rubio' }),
    ]);
  });

  it('finds the quote through the stored word one slip away, ranked below a verbatim hit', async () => {
    const slipped = await stores.quoteSearch.search('security gaurantees must be the bsais', { viewer: OPERATOR });
    expect(slipped.best?.speaker).toBe('Volodymyr Zelensky');
    expect(slipped.best?.score).toBeLessThan(1);
    expect((await stores.quoteSearch.search('security guarantees must be the basis', { viewer: OPERATOR })).best).toMatchObject({ speaker: 'Volodymyr Zelensky', matchedBy: 'phrase' });
  });

  it('lists the other quotes that fit as alternatives', async () => {
    const { best, alternatives } = await stores.quoteSearch.search('no bsais', { viewer: OPERATOR });
    expect(best?.speaker).toBe('Andrii Sybiha');
    const slipped = await stores.quoteSearch.search('gaurantees', { viewer: OPERATOR });
    expect(slipped.alternatives.length + (slipped.best ? 1 : 0)).toBe(2);
    expect(alternatives.every((hit) => hit.score <= (best?.score ?? 0))).toBe(true);
  });
});

import { expect, it } from 'vitest';
import { extractQuotes } from '../../../src/analysis/quotes/extract.js';
import { describeWithShared, readShared } from '../../support/shared-material.js';
import { loadProjectPeople } from './load-people.js';
import { overlap, speakerMatches, type GoldQuote } from './scoring.js';

const article = readShared('seed/ukraine-peace-talks-2025-08.txt');
const annotation = JSON.parse(readShared('eval/seed-quotes.json') || '{"quotes":[],"notQuotes":[]}') as { quotes: GoldQuote[]; notQuotes: string[] };
const quotes = extractQuotes(article, { people: loadProjectPeople() });

describeWithShared('the seed article', () => {
  it.each(annotation.quotes.map((gold) => [gold.text.slice(0, 60), gold] as const))('finds “%s” with the annotated speaker', (_, gold) => {
    const found = quotes.find((quote) => overlap(gold.text, quote.quote) >= 0.8);
    expect(found, `no quote matches ${gold.text}`).toBeDefined();
    expect(speakerMatches(gold, found!), `speaker of “${gold.text}” was ${found!.speaker ?? found!.speakerLabel}`).toBe(true);
  });

  it('keeps the unnamed diplomat as a nominal speaker, not a person', () => {
    const diplomat = quotes.find((quote) => quote.quote.startsWith('The world will be watching'));
    expect(diplomat).toMatchObject({ speaker: null, speakerId: null, speakerType: 'nominal', speakerLabel: 'one European diplomat', cue: 'put it', kind: 'full' });
  });

  it('does not report “coalition of the willing” as anyone’s words', () => {
    for (const notQuote of annotation.notQuotes) {
      expect(quotes.some((quote) => overlap(notQuote, quote.quote) >= 0.8)).toBe(false);
    }
  });

  it('reports exactly the annotated quotations, with offsets into the article', () => {
    expect(quotes).toHaveLength(annotation.quotes.length);
    for (const quote of quotes) expect(article.slice(quote.start, quote.end)).toBe(quote.quote);
  });

  it('captures the medium, not as the speaker: “…,” Witkoff told CNN', () => {
    const cnn = quotes.find((quote) => quote.quote.startsWith('It was agreed'));
    expect(cnn).toMatchObject({ speaker: 'Steve Witkoff', speakerId: 'steve-witkoff', cue: 'told', to: 'CNN' });
  });
});

describeWithShared('the seed article, reported speech (indirect)', () => {
  const withIndirect = extractQuotes(article, { people: loadProjectPeople(), indirect: true });
  const indirect = withIndirect.filter((quote) => quote.kind === 'indirect');

  it('is reported only when asked for, apart from the direct quotes', () => {
    expect(quotes.some((quote) => quote.kind === 'indirect')).toBe(false);
    expect(withIndirect.filter((quote) => quote.kind !== 'indirect')).toEqual(quotes);
  });

  it('finds the annotated claims with their speakers', () => {
    const find = (words: string) => indirect.find((quote) => quote.quote.includes(words));
    expect(find('Kyiv would not reclaim Crimea')).toMatchObject({ speaker: 'Donald Trump', cue: 'said' });
    expect(find('Russia had agreed to allow')).toMatchObject({ speaker: 'Steve Witkoff', cue: 'revealed' });
    expect(find('this is not the first time')).toMatchObject({ speaker: null, speakerType: 'nominal', speakerLabel: 'Analysts', cue: 'note' });
    expect(find('the proposed pact is different')).toMatchObject({ speaker: null, speakerType: 'nominal', cue: 'insist' });
    for (const claim of indirect) expect(article.slice(claim.start, claim.end)).toBe(claim.quote);
  });

  it('gives the same quotes and speakers when written in British single marks', () => {
    const british = article.replaceAll('“', '‘').replaceAll('”', '’');
    const summary = (found: typeof quotes) => found.map((quote) => [quote.quote, quote.speaker, quote.cue, quote.kind]);
    expect(summary(extractQuotes(british, { people: loadProjectPeople() }))).toEqual(summary(quotes));
  });
});

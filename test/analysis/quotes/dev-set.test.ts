import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../../src/analysis/quotes/extract.js';
import { loadProjectPeople } from './load-people.js';
import { metrics, readAnnotatedSet, scoreArticle, sumScores } from './scoring.js';

const articles = readAnnotatedSet(new URL('../../fixtures/quotes/', import.meta.url));
const people = loadProjectPeople();

describe('the development set (test/fixtures/quotes)', () => {
  const scores = articles.map(({ annotation, text }) => ({ annotation, text, quotes: extractQuotes(text, { people }) }));
  const total = sumScores(scores.map(({ annotation, quotes }) => scoreArticle(annotation, quotes)));
  const { precision, recall, f1, speakerAccuracy } = metrics(total);

  it('has at least 60 annotated quotations across varied outlets', () => {
    expect(total.gold).toBeGreaterThanOrEqual(60);
    expect(articles.length).toBeGreaterThanOrEqual(8);
  });

  it('finds quotes with precision, recall and F1 of at least 0.9, and names the right speaker 90% of the time', () => {
    console.log(
      `quotes: ${total.gold} annotated, ${total.predicted} found, ${total.matched} matched; ` +
        `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}, F1 ${f1.toFixed(3)}; ` +
        `speaker accuracy ${speakerAccuracy.toFixed(3)} (${total.speakerCorrect}/${total.matched})`,
    );
    for (const line of [...total.misses.map((m) => `missed ${m}`), ...total.spurious.map((s) => `spurious ${s}`), ...total.wrongSpeaker.map((w) => `wrong speaker ${w}`)]) console.log(line);
    expect(precision).toBeGreaterThanOrEqual(0.9);
    expect(recall).toBeGreaterThanOrEqual(0.9);
    expect(f1).toBeGreaterThanOrEqual(0.9);
    expect(speakerAccuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('reports none of the annotated titles and scare quotes as speech', () => {
    for (const { annotation, quotes } of scores) {
      for (const notQuote of annotation.notQuotes) {
        const reported = quotes.find((quote) => quote.quote.trim() === notQuote.trim());
        expect(reported, `${annotation.article}: “${notQuote}”`).toBeUndefined();
      }
    }
  });

  it('gives offsets that point at the quoted text and confidences within 0..1', () => {
    for (const { text, quotes } of scores) {
      for (const quote of quotes) {
        expect(text.slice(quote.start, quote.end)).toBe(quote.quote);
        expect(quote.confidence).toBeGreaterThanOrEqual(0);
        expect(quote.confidence).toBeLessThanOrEqual(1);
      }
    }
  });
});

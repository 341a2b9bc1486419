/**
 * The real-world development set (test/fixtures/quotes/real-world): 42 articles written in the shapes real pages come
 * in (wire datelines, truncated leads, headline + standfirst + body, mirrors adding "(AFP) —" and bylines, mixed and
 * «…» „…“ marks, all-caps posts, transliterated and mojibake names) and the eight patterns of issue 14: partial
 * quotes governed by verbs and nouns, quote lists after an introduction, continuations, descriptions standing for a
 * named person, organisations and publications, cues far from the quote, all-caps social posts, names outside
 * config/people.json.
 *
 * Speaker accuracy counts every annotated quotation: an unfound quotation is a wrong speaker.
 *
 * Score of the extractor before the work on this set (commit 363eb9b):
 *   208 annotated, 200 found, 199 matched; precision 0.995, recall 0.957, F1 0.975, speaker accuracy 0.755 (157/208)
 *   (quote finding was mostly there; attribution failed on quote lists, mojibake and transliterated names, descriptions,
 *   datelines read as speakers, platforms and outlets read as speakers, initials of organisations)
 * After the work on issue 14:
 *   208 annotated, 207 found, 207 matched; precision 1.000, recall 0.995, F1 0.998, speaker accuracy 0.990 (206/208)
 */
import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../../src/analysis/quotes/extract.js';
import { loadProjectPeople } from './load-people.js';
import { metrics, readAnnotatedSet, scoreArticle, sumScores } from './scoring.js';

const articles = readAnnotatedSet(new URL('../../fixtures/quotes/real-world/', import.meta.url));
const people = loadProjectPeople();

describe('the real-world development set (test/fixtures/quotes/real-world)', () => {
  const scores = articles.map(({ annotation, text }) => ({ annotation, text, quotes: extractQuotes(text, { people }) }));
  const total = sumScores(scores.map(({ annotation, quotes }) => scoreArticle(annotation, quotes)));
  const { precision, recall, f1 } = metrics(total);
  const speakerAccuracy = total.speakerCorrect / total.gold;

  it('has at least 40 articles and 150 annotated quotations', () => {
    expect(articles.length).toBeGreaterThanOrEqual(40);
    expect(total.gold).toBeGreaterThanOrEqual(150);
  });

  it('finds quotes with an F1 of at least 0.95 and names the right speaker for 92% of all annotated quotations', () => {
    console.log(
      `real-world quotes: ${total.gold} annotated, ${total.predicted} found, ${total.matched} matched; ` +
        `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}, F1 ${f1.toFixed(3)}; ` +
        `speaker accuracy ${speakerAccuracy.toFixed(3)} (${total.speakerCorrect}/${total.gold})`,
    );
    for (const line of [...total.misses.map((m) => `missed ${m}`), ...total.spurious.map((s) => `spurious ${s}`), ...total.wrongSpeaker.map((w) => `wrong speaker ${w}`)]) console.log(line);
    expect(f1).toBeGreaterThanOrEqual(0.95);
    expect(speakerAccuracy).toBeGreaterThanOrEqual(0.92);
  });

  it('reports none of the annotated titles and scare quotes as speech', () => {
    for (const { annotation, quotes } of scores) {
      for (const notQuote of annotation.notQuotes) {
        expect(quotes.find((quote) => quote.quote.trim() === notQuote.trim()), `${annotation.article}: “${notQuote}”`).toBeUndefined();
      }
    }
  });

  it('gives offsets that point at the quoted text', () => {
    for (const { text, quotes } of scores) for (const quote of quotes) expect(text.slice(quote.start, quote.end)).toBe(quote.quote);
  });
});

import { readFileSync, readdirSync } from 'node:fs';
import { foldText } from '../../../src/text/words.js';
import type { ExtractedQuote } from '../../../src/analysis/quotes/types.js';

/** One hand-annotated quotation (the shape of ../shared/eval/seed-quotes.json and test/fixtures/quotes/*.json). */
export interface GoldQuote {
  text: string;
  speaker: string | null;
  speakerLabel?: string;
  speakerType?: string;
  kind?: string;
}

export interface Annotation {
  article: string;
  quotes: GoldQuote[];
  notQuotes: string[];
}

export interface Score {
  gold: number;
  predicted: number;
  matched: number;
  speakerCorrect: number;
  misses: string[];
  spurious: string[];
  wrongSpeaker: string[];
}

const LABEL_STOPWORDS = new Set(['the', 'a', 'an', 'one', 'another', 'of', 'in', 'on', 'at', 'to', 'with']);

function tokens(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Share of the shorter text's words that the longer text has too: quotes match when this is at least 0.6. */
export function overlap(a: string, b: string): number {
  const left = tokens(a);
  const right = new Set(tokens(b));
  const shorter = Math.min(left.length, right.size);
  if (shorter === 0) return 0;
  const common = new Set(left.filter((word) => right.has(word))).size;
  return common / Math.max(shorter, 1);
}

function sameLabel(gold: string | undefined, predicted: string | null): boolean {
  if (!gold) return true;
  if (!predicted) return false;
  const content = (text: string): string[] => tokens(text).filter((word) => !LABEL_STOPWORDS.has(word));
  const predictedWords = new Set(content(predicted));
  return content(gold).some((word) => predictedWords.has(word));
}

export function speakerMatches(gold: GoldQuote, predicted: ExtractedQuote): boolean {
  if (gold.speaker !== null) return predicted.speaker === gold.speaker;
  if (predicted.speaker !== null || predicted.speakerId !== null) return false;
  if (gold.speakerType === 'unknown') return true;
  return predicted.speakerType !== 'person' && sameLabel(gold.speakerLabel, predicted.speakerLabel);
}

/** Greedy one-to-one matching of predicted quotes to gold quotes by word overlap. */
export function scoreArticle(annotation: Annotation, predicted: readonly ExtractedQuote[]): Score {
  const used = new Set<number>();
  const score: Score = { gold: annotation.quotes.length, predicted: predicted.length, matched: 0, speakerCorrect: 0, misses: [], spurious: [], wrongSpeaker: [] };
  for (const gold of annotation.quotes) {
    let best = -1;
    let bestOverlap = 0.6;
    let bestLengthGap = Infinity;
    predicted.forEach((quote, i) => {
      if (used.has(i)) return;
      const value = overlap(gold.text, quote.quote);
      // Between equal overlaps, the quote closest in length: "The last ten metres." is not the longer quote it repeats.
      const lengthGap = Math.abs(tokens(quote.quote).length - tokens(gold.text).length);
      const better = value > bestOverlap || (value === bestOverlap && lengthGap < bestLengthGap);
      if (better && tokens(quote.quote).length <= tokens(gold.text).length * 2 + 2) {
        best = i;
        bestOverlap = value;
        bestLengthGap = lengthGap;
      }
    });
    const match = predicted[best];
    if (!match) {
      score.misses.push(`${annotation.article}: ${gold.text}`);
      continue;
    }
    used.add(best);
    score.matched++;
    if (speakerMatches(gold, match)) score.speakerCorrect++;
    else score.wrongSpeaker.push(`${annotation.article}: "${gold.text.slice(0, 50)}" gold=${gold.speaker ?? gold.speakerLabel} got=${match.speaker ?? `${match.speakerType}:${match.speakerLabel}`}`);
  }
  predicted.forEach((quote, i) => {
    if (!used.has(i)) score.spurious.push(`${annotation.article}: ${quote.quote}`);
  });
  return score;
}

export function sumScores(scores: readonly Score[]): Score {
  return scores.reduce(
    (total, s) => ({
      gold: total.gold + s.gold,
      predicted: total.predicted + s.predicted,
      matched: total.matched + s.matched,
      speakerCorrect: total.speakerCorrect + s.speakerCorrect,
      misses: [...total.misses, ...s.misses],
      spurious: [...total.spurious, ...s.spurious],
      wrongSpeaker: [...total.wrongSpeaker, ...s.wrongSpeaker],
    }),
    { gold: 0, predicted: 0, matched: 0, speakerCorrect: 0, misses: [], spurious: [], wrongSpeaker: [] },
  );
}

export function metrics(score: Score): { precision: number; recall: number; f1: number; speakerAccuracy: number } {
  const precision = score.predicted === 0 ? 0 : score.matched / score.predicted;
  const recall = score.gold === 0 ? 0 : score.matched / score.gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const speakerAccuracy = score.matched === 0 ? 0 : score.speakerCorrect / score.matched;
  return { precision, recall, f1, speakerAccuracy };
}

/** The annotated articles of a fixture folder: each annotation (*.json) with the text of its article. */
export function readAnnotatedSet(folder: URL): { annotation: Annotation; text: string }[] {
  return readdirSync(folder)
    .filter((file) => file.endsWith('.json'))
    .map((file) => JSON.parse(readFileSync(new URL(file, folder), 'utf8')) as Annotation)
    .map((annotation) => ({ annotation, text: readFileSync(new URL(annotation.article, folder), 'utf8') }));
}

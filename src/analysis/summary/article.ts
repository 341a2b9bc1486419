import { isBoilerplate, isHeading, stripDateline } from '../../text/boilerplate.js';
import { splitSentences, type Sentence } from '../../text/sentences.js';
import { termCounts } from '../../text/terms.js';
import { selectDiverse, textRank } from './rank.js';
import { tfIdfVectors } from './vectors.js';

export interface Summary {
  /** The chosen sentences joined with spaces. */
  summary: string;
  /** The chosen sentences, whole, in the order they appear. */
  sentences: string[];
}

export interface ArticleSummaryOptions {
  /** The lede plus at most this many minus one further sentences. Default 3. */
  maxSentences?: number;
}

/** A sentence shorter than this is a fragment or a caption, not a lede. */
const MIN_LEDE_WORDS = 6;
const MIN_SUMMARY_WORDS = 8;

/**
 * The story sentences of an article: without headlines, section heads, boilerplate paragraphs and datelines.
 * Offsets still refer to the input.
 */
export function storySentences(text: string): Sentence[] {
  const all = splitSentences(text);
  const paragraphSpan = new Map<number, { start: number; end: number }>();
  for (const sentence of all) {
    const span = paragraphSpan.get(sentence.paragraph);
    if (span) span.end = sentence.end;
    else paragraphSpan.set(sentence.paragraph, { start: sentence.start, end: sentence.end });
  }
  const furniture = new Set<number>();
  for (const [index, span] of paragraphSpan) {
    const paragraph = text.slice(span.start, span.end);
    if (isHeading(paragraph) || isBoilerplate(paragraph)) furniture.add(index);
  }
  const kept: Sentence[] = [];
  for (const sentence of all) {
    if (furniture.has(sentence.paragraph) || isBoilerplate(sentence.text)) continue;
    const withoutDateline = stripDateline(sentence.text);
    kept.push({ ...sentence, text: withoutDateline, start: sentence.end - withoutDateline.length });
  }
  return kept;
}

/**
 * Lead-biased extractive summary: the lede, then the sentences a lead-weighted TextRank finds most central, skipping
 * any that repeat what is already chosen (maximal marginal relevance).
 */
export function summarizeArticle(text: string, options: ArticleSummaryOptions = {}): Summary {
  const maxSentences = Math.max(1, options.maxSentences ?? 3);
  const sentences = storySentences(text);
  const ledeIndex = sentences.findIndex((sentence) => wordCount(sentence.text) >= MIN_LEDE_WORDS);
  if (ledeIndex < 0) return { summary: '', sentences: [] };

  const vectors = tfIdfVectors(sentences.map((sentence) => termCounts(sentence.text)));
  const prior = sentences.map((_, index) => 1 / (1 + index / 4));
  const centrality = textRank(vectors, prior);
  const scores = sentences.map((sentence, index) =>
    index <= ledeIndex || wordCount(sentence.text) < MIN_SUMMARY_WORDS
      ? -Infinity
      : centrality[index]! * readsOnItsOwn(sentence.text),
  );
  const picked = selectDiverse(scores, vectors, { limit: maxSentences, chosen: [ledeIndex] });
  const chosen = picked.sort((a, b) => a - b).map((index) => sentences[index]!.text);
  return { summary: chosen.join(' '), sentences: chosen };
}

/**
 * Out of context, a sentence that leans on the one before ("He said…", "However, …") or is nothing but a quotation
 * reads worse than one that states a fact; such sentences need a clearly higher score to be chosen.
 */
function readsOnItsOwn(sentence: string): number {
  if (/^(?:he|she|it|they|this|that|these|those|but|and|however|still|yet|so|also|meanwhile)\b/i.test(sentence)) return 0.7;
  if (/^["\u201c\u2018']/.test(sentence)) return 0.8;
  return 1;
}

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

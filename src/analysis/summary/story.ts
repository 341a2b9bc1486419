import { termCounts } from '../../text/terms.js';
import { storySentences, wordCount, type Summary } from './article.js';
import { selectDiverse, textRank } from './rank.js';
import { tfIdfVectors } from './vectors.js';

export interface StoryArticle {
  title: string;
  text: string;
  outlet: string;
}

export interface StorySummaryOptions {
  /** Default 3. */
  maxSentences?: number;
}

/** Only the top of each article takes part: news puts the facts first, and this bounds the cost for long stories. */
const SENTENCES_PER_ARTICLE = 12;
const MIN_SUMMARY_WORDS = 8;
/**
 * Two outlets' wordings of one fact: TF-IDF cosine this high, or half the content words of the shorter sentence
 * shared (IDF over a handful of articles undervalues exactly the words they share).
 */
const SAME_FACT_SIMILARITY = 0.35;
const SAME_FACT_WORD_OVERLAP = 0.5;

interface Node {
  text: string;
  /** Position of the sentence in its article, 0 for the lede; -1 for a headline (ranked, never picked). */
  position: number;
}

/**
 * The most central sentences across the outlets covering a story: the best-supported lede first, then the
 * sentences the other coverage agrees on most, never the same fact twice. Headlines take part in the ranking as
 * evidence of what the story is about but are never picked.
 */
export function summarizeStory(articles: readonly StoryArticle[], options: StorySummaryOptions = {}): Summary {
  const maxSentences = Math.max(1, options.maxSentences ?? 3);
  const nodes: Node[] = [];
  for (const article of articles) {
    if (article.title.trim()) nodes.push({ text: article.title, position: -1 });
    storySentences(article.text)
      .filter((sentence) => wordCount(sentence.text) >= MIN_SUMMARY_WORDS)
      .slice(0, SENTENCES_PER_ARTICLE)
      .forEach((sentence, position) => nodes.push({ text: sentence.text, position }));
  }
  const selectable = nodes.map((node) => node.position >= 0);
  if (!selectable.includes(true)) return { summary: '', sentences: [] };

  const counts = nodes.map((node) => termCounts(node.text));
  const vectors = tfIdfVectors(counts);
  const prior = nodes.map((node) => (node.position < 0 ? 1 : 1 / (1 + node.position / 3)));
  const centrality = textRank(vectors, prior);
  const ledeScores = nodes.map((node, index) => (node.position === 0 ? centrality[index]! : -Infinity));
  const lede = ledeScores.indexOf(Math.max(...ledeScores));
  const scores = centrality.map((score, index) => (selectable[index] ? score : -Infinity));
  const picked = selectDiverse(scores, vectors, {
    limit: maxSentences,
    chosen: [lede],
    maxSimilarity: SAME_FACT_SIMILARITY,
    repeats: (candidate, chosen) => wordOverlap(counts[candidate]!, counts[chosen]!) >= SAME_FACT_WORD_OVERLAP,
  });
  const sentences = picked.map((index) => nodes[index]!.text);
  return { summary: sentences.join(' '), sentences };
}

/** Shared distinct terms as a share of the smaller set (the overlap coefficient). */
function wordOverlap(a: Map<string, number>, b: Map<string, number>): number {
  const smaller = a.size <= b.size ? a : b;
  const larger = smaller === a ? b : a;
  if (smaller.size === 0) return 0;
  let shared = 0;
  for (const term of smaller.keys()) if (larger.has(term)) shared++;
  return shared / smaller.size;
}

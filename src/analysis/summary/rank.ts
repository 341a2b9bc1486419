import { dot, type SparseVector } from './vectors.js';

/**
 * TextRank over a cosine-similarity graph: each sentence's stationary score under a random walk that follows
 * similarity edges and, with probability 1 - damping, jumps according to `prior` (uniform when omitted). A prior
 * favouring early sentences gives the lead bias news needs.
 */
export function textRank(vectors: SparseVector[], prior?: number[], damping = 0.85, iterations = 30): number[] {
  const count = vectors.length;
  if (count === 0) return [];
  const jump = normalizeWeights(prior ?? vectors.map(() => 1));
  const edges: number[][] = vectors.map(() => new Array<number>(count).fill(0));
  const outWeight = new Array<number>(count).fill(0);
  for (let i = 0; i < count; i++) {
    for (let j = i + 1; j < count; j++) {
      const similarity = dot(vectors[i]!, vectors[j]!);
      if (similarity <= 0) continue;
      edges[i]![j] = similarity;
      edges[j]![i] = similarity;
      outWeight[i]! += similarity;
      outWeight[j]! += similarity;
    }
  }
  let scores = [...jump];
  for (let iteration = 0; iteration < iterations; iteration++) {
    const next = jump.map((weight) => (1 - damping) * weight);
    for (let i = 0; i < count; i++) {
      const out = outWeight[i]!;
      // A sentence sharing no word with any other hands its score back through the prior.
      if (out === 0) {
        for (let j = 0; j < count; j++) next[j]! += damping * scores[i]! * jump[j]!;
        continue;
      }
      const row = edges[i]!;
      for (let j = 0; j < count; j++) if (row[j]! > 0) next[j]! += (damping * scores[i]! * row[j]!) / out;
    }
    scores = next;
  }
  return scores;
}

function normalizeWeights(weights: number[]): number[] {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return weights.map((weight) => (total > 0 ? weight / total : 1 / weights.length));
}

export interface DiverseSelectionOptions {
  limit: number;
  /** Indices already chosen (e.g. the lede); new picks must differ from them too. */
  chosen?: number[];
  /** Weight of relevance against novelty in maximal marginal relevance. */
  lambda?: number;
  /** A candidate this similar to a chosen sentence repeats it and is never picked. */
  maxSimilarity?: number;
  /** Another test for "says the same thing as a chosen sentence"; such candidates are never picked. */
  repeats?: (candidate: number, chosen: number) => boolean;
}

/**
 * Maximal marginal relevance: repeatedly picks the candidate with the best trade-off between its score and its
 * similarity to what is already chosen. Returns the indices picked, `chosen` first.
 */
export function selectDiverse(scores: number[], vectors: SparseVector[], options: DiverseSelectionOptions): number[] {
  const { limit, lambda = 0.7, maxSimilarity = 0.5 } = options;
  const chosen = [...(options.chosen ?? [])];
  const top = Math.max(...scores, Number.MIN_VALUE);
  while (chosen.length < limit) {
    let best = -1;
    let bestValue = -Infinity;
    for (let i = 0; i < scores.length; i++) {
      if (chosen.includes(i)) continue;
      const redundancy = Math.max(0, ...chosen.map((j) => dot(vectors[i]!, vectors[j]!)));
      if (redundancy > maxSimilarity || chosen.some((j) => options.repeats?.(i, j))) continue;
      const value = lambda * (scores[i]! / top) - (1 - lambda) * redundancy;
      if (value > bestValue) {
        bestValue = value;
        best = i;
      }
    }
    if (best < 0) break;
    chosen.push(best);
  }
  return chosen;
}

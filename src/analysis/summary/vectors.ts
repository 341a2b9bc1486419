/** Sparse TF-IDF vectors and cosine similarity, shared by sentence ranking and story summaries. */

export type SparseVector = Map<string, number>;

/**
 * L2-normalised TF-IDF vectors for a small collection (the sentences of one article or one story), with sublinear
 * term frequency and smoothed IDF, so the dot product of two vectors is their cosine.
 */
export function tfIdfVectors(documents: Map<string, number>[]): SparseVector[] {
  const documentFrequency = new Map<string, number>();
  for (const counts of documents) {
    for (const term of counts.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const total = documents.length;
  return documents.map((counts) => {
    const vector: SparseVector = new Map();
    for (const [term, count] of counts) {
      const idf = Math.log((1 + total) / (1 + (documentFrequency.get(term) ?? 0))) + 1;
      vector.set(term, (1 + Math.log(count)) * idf);
    }
    return normalize(vector);
  });
}

function normalize(vector: SparseVector): SparseVector {
  let sumOfSquares = 0;
  for (const weight of vector.values()) sumOfSquares += weight * weight;
  if (sumOfSquares === 0) return vector;
  const norm = Math.sqrt(sumOfSquares);
  for (const [term, weight] of vector) vector.set(term, weight / norm);
  return vector;
}

/** Dot product; the cosine when both vectors are normalised. */
export function dot(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let sum = 0;
  for (const [term, weight] of small) {
    const other = large.get(term);
    if (other !== undefined) sum += weight * other;
  }
  return sum;
}

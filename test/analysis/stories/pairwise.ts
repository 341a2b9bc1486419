/** Pairwise precision and recall of "same story" decisions against gold event labels. */
export interface PairwiseScores {
  precision: number;
  recall: number;
  truePairs: number;
  predictedPairs: number;
}

export function pairwiseScores(gold: string[], predicted: string[]): PairwiseScores {
  let both = 0;
  let truePairs = 0;
  let predictedPairs = 0;
  for (let i = 0; i < gold.length; i++) {
    for (let j = i + 1; j < gold.length; j++) {
      const same = gold[i] === gold[j];
      const together = predicted[i] === predicted[j];
      if (same) truePairs++;
      if (together) predictedPairs++;
      if (same && together) both++;
    }
  }
  return {
    precision: predictedPairs === 0 ? 1 : both / predictedPairs,
    recall: truePairs === 0 ? 1 : both / truePairs,
    truePairs,
    predictedPairs,
  };
}

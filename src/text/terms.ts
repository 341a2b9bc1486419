import { words } from './words.js';

/** Content terms for similarity: folded words without function words, reduced to a common stem. */

const STOPWORDS = new Set(
  (
    'a about above after again against all also am an and any are as at be because been before being below between ' +
    'both but by can could did do does doing down during each few for from further had has have having he her here ' +
    'hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off ' +
    'on once only or other our ours ourselves out over own same she should so some such than that the their theirs ' +
    'them themselves then there these they this those through to too under until up very was we were what when where ' +
    'which while who whom why will with would you your yours yourself yourselves said says say saying told tells ' +
    'according also amid among another around away back even ever every however including into like made make may ' +
    'might much must new news per since still though thus upon us via want wants way well whether within ' +
    'without yet s t don didn doesn isn wasn weren won wouldn couldn shouldn mr mrs ms monday tuesday wednesday ' +
    'thursday friday saturday sunday today yesterday tomorrow week weeks day days time year years earlier later ' +
    'last first would will could been being'
  ).split(/\s+/),
);

/**
 * A light suffix-stripping stemmer for matching news wording, regular inflections only: "strikes"/"strike" →
 * "strik", "attacked"/"attacking" → "attack", "agreed"/"agree" → "agre", "allies" → "ally". Keeps "us", "crisis",
 * "glass" whole.
 */
export function stem(word: string): string {
  if (word.length <= 3) return word;
  let stemmed = word;
  if (/ie[sd]$/.test(stemmed) && stemmed.length > 4) stemmed = `${stemmed.slice(0, -3)}y`;
  else if (stemmed.endsWith('eed')) stemmed = stemmed.slice(0, -1);
  else if (stemmed.endsWith('ing') && stemmed.length > 5) stemmed = stemmed.slice(0, -3);
  else if (stemmed.endsWith('ed') && stemmed.length > 4) stemmed = stemmed.slice(0, -2);
  else if (/(?:ches|shes|xes|sses|zes)$/.test(stemmed)) stemmed = stemmed.slice(0, -2);
  else if (stemmed.endsWith('s') && !/(?:ss|us|is)$/.test(stemmed)) stemmed = stemmed.slice(0, -1);
  if (stemmed !== word && /([b-df-hjkmnp-rtv-z])\1$/.test(stemmed)) stemmed = stemmed.slice(0, -1);
  if (stemmed.endsWith('e') && stemmed.length > 3) stemmed = stemmed.slice(0, -1);
  return stemmed;
}

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word);
}

/** Counts are written both ways in news copy ("seven" / "7"); digits are the common form. */
const NUMBER_WORDS = new Map(
  'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty'
    .split(' ')
    .map((word, index) => [word, String(index + 1)]),
);

/** "Aug. 18", "March 11, 2025": a report's date says when it was written, not what it is about. */
const DATE = /\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?\b/g;

/** Folded, stemmed content words of `text` (dates left out), in order, with repeats. */
export function contentTerms(text: string): string[] {
  const terms: string[] = [];
  for (const token of words(text.replace(DATE, ' '))) {
    const word = token.replace(/'s?$/, '');
    if (STOPWORDS.has(word) || (word.length < 2 && !/\d/.test(word))) continue;
    terms.push(NUMBER_WORDS.get(word) ?? stem(word));
  }
  return terms;
}

/** Term counts of `text`. */
export function termCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const term of contentTerms(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
  return counts;
}

/**
 * Document frequencies over the most recent items, kept separately from the clustering window: IDF needs many
 * documents to tell a story's distinctive words from the beat's everyday ones, even when the window itself holds only
 * a handful of items (a quiet feed, or a window restored after a restart).
 */
import { contentTerms } from '../../text/terms.js';

/**
 * Words nearly every report on this beat contains. Until the window has seen enough items to learn that itself
 * (a fresh start, a quiet feed), they would weigh as much as the words that tell one event from another; this prior
 * counts them as present in half of a few hundred imaginary earlier items, and fades as real items arrive.
 */
const BEAT_WORDS = contentTerms(
  'Ukraine Ukrainian Ukrainians Russia Russian Russians war president officials official government country ' +
  'countries leader leaders military forces minister foreign invasion full-scale conflict peace United States ' +
  'American Europe European Kyiv Moscow Kremlin Washington Trump Zelensky Zelenskiy Zelenskyy Putin',
);
const PRIOR_DOCUMENTS = 200;
const PRIOR_BEAT_WORD_FREQUENCY = PRIOR_DOCUMENTS / 2;
const PRIOR_FREQUENCY = new Map<string, number>(
  [...BEAT_WORDS, ...['Kyiv', 'Moscow', 'Kremlin', 'Washington', 'White House'].map((place) => `place:${place}`)].map(
    (term) => [term, PRIOR_BEAT_WORD_FREQUENCY],
  ),
);

export class TermStatistics {
  private readonly documentFrequency = new Map<string, number>();
  private readonly recent: string[][] = [];
  private oldest = 0;

  constructor(private readonly capacity: number) {}

  get documents(): number {
    return this.recent.length - this.oldest;
  }

  add(terms: Iterable<string>): void {
    const list = [...terms];
    for (const term of list) this.documentFrequency.set(term, (this.documentFrequency.get(term) ?? 0) + 1);
    this.recent.push(list);
    if (this.documents > this.capacity) this.forgetOldest();
  }

  /** The share of the recent items that have the term (0 until any arrived). */
  share(term: string): number {
    return this.documents === 0 ? 0 : (this.documentFrequency.get(term) ?? 0) / this.documents;
  }

  /** Smoothed inverse document frequency, with the beat prior. */
  idf(term: string): number {
    const documents = this.documents + PRIOR_DOCUMENTS;
    const frequency = (this.documentFrequency.get(term) ?? 0) + (PRIOR_FREQUENCY.get(term) ?? 0);
    return Math.log((documents + 1) / (frequency + 1)) + 1;
  }

  private forgetOldest(): void {
    for (const term of this.recent[this.oldest] ?? []) {
      const frequency = (this.documentFrequency.get(term) ?? 1) - 1;
      if (frequency > 0) this.documentFrequency.set(term, frequency);
      else this.documentFrequency.delete(term);
    }
    this.oldest++;
    if (this.oldest > 1024 && this.oldest * 2 > this.recent.length) {
      this.recent.splice(0, this.oldest);
      this.oldest = 0;
    }
  }
}

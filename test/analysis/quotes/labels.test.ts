import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../../src/analysis/quotes/extract.js';
import type { ExtractedQuote } from '../../../src/analysis/quotes/types.js';
import { itWithShared, readShared } from '../../support/shared-material.js';
import { loadProjectPeople } from './load-people.js';
import { readAnnotatedSet } from './scoring.js';

/**
 * What users see as a speaker is a name, a nominal phrase or an organisation, never a clause, a verb, a number or a
 * fragment of a name: checked on every article of both development sets and the seed article (when ../shared is
 * there). The rules are written apart from the extractor's own, as a reader would judge a label.
 */

const FINITE_OR_FUNCTION_ENDINGS = new Set([
  'said', 'says', 'told', 'wrote', 'added', 'follow', 'follows', 'is', 'are', 'was', 'were', 'has', 'have', 'had', 'be',
  'of', 'on', 'in', 'at', 'to', 'for', 'by', 'with', 'from', 'the', 'a', 'an', 'and', 'or', 'that', 'who', 'which',
]);
const CLAUSE_WORDS = new Set(['said', 'says', 'told', 'follow', 'follows', 'here', 'there', 'is', 'are', 'was', 'were']);
const PRONOUNS = new Set(['he', 'she', 'it', 'they', 'we', 'i', 'you', 'him', 'her', 'his', 'them', 'this', 'that']);

function labelProblem(quote: ExtractedQuote): string | null {
  if (quote.speakerType === 'unknown') return quote.speaker === null && quote.speakerLabel === null ? null : 'an unknown speaker with a name or label';
  const label = quote.speakerLabel;
  if (label === null || label.trim() === '') return 'no label for an attributed quote';
  const words = label.split(/\s+/);
  const last = (words.at(-1) ?? '').toLowerCase();
  if (words.length > 12) return 'longer than a noun phrase';
  if (/[:;!?]|\.$/.test(label) && !/\b\p{Lu}\.$/u.test(label)) return 'sentence punctuation';
  if (words.some((word) => CLAUSE_WORDS.has(word.toLowerCase()))) return 'a clause, not a phrase';
  if (FINITE_OR_FUNCTION_ENDINGS.has(last)) return `ends with “${last}”`;
  if (/^\p{Ll}+(?:ing|ed)$/u.test(words.at(-1) ?? '') && words.length === 1) return 'a participle';
  if (/^[\d\s.,%]+$/u.test(label) || /^(?:the|a)\s+\d+$/iu.test(label)) return 'a number';
  if (PRONOUNS.has(label.toLowerCase())) return 'a pronoun';
  if (!/\p{L}{3}/u.test(label)) return 'a fragment';
  return null;
}

const people = loadProjectPeople();
const sets = [
  ...readAnnotatedSet(new URL('../../fixtures/quotes/', import.meta.url)),
  ...readAnnotatedSet(new URL('../../fixtures/quotes/real-world/', import.meta.url)),
].map(({ annotation, text }) => ({ name: annotation.article, text }));

describe('speaker labels', () => {
  it('are names, nominal phrases or organisations, or nothing when the quote is unattributed, in every fixture', () => {
    const problems = sets.flatMap(({ name, text }) =>
      extractQuotes(text, { people }).flatMap((quote) => {
        const problem = labelProblem(quote);
        return problem ? [`${name}: “${quote.quote.slice(0, 40)}” labelled “${quote.speakerLabel}”: ${problem}`] : [];
      }),
    );
    expect(problems).toEqual([]);
  });

  itWithShared('are names, nominal phrases or organisations in the seed article', () => {
    const quotes = extractQuotes(readShared('seed/ukraine-peace-talks-2025-08.txt'), { people });
    expect(quotes.map(labelProblem).filter((problem) => problem !== null)).toEqual([]);
  });

  it('reject the junk labels users used to see', () => {
    const junk = (speakerLabel: string): ExtractedQuote => ({ quote: 'x', speaker: null, speakerId: null, speakerType: 'nominal', speakerLabel, cue: null, to: null, kind: 'full', start: 0, end: 1, confidence: 0.5 });
    for (const label of ['The main quotes from her address follow', 'underlining', 'the 20', 'Å', 'Here are the key points from his speech', 'Sikorski on']) {
      expect(labelProblem(junk(label)), label).not.toBeNull();
    }
    for (const label of ['a senior European official', 'the Kremlin', 'Dmitry Peskov', 'U.S. President Donald Trump', 'one of the sources']) {
      expect(labelProblem(junk(label)), label).toBeNull();
    }
  });
});

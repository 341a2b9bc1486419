import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../../src/analysis/quotes/extract.js';
import type { ExtractedQuote } from '../../../src/analysis/quotes/types.js';
import { loadProjectPeople } from './load-people.js';

const people = loadProjectPeople();
const extract = (text: string): ExtractedQuote[] => extractQuotes(text, { people });
const only = (text: string): ExtractedQuote => {
  const quotes = extract(text);
  expect(quotes).toHaveLength(1);
  return quotes[0] as ExtractedQuote;
};

describe('extractQuotes: attribution patterns', () => {
  it('reads a trailing attribution with the medium as the addressee: “…,” Witkoff told CNN', () => {
    expect(only('“We made progress,” Witkoff told CNN on Sunday.')).toMatchObject({ speaker: 'Steve Witkoff', speakerId: 'steve-witkoff', cue: 'told', to: 'CNN', kind: 'full' });
  });

  it('reads an inverted attribution and strips the title: “…,” said Sen. Jeanne Shaheen of New Hampshire', () => {
    expect(only('“This is capitulation,” said Sen. Jeanne Shaheen of New Hampshire.')).toMatchObject({ speaker: 'Jeanne Shaheen', speakerId: null, speakerType: 'person' });
  });

  it('reads a colon introduction', () => {
    expect(only('Lavrov also noted: “The main thing is respect.”')).toMatchObject({ speaker: 'Sergei Lavrov', cue: 'noted', kind: 'full' });
  });

  it('gives both halves of an interrupted quote to the speaker between them', () => {
    const quotes = extract('“We are interested,” Peskov said, “but we have our own interests.”');
    expect(quotes.map((quote) => [quote.quote, quote.speaker])).toEqual([
      ['We are interested,', 'Dmitry Peskov'],
      ['but we have our own interests.', 'Dmitry Peskov'],
    ]);
  });

  it('continues the speaker into a following quote-only sentence and paragraph', () => {
    const quotes = extract('“There is no deadline,” Rubio said. “We keep working.”\n\n“Nobody is giving up.”');
    expect(quotes.map((quote) => quote.speaker)).toEqual(['Marco Rubio', 'Marco Rubio', 'Marco Rubio']);
    expect(quotes[1]?.cue).toBeNull();
  });

  it('takes a partial quote’s speaker from the governing verb, not from a name inside the clause', () => {
    expect(only('Trump insisted Zelensky could “end Russia’s war if he wants to,” signaling limits.')).toMatchObject({ speaker: 'Donald Trump', kind: 'partial', cue: 'insisted' });
    expect(only('Peskov, asked about Trump’s remarks, said Putin remained “open to dialogue.”')).toMatchObject({ speaker: 'Dmitry Peskov' });
  });

  it('resolves “he” to the subject of the previous sentence, not the last name mentioned, labelled as the article named them', () => {
    const quote = extract('Zelensky will press for guarantees when he meets with Trump. “We need a real peace,” he said.').at(-1);
    expect(quote).toMatchObject({ speaker: 'Volodymyr Zelensky', speakerLabel: 'Zelensky' });
  });

  it('resolves titles before names and descriptions of tracked people', () => {
    expect(only('“We are ready,” U.S. President Donald Trump said.').speaker).toBe('Donald Trump');
    expect(only('“Talks continue,” the Kremlin spokesman said.').speaker).toBe('Dmitry Peskov');
    expect(only('“Talks continue,” Zelenskyy said.').speaker).toBe('Volodymyr Zelensky');
  });

  it('keeps nominal and organisation speakers typed, never forced onto a person', () => {
    expect(only('Trump spoke first. “It was tense,” a senior European official said.')).toMatchObject({ speaker: null, speakerType: 'nominal', speakerLabel: 'a senior European official' });
    expect(only('The Kremlin said the meeting had been “useful.”')).toMatchObject({ speaker: null, speakerType: 'organization', speakerLabel: 'The Kremlin' });
  });

  it('uses the per-article name table for people not in people.json', () => {
    const quotes = extract('Jane Doe, a researcher in Kyiv, has studied the talks. “Nobody trusts the ceasefire,” Doe said.');
    expect(quotes[0]).toMatchObject({ speaker: 'Jane Doe', speakerId: null, speakerType: 'person' });
  });

  it('reads “according to”, “quoted … as saying” and a statement’s author', () => {
    expect(only('“We are ready,” according to a person familiar with the call.')).toMatchObject({ speakerType: 'nominal', cue: 'according to' });
    expect(only('Interfax quoted Yuri Ushakov as saying: “We agreed to think about it.”').speaker).toBe('Yuri Ushakov');
    expect(only('The statement, released by the White House late Sunday, read: “Progress was made.”')).toMatchObject({ speakerType: 'organization', speakerLabel: 'the White House' });
  });

  it('never takes the speaker from inside a quote', () => {
    expect(only('“Putin told Trump: we are ready,” according to a European official.').speaker).toBeNull();
  });

  it('does not report titles, names of things or scare quotes as anyone’s words', () => {
    expect(extract('European allies, described as a “coalition of the willing,” pledged support.')).toEqual([]);
    expect(extract('The operation, codenamed “Spiderweb,” destroyed dozens of bombers.')).toEqual([]);
    expect(extract('Vance defended the approach in an interview with NBC’s “Meet the Press.”')).toEqual([]);
    expect(extract('The phrase “peace through strength” has become a staple.')).toEqual([]);
  });

  it('says unknown, with a low confidence, when nothing attributes a quote', () => {
    const quote = only('“The war must end now, before another winter comes to Ukraine.”');
    expect(quote).toMatchObject({ speaker: null, speakerType: 'unknown', speakerLabel: null });
    expect(quote.confidence).toBeLessThan(0.5);
  });
});

describe('extractQuotes: robustness', () => {
  const piece = fc.constantFrom('“', '”', '"', '«', '»', '„', '’', "'", ',', '.', ':', ' ', '\n', '\n\n', 'Zelensky', 'said', 'he', 'told', 'CNN', 'the Kremlin', 'war', 'according to', 'a diplomat', 'Mr.', 'U.S.');
  it('never throws, and every quote points at its own text inside the input', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (pieces) => {
        const text = pieces.join(' ');
        for (const quote of extract(text)) {
          expect(text.slice(quote.start, quote.end)).toBe(quote.quote);
          expect(quote.confidence).toBeGreaterThanOrEqual(0);
          expect(quote.confidence).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 300 },
    );
  });
});

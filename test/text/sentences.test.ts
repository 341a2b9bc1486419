import { describe, expect, it } from 'vitest';
import { splitParagraphs, splitSentences } from '../../src/text/sentences.js';

const texts = (text: string) => splitSentences(text).map((sentence) => sentence.text);

describe('splitSentences', () => {
  it('keeps titles, initials and dotted acronyms inside sentences', () => {
    expect(texts('Gen. Valery Gerasimov met Mr. Witkoff. Donald J. Trump said U.S. President J. D. Vance agreed.')).toEqual([
      'Gen. Valery Gerasimov met Mr. Witkoff.',
      'Donald J. Trump said U.S. President J. D. Vance agreed.',
    ]);
  });

  it('ends a sentence after an acronym when a sentence starter follows', () => {
    expect(texts('The envoy flew to the U.S. The talks resume at 10 a.m. Officials declined to comment.')).toEqual([
      'The envoy flew to the U.S.',
      'The talks resume at 10 a.m.',
      'Officials declined to comment.',
    ]);
  });

  it('keeps month abbreviations before a day and decimal numbers', () => {
    expect(texts('The deadline is Sept. 5, and inflation hit 3.5 percent. No. 2 on the list is Kyiv.')).toEqual([
      'The deadline is Sept. 5, and inflation hit 3.5 percent.',
      'No. 2 on the list is Kyiv.',
    ]);
  });

  it('ends sentences at a closing quotation mark and not inside a quoted clause', () => {
    expect(texts('“This is against our constitution.” He left. “Is it over?” she asked. It was.')).toEqual([
      '“This is against our constitution.”',
      'He left.',
      '“Is it over?” she asked.',
      'It was.',
    ]);
  });

  it('keeps a quotation of several sentences whole, with its attribution', () => {
    const text =
      'The aide spoke to a state agency. “Nobody wants this war to go on. Nobody, except the United States,” the agency quoted the aide as saying. ' +
      'He said "We are ready. We have been ready for months," and left. Talks resume on Monday.';
    expect(splitSentences(text).map((sentence) => sentence.text)).toEqual([
      'The aide spoke to a state agency.',
      '“Nobody wants this war to go on. Nobody, except the United States,” the agency quoted the aide as saying.',
      'He said "We are ready. We have been ready for months," and left.',
      'Talks resume on Monday.',
    ]);
  });

  it('splits a quotation that stays open to the end of its paragraph (it continues in the next one)', () => {
    const text = '“We will not give up. We will fight on.\n\n“And we will win,” he said.';
    expect(splitSentences(text).map((sentence) => sentence.text)).toEqual(['“We will not give up.', 'We will fight on.', '“And we will win,” he said.']);
  });

  it('reports offsets into the input and the paragraph of each sentence', () => {
    const text = 'First one. Second one.\n\nThird one.';
    const sentences = splitSentences(text);
    expect(sentences.map((sentence) => sentence.paragraph)).toEqual([0, 0, 1]);
    for (const sentence of sentences) expect(text.slice(sentence.start, sentence.end)).toBe(sentence.text);
  });
});

describe('splitParagraphs', () => {
  it('treats single line breaks as paragraphs when there are no blank lines, joining hard-wrapped lines', () => {
    const text = 'A headline\nThe lede runs on and\nwraps here. Then more.\nNext paragraph.';
    expect(splitParagraphs(text).map((range) => text.slice(range.start, range.end))).toEqual([
      'A headline',
      'The lede runs on and\nwraps here. Then more.',
      'Next paragraph.',
    ]);
  });

  it('uses blank lines as separators when the text has them', () => {
    const text = 'One line\ncontinues.\n\nTwo.';
    expect(splitParagraphs(text)).toHaveLength(2);
  });
});

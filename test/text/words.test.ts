import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extendHash } from '../../src/text/word-hash.js';
import { foldText, KEY_HEAD_LENGTH, scanWords, stripPossessive, tokenizeWords, wordSpans, WordSpans, type WordToken } from '../../src/text/words.js';

/** The definition tokenizeWords implements by hand, as a Unicode regex: the oracle for the property tests. */
function referenceTokens(text: string): WordToken[] {
  return [...text.matchAll(/[\p{L}\p{N}]+(?:['\u2019][\p{L}]+)*/gu)].map((match) => ({
    word: foldText(match[0]),
    start: match.index ?? 0,
    end: (match.index ?? 0) + match[0].length,
  }));
}

describe('tokenizeWords', () => {
  it('finds words in news text, Cyrillic, accents and apostrophes, with offsets into the input', () => {
    const samples = [
      'Zelensky’s “Article 5-like” guarantee, U.S.-led talks in Kyiv (Київ), Sikorski’s co-operation',
      'Зеленський заявив: «Україна не визнає окупацію Криму». Ёлка, naïve café, İstanbul',
      "rock'n'roll o'clock 2014's 12.5% — a'1 ’tis",
      '𝐁𝐨𝐥𝐝 math letters and emoji 🇺🇦 between words',
    ];
    for (const sample of samples) expect(tokenizeWords(sample)).toEqual(referenceTokens(sample));
    expect(tokenizeWords('Zelensky’s plan').map((token) => token.word)).toEqual(["zelensky's", 'plan']);
    expect(tokenizeWords('Київ')).toEqual([{ word: 'киів', start: 0, end: 4 }]); // the diaeresis folds away like any mark
  });

  it('agrees with the regex definition on arbitrary strings', () => {
    const alphabet = fc.constantFrom(...'aZ9 -’\'éЖй.\u0301😀İß,\n'.split(''), '😀');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((chars) => chars.join('')), (text) => {
        expect(tokenizeWords(text)).toEqual(referenceTokens(text));
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (text) => {
        expect(tokenizeWords(text)).toEqual(referenceTokens(text));
      }),
      { numRuns: 300 },
    );
  });
});

describe('wordSpans', () => {
  /** What each word's match key is by definition: its folded form without a possessive 's. */
  function expectKeysMatchDefinition(text: string): void {
    const spans = wordSpans(text);
    const tokens = tokenizeWords(text);
    expect(spans.count).toBe(tokens.length);
    tokens.forEach((token, index) => {
      const key = stripPossessive(token.word);
      expect([spans.start(index), spans.end(index)]).toEqual([token.start, token.end]);
      expect(spans.keyLength(index)).toBe(key.length);
      expect(spans.keyHash(index)).toBe(extendHash(0, key));
      expect(spans.keyHead(index)).toBe(key.length < KEY_HEAD_LENGTH ? -1 : extendHash(0, key.slice(0, KEY_HEAD_LENGTH)));
      const ascii = /^\p{ASCII}*$/u.test(text.slice(token.start, token.end));
      expect(spans.key(index)).toBe(ascii ? undefined : key);
    });
  }

  it('gives each word its match key: folded, possessive removed, a string only for non-ASCII words', () => {
    expectKeysMatchDefinition("UKRAINE'S Ukraine’s it's O'Brien's O’Brien a’a rock'n'roll's 2014's Zelens’kyj x's ’s");
    const spans = wordSpans("Russia's Kyiv’s");
    expect([spans.keyLength(0), spans.keyLength(1)]).toEqual([6, 4]);
    expect([spans.key(0), spans.key(1)]).toEqual([undefined, 'kyiv']);
  });

  it('appends to a buffer that grows as needed and starts again when cleared', () => {
    const spans = new WordSpans();
    const article = Array.from({ length: 1000 }, (_, index) => (index % 7 === 0 ? 'Zelensky’s' : `word${index}`)).join(' ');
    scanWords('Київ talks', spans);
    scanWords(article, spans);
    expect(spans.count).toBe(1002);
    expect(spans.key(0)).toBe('киів');
    expect(spans.key(1)).toBeUndefined();
    expect(spans.key(2)).toBe('zelensky');
    expect(article.slice(spans.start(1001), spans.end(1001))).toBe('word999');
    spans.clear();
    scanWords('Ukraine’s', spans);
    expect(spans.count).toBe(1);
    expect(spans.key(0)).toBe('ukraine');
  });

  it('agrees with the definition on arbitrary strings', () => {
    const alphabet = fc.constantFrom(...'aSs9 -’\'éЖ.İß,'.split(''), '😀');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }).map((chars) => chars.join('')), expectKeysMatchDefinition),
      { numRuns: 300 },
    );
  });
});

describe('foldText', () => {
  it('folds case, diacritics, stroked letters, apostrophes and dashes', () => {
    expect(foldText('Radosław Sikorski')).toBe('radoslaw sikorski');
    expect(foldText('Støre – Zelenskyy’s “café”')).toBe('store - zelenskyy\'s “cafe”');
    expect(foldText('Đurić, Straße')).toBe('duric, strasse');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extendHash, extendHashLowerAscii } from '../../src/text/word-hash.js';

describe('word-hash', () => {
  it('continues: a word hashed after another hashes as the two written as one', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 }), (first, second) => {
        expect(extendHash(extendHash(0, first), second)).toBe(extendHash(0, first + second));
      }),
    );
  });

  it('is a small integer, and ASCII text hashed in place equals its lower-cased form', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9']{0,30}$/), (word) => {
        const hash = extendHashLowerAscii(0, `(${word})`, 1, word.length + 1);
        expect(hash).toBe(extendHash(0, word.toLowerCase()));
        expect(Number.isInteger(hash) && hash >= 0 && hash < 2 ** 30).toBe(true);
      }),
    );
  });
});

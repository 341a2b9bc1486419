import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { numberText } from '../../src/text/number-text.js';

describe('numberText', () => {
  it('writes whole numbers and hundredths as String does', () => {
    expect([0, 3, 4.5, 2.25, 0.05, 10.1, 1234.56].map(numberText)).toEqual(['0', '3', '4.5', '2.25', '0.05', '10.1', '1234.56']);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000_000 }), (hundredths) => {
        const value = hundredths / 100;
        expect(numberText(value)).toBe(String(value));
      }),
      { numRuns: 20_000 },
    );
  });

  it('hands any other number to String', () => {
    for (const value of [-1.5, -0, 0.1 + 0.2, 1 / 3, 1e21, 76703231810225.1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(numberText(value)).toBe(String(value));
    }
    fc.assert(
      fc.property(fc.double(), (value) => {
        expect(numberText(value)).toBe(String(value));
      }),
      { numRuns: 20_000 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { sparkline } from '../../src/charts/sparkline.js';

describe('sparkline', () => {
  it('scales each value to the largest, one block per value', () => {
    expect(sparkline([0, 1, 2, 4, 8])).toBe('▁▂▃▅█');
    expect(sparkline([3, 3, 3])).toBe('███');
    expect(sparkline([1, 0, 7, 14, 0, 0, 2])).toBe('▂▁▅█▁▁▂');
  });

  it('keeps an empty day lower than any day with a story', () => {
    expect(sparkline([0, 1, 100])).toBe('▁▂█');
    expect(sparkline([0, 0, 0, 0, 0, 0, 0])).toBe('▁▁▁▁▁▁▁');
  });

  it('draws nothing for no values', () => {
    expect(sparkline([])).toBe('');
  });
});

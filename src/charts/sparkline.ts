/** Eight block heights, lowest first: a day with nothing gets the lowest, any other day at least the second. */
const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/**
 * A Unicode sparkline, one block per value, scaled to the largest value: `[0, 1, 2, 4, 8]` → "▁▂▃▅█".
 * Zero stays the lowest block so an empty day never looks like a quiet one.
 */
export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values);
  return values
    .map((value) => {
      if (value <= 0 || max === 0) return BLOCKS[0];
      const level = Math.max(1, Math.round((value / max) * (BLOCKS.length - 1)));
      return BLOCKS[level];
    })
    .join('');
}

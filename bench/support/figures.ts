/** What a benchmark reports: one entry per figure in bench/results.json and one row in the printed table. */

/** `ratio`: the target applies to the ratio against the baseline rather than to the value itself. */
export interface Target {
  of: 'value' | 'ratio';
  atMost?: number;
  atLeast?: number;
}

export interface Baseline {
  /** What was measured as the baseline, in the same run and on the same input. */
  name: string;
  value: number;
  unit: string;
}

export interface Figure {
  name: string;
  /** null when the benchmark could not run (see `note`). */
  value: number | null;
  unit: string;
  target: Target | null;
  /** Whether the target was met; null without a target or without a value. */
  ok: boolean | null;
  /** How many measured runs the median was taken over. */
  runs: number;
  baseline?: Baseline;
  /** Time relative to the baseline's on the same work (time ÷ baseline time = baseline throughput ÷ throughput). */
  ratio?: number;
  /** Peak resident set size of the process that ran the benchmark. */
  peakRssMb?: number;
  /** Further measured quantities, by name (e.g. explanationBytesPerItem). */
  measures?: Record<string, number>;
  /** Input size, method or why the figure is missing. */
  note?: string;
}

function meetsTarget(target: Target | null, value: number | null, ratio?: number): boolean | null {
  if (target === null || value === null) return null;
  const measured = target.of === 'ratio' ? ratio : value;
  if (measured === undefined || !Number.isFinite(measured)) return null;
  if (target.atMost !== undefined && measured > target.atMost) return false;
  if (target.atLeast !== undefined && measured < target.atLeast) return false;
  return true;
}

/** A figure with `ok` filled in from its target. */
export function figure(entry: Omit<Figure, 'ok'>): Figure {
  return { ...entry, ok: meetsTarget(entry.target, entry.value, entry.ratio) };
}

export function unavailable(name: string, unit: string, target: Target | null, reason: string): Figure {
  return { name, value: null, unit, target, ok: null, runs: 0, note: `not available: ${reason}` };
}

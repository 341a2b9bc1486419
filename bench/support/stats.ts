import { performance } from 'node:perf_hooks';

export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

/** Nearest-rank percentile (p in 0..1) of unsorted values; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(p * sorted.length)));
  return sorted[rank - 1] as number;
}

/**
 * Median of the per-round ratios a[i] / b[i]. Each round measures both back to back, so a burst of load from other
 * processes slows both sides of one ratio alike; the median of paired ratios is steadier than a ratio of medians.
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  return median(a.map((value, index) => value / (b[index] ?? Number.NaN)));
}

/** Milliseconds `work` takes. */
export function timeMs(work: () => void): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

export interface Timing {
  wallMs: number;
  /**
   * CPU milliseconds of this process (all its threads). On a shared machine wall time includes waiting for a core;
   * CPU time does not, so it is reported next to wall time for the CPU-bound benchmarks.
   */
  cpuMs: number;
}

export function measure(work: () => void): Timing {
  const cpuStarted = process.cpuUsage();
  const wallMs = timeMs(work);
  const cpu = process.cpuUsage(cpuStarted);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

export async function measureAsync(work: () => Promise<unknown>): Promise<Timing> {
  const cpuStarted = process.cpuUsage();
  const wallMs = await timeMsAsync(work);
  const cpu = process.cpuUsage(cpuStarted);
  return { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}

export async function timeMsAsync(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/**
 * Peak resident set size of this process, in MB. Each benchmark runs in a child process of its own, so this is
 * the benchmark's own figure (process start, module loading and input generation included).
 */
export function peakRssMb(): number {
  // resourceUsage().maxRSS is in kilobytes.
  return process.resourceUsage().maxRSS / 1024;
}

/** Gives pending timers and I/O a turn and lets the collector run between measured runs, when exposed. */
export async function settle(): Promise<void> {
  const collect = (globalThis as { gc?: () => void }).gc;
  collect?.();
  await new Promise((resolve) => setImmediate(resolve));
}

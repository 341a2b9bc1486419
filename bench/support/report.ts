import type { Figure, Target } from './figures.js';
import { machineLine, type Machine } from './machine.js';

export interface Results {
  generatedAt: string;
  machine: Machine;
  durationSeconds: number;
  figures: Figure[];
  /** The `topic matching, 10 topics + 50 hostile guild topics` figure in brief. */
  topicsHostile?: { itemsPerSecond: number; ratio: number; explanationBytesPerItem: number };
  /** PostgreSQL beside SQLite: /whosaid p95 at 100,000 quotes, and the poll cycle's CPU time as a ratio to SQLite's. */
  postgres?: { whosaidP95Ms: number | null; pollCycleRatio: number | null };
  /** /whosaid top-1 relevance on stretches of 6+ words, percent, per backend. */
  whosaidTop1?: { sqlite: number | null; postgres: number | null };
  /** The `timeline chart render, 90 days` figure (ms) under a key of its own, as the issue asked for it. */
  timelineChartMs?: number;
  /** The scale benchmark's runs (1 SQLite, 1 PostgreSQL, 2 PostgreSQL instances), each figure keyed by run. */
  scale?: ScaleSummary;
}

export type ScaleRun = 'sqlite' | 'postgres' | 'postgresPair';

export interface ScaleSummary {
  feeds: number | null;
  instances: Partial<Record<ScaleRun, number>>;
  cycleSeconds: Partial<Record<ScaleRun, number>>;
  cpuMsPerFeed: Partial<Record<ScaleRun, number>>;
  /** Per instance of the run. */
  peakRssMb: Partial<Record<ScaleRun, number[]>>;
  /** The two instances' shares of the polls (postgresPair). */
  splitShares: number[];
  duplicateFetches: Partial<Record<ScaleRun, number>>;
}

/** Enough digits to read, few enough not to suggest precision the noise does not have. */
function formatNumber(value: number): string {
  const magnitude = Math.abs(value);
  if (Number.isInteger(value) || magnitude >= 1000) return Math.round(value).toLocaleString('en-US');
  if (magnitude >= 100) return value.toFixed(0);
  if (magnitude >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function withUnit(value: number, unit: string): string {
  return `${formatNumber(value)} ${unit}`;
}

/** "≤ 5 ms", "≥ 20,000 items/s", or for a ratio target "≤ 1.3× baseline". */
function formatTarget(target: Target | null, unit: string): string {
  if (target === null) return '—';
  const limit = (value: number) => (target.of === 'ratio' ? `${value}× baseline` : withUnit(value, unit));
  const parts: string[] = [];
  if (target.atLeast !== undefined) parts.push(`≥ ${limit(target.atLeast)}`);
  if (target.atMost !== undefined) parts.push(`≤ ${limit(target.atMost)}`);
  return parts.join(' and ');
}

function status(entry: Figure): string {
  if (entry.value === null) return 'N/A';
  if (entry.ok === null) return '-';
  return entry.ok ? 'ok' : 'MISSED';
}

function resultCell(entry: Figure): string {
  if (entry.value === null) return entry.note ?? 'not available';
  const ratio = entry.ratio !== undefined ? ` (${entry.ratio.toFixed(2)}× the time of ${entry.baseline?.name ?? 'the baseline'})` : '';
  return `${withUnit(entry.value, entry.unit)}${ratio}`;
}

function pad(cells: string[], widths: number[]): string {
  return cells.map((cell, index) => cell.padEnd(widths[index] ?? 0)).join('  ').trimEnd();
}

/** The table printed at the end of `npm run bench`. */
export function textTable(results: Results): string {
  const header = ['benchmark', 'value', 'baseline', 'ratio', 'target', 'peak RSS', 'runs', 'status'];
  const rows = results.figures.map((entry) => [
    entry.name,
    entry.value === null ? 'n/a' : withUnit(entry.value, entry.unit),
    entry.baseline ? `${withUnit(entry.baseline.value, entry.baseline.unit)} (${entry.baseline.name})` : '',
    entry.ratio !== undefined ? `${entry.ratio.toFixed(2)}×` : '',
    formatTarget(entry.target, entry.unit),
    entry.peakRssMb !== undefined ? `${Math.round(entry.peakRssMb)} MB` : '',
    String(entry.runs),
    status(entry),
  ]);
  const widths = header.map((_, column) => Math.max(...[header, ...rows].map((row) => (row[column] ?? '').length)));
  const lines = [pad(header, widths), pad(widths.map((width) => '-'.repeat(width)), widths), ...rows.map((row) => pad(row, widths))];
  // Figures measured together often share a note; print it once.
  const notes = results.figures.filter((entry, index) => entry.note && entry.note !== results.figures[index - 1]?.note).map((entry) => `  ${entry.name}: ${entry.note}`);
  const missed = results.figures.filter((entry) => entry.ok === false).map((entry) => entry.name);
  return [
    `machine: ${machineLine(results.machine)}`,
    '',
    ...lines,
    '',
    'notes:',
    ...notes,
    '',
    missed.length ? `TARGETS MISSED (${missed.length}): ${missed.join('; ')}` : 'All targets with a figure were met.',
  ].join('\n');
}

/** bench/RESULTS.md: the table for the README. */
export function markdownTable(results: Results): string {
  const rows = results.figures.map(
    (entry) => `| ${entry.name} | ${resultCell(entry)} | ${formatTarget(entry.target, entry.unit)} | ${status(entry)} |`,
  );
  return [
    '## Performance',
    '',
    `Latest \`npm run bench\` (${results.generatedAt.slice(0, 10)}) on ${machineLine(results.machine)}.`,
    'Each figure is the median of several runs; ratios compare against a baseline measured in the same run on the same input.',
    '',
    '| Benchmark | Result | Target | Status |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

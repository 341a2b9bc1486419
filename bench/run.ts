/**
 * `npm run bench [-- <benchmark> ...]`: runs the benchmark suite (or the named benchmarks), prints a table and writes
 * bench/results.json and bench/RESULTS.md (a partial run replaces only its own figures there). Each benchmark runs in
 * a child process of its own. Missed targets are
 * reported, not failed: the exit code is non-zero only when a benchmark crashed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { BENCHMARKS, isBenchmarkId, type BenchmarkId, type BenchmarkSpec } from './benchmarks.js';
import { runInChild } from './support/child.js';
import type { Figure } from './support/figures.js';
import { describeMachine } from './support/machine.js';
import { markdownTable, textTable, type Results, type ScaleRun, type ScaleSummary } from './support/report.js';
import { FIGURES } from './targets.js';

const RESULTS_JSON = new URL('./results.json', import.meta.url);
const RESULTS_MD = new URL('./RESULTS.md', import.meta.url);

function crashed(spec: BenchmarkSpec, error: string): Figure[] {
  return spec.figures.map((entry) => ({ ...entry, value: null, ok: null, runs: 0, note: `crashed: ${error.split('\n')[0] ?? error}` }));
}

async function runBenchmark(id: BenchmarkId): Promise<{ figures: Figure[]; crashed: boolean }> {
  const spec: BenchmarkSpec = BENCHMARKS[id];
  const started = performance.now();
  process.stderr.write(`▸ ${id} …\n`);
  const parent = spec.parent ? await spec.parent() : null;
  try {
    const answer = await runInChild(id, parent ? parent.input : (spec.input ?? null));
    process.stderr.write(`  ${id} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    if (answer.kind === 'crashed') {
      process.stderr.write(`  ${id} CRASHED: ${answer.error}\n`);
      return { figures: crashed(spec, answer.error), crashed: true };
    }
    return { figures: answer.figures, crashed: false };
  } finally {
    await parent?.close();
  }
}

/** The figures of the last results.json, or none. */
function previousFigures(): Figure[] {
  try {
    return (JSON.parse(readFileSync(RESULTS_JSON, 'utf8')) as Results).figures;
  } catch {
    return [];
  }
}

/** A partial run (named benchmarks) replaces only its own figures: the others stay as the last run measured them. */
function mergeFigures(previous: readonly Figure[], measured: readonly Figure[]): Figure[] {
  const byName = new Map(measured.map((entry) => [entry.name, entry]));
  const merged = previous.map((entry) => byName.get(entry.name) ?? entry);
  return [...merged, ...measured.filter((entry) => !previous.some((old) => old.name === entry.name))];
}

/** The hostile-topics figure under a key of its own, as the issue asked for it. */
function topicsHostileSummary(figures: readonly Figure[]): Results['topicsHostile'] {
  const entry = figures.find((candidate) => candidate.name === FIGURES.topicsHostile.name);
  if (entry?.value == null || entry.ratio === undefined) return undefined;
  return { itemsPerSecond: entry.value, ratio: entry.ratio, explanationBytesPerItem: entry.measures?.explanationBytesPerItem ?? Number.NaN };
}

function valueOf(figures: readonly Figure[], name: string): number | null {
  return figures.find((candidate) => candidate.name === name)?.value ?? null;
}

/** The PostgreSQL figures and /whosaid relevance under keys of their own, as the issue asked for them. */
function postgresSummary(figures: readonly Figure[]): Pick<Results, 'postgres' | 'whosaidTop1'> {
  const pollCycle = figures.find((candidate) => candidate.name === FIGURES.postgresPollCycle.name);
  return {
    postgres: { whosaidP95Ms: valueOf(figures, FIGURES.postgresWhosaidP95.name), pollCycleRatio: pollCycle?.ratio ?? null },
    whosaidTop1: { sqlite: valueOf(figures, FIGURES.whosaidTop1Sqlite.name), postgres: valueOf(figures, FIGURES.whosaidTop1Postgres.name) },
  };
}

const SCALE_RUNS: Record<ScaleRun, string> = {
  sqlite: FIGURES.scaleSqliteCpu.name,
  postgres: FIGURES.scalePostgresCpu.name,
  postgresPair: FIGURES.scalePairCpu.name,
};

/** The scale benchmark's figures under a key of their own, as the issue asked for them (its CPU figures carry them). */
function scaleSummary(figures: readonly Figure[]): ScaleSummary | undefined {
  const runs = (Object.keys(SCALE_RUNS) as ScaleRun[]).flatMap((run) => {
    const measures = figures.find((candidate) => candidate.name === SCALE_RUNS[run])?.measures;
    return measures ? [{ run, measures }] : [];
  });
  if (runs.length === 0) return undefined;
  const byRun = (key: string) => Object.fromEntries(runs.map(({ run, measures }) => [run, measures[key] ?? Number.NaN]));
  const perInstance = (measures: Record<string, number>, prefix: string) =>
    Object.keys(measures).filter((key) => key.startsWith(prefix)).sort().map((key) => measures[key] ?? Number.NaN);
  const pair = runs.find(({ run }) => run === 'postgresPair');
  return {
    feeds: runs[0]?.measures.feeds ?? null,
    instances: byRun('instances'),
    cycleSeconds: byRun('cycleSeconds'),
    cpuMsPerFeed: byRun('cpuMsPerFeed'),
    peakRssMb: Object.fromEntries(runs.map(({ run, measures }) => [run, perInstance(measures, 'peakRssMb.')])),
    splitShares: pair ? perInstance(pair.measures, 'splitShare.') : [],
    duplicateFetches: byRun('duplicateFetches'),
  };
}

async function main(): Promise<number> {
  const requested = process.argv.slice(2);
  const unknown = requested.filter((id) => !isBenchmarkId(id));
  if (unknown.length > 0) {
    process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}; choose from ${Object.keys(BENCHMARKS).join(', ')}\n`);
    return 2;
  }
  const ids = (requested.length > 0 ? requested : Object.keys(BENCHMARKS)).filter(isBenchmarkId);
  const machine = describeMachine();
  const started = performance.now();
  const figures: Figure[] = [];
  let anyCrashed = false;
  for (const id of ids) {
    const outcome = await runBenchmark(id);
    figures.push(...outcome.figures);
    anyCrashed ||= outcome.crashed;
  }
  const allFigures = requested.length > 0 ? mergeFigures(previousFigures(), figures) : figures;
  const results: Results = {
    generatedAt: new Date().toISOString(),
    machine,
    durationSeconds: Math.round((performance.now() - started) / 100) / 10,
    figures: allFigures,
    topicsHostile: topicsHostileSummary(allFigures),
    ...postgresSummary(allFigures),
    timelineChartMs: allFigures.find((entry) => entry.name === FIGURES.timelineChart.name)?.value ?? undefined,
    scale: scaleSummary(allFigures),
  };
  writeFileSync(RESULTS_JSON, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(RESULTS_MD, markdownTable(results));
  process.stdout.write(`\n${textTable(results)}\n\nwrote bench/results.json and bench/RESULTS.md (${results.durationSeconds} s)\n`);
  return anyCrashed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);

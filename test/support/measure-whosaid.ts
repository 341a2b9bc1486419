/**
 * A quick local look at /whosaid latency (not a test): `npx tsx test/support/measure-whosaid.ts [quotes] [queries]`.
 * Seeds an in-memory database with synthetic quotes and prints p50/p95/max of searchQuotes over misremembered fragments.
 */
import { performance } from 'node:perf_hooks';
import { searchQuotes } from '../../src/store/quote-search.js';
import { openDatabase } from '../../src/store/database.js';
import { sampleFragmentsWithSources, seedSyntheticQuotes } from './synthetic-quotes.js';
import { OPERATOR } from '../../src/store/visibility.js';

const quoteCount = Number(process.argv[2] ?? 10_000);
const queryCount = Number(process.argv[3] ?? 400);
const db = openDatabase(':memory:');
const seedingStarted = performance.now();
const { statements } = seedSyntheticQuotes(db, quoteCount);
const stored = db.prepare('SELECT COUNT(*) FROM quotes').pluck().get() as number;
process.stdout.write(`seeded ${quoteCount} statements (${stored} distinct quotes) in ${((performance.now() - seedingStarted) / 1000).toFixed(1)} s\n`);

const fragments = sampleFragmentsWithSources(statements, queryCount).map((sample) => sample.fragment);
for (const fragment of fragments.slice(0, 20)) searchQuotes(db, fragment, { viewer: OPERATOR });
// On a busy machine wall time includes waiting for a core: CPU time, and the best of three runs, show what the query costs.
const wall: number[] = [];
const cpu: number[] = [];
const bestOfThree: number[] = [];
let found = 0;
for (const fragment of fragments) {
  const runs: number[] = [];
  for (let run = 0; run < 3; run += 1) {
    const started = performance.now();
    const cpuStarted = process.cpuUsage();
    const result = searchQuotes(db, fragment, { viewer: OPERATOR });
    const used = process.cpuUsage(cpuStarted);
    runs.push(performance.now() - started);
    if (run === 0) {
      wall.push(performance.now() - started);
      cpu.push((used.user + used.system) / 1000);
      if (result.best) found += 1;
    }
  }
  bestOfThree.push(Math.min(...runs));
}
const at = (timings: number[], fraction: number) => {
  const sorted = [...timings].sort((a, b) => a - b);
  return (sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? 0).toFixed(2);
};
process.stdout.write(`${queryCount} queries, ${found} answered\n`);
process.stdout.write(`wall: p50 ${at(wall, 0.5)} ms, p95 ${at(wall, 0.95)} ms, max ${at(wall, 1)} ms\n`);
process.stdout.write(`cpu:  p50 ${at(cpu, 0.5)} ms, p95 ${at(cpu, 0.95)} ms, max ${at(cpu, 1)} ms\n`);
process.stdout.write(`best of 3 (wall): p50 ${at(bestOfThree, 0.5)} ms, p95 ${at(bestOfThree, 0.95)} ms, max ${at(bestOfThree, 1)} ms\n`);

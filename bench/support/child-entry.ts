/** Child-process side of runInChild: runs the benchmark named in argv[2] and sends its figures to the parent. */
import { BENCHMARKS, isBenchmarkId } from '../benchmarks.js';
import type { ChildMessage } from './child.js';
import { peakRssMb } from './stats.js';

async function main(): Promise<ChildMessage> {
  const id = process.argv[2] ?? '';
  if (!isBenchmarkId(id)) return { kind: 'crashed', error: `unknown benchmark "${id}"` };
  const input: unknown = JSON.parse(process.env.BENCH_INPUT ?? 'null');
  const benchmark = await BENCHMARKS[id].load();
  const figures = await benchmark.run(input);
  const peak = peakRssMb();
  return { kind: 'figures', figures: figures.map((entry) => (entry.value === null || entry.peakRssMb !== undefined ? entry : { ...entry, peakRssMb: peak })) };
}

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) {
      process.stdout.write(`${JSON.stringify(message, null, 2)}\n`);
      resolve();
      return;
    }
    process.send(message, () => resolve());
  });
}

void main()
  .catch((error: unknown): ChildMessage => ({ kind: 'crashed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }))
  .then(send)
  // Servers, sockets or timers a benchmark leaves behind must not keep the child alive.
  .finally(() => process.exit(0));

import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { Figure } from './figures.js';

/** What a benchmark child sends back over IPC. */
export type ChildMessage = { kind: 'figures'; figures: Figure[] } | { kind: 'crashed'; error: string };

/** Children run the compiled benchmarks (`npm run bench` compiles them first), as the bot runs compiled code. */
const ENTRY = join(process.cwd(), '.bench-build/bench/support/child-entry.js');

/**
 * Runs one benchmark in a child process of its own (compiled JavaScript, --expose-gc), so that its peak RSS is its own and
 * a crash in one benchmark does not take the others down. `input` reaches the child as JSON.
 */
export function runInChild(benchmark: string, input: unknown = null): Promise<ChildMessage> {
  return new Promise((resolve) => {
    const child = fork(ENTRY, [benchmark], {
      execArgv: ['--expose-gc'],
      env: { ...process.env, BENCH_INPUT: JSON.stringify(input) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let answer: ChildMessage | null = null;
    child.on('message', (message: ChildMessage) => {
      answer = message;
    });
    child.on('error', (error) => resolve({ kind: 'crashed', error: `could not start the child: ${error.message}` }));
    child.on('exit', (code, signal) => {
      resolve(answer ?? { kind: 'crashed', error: `the child exited with ${signal ?? `code ${code}`} before reporting` });
    });
  });
}

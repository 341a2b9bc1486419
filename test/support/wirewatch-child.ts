import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

// Absolute, so the child can run in any working directory.
const TSX_LOADER = new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href;
const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/** `wirewatch <args>` as a real child process (node --import tsx src/cli/main.ts), with output captured. */
export interface WirewatchChild {
  process: ChildProcess;
  readonly stdout: string;
  readonly stderr: string;
  /** Resolves with the exit code, or the signal that ended it, once its output is fully read. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Kills with SIGKILL at once: no handler runs, nothing is flushed. */
  kill(): void;
}

export function spawnWirewatch(
  args: readonly string[],
  env: Record<string, string>,
  options: { cwd?: string } = {},
): WirewatchChild {
  const { cwd = process.cwd() } = options;
  const child = spawn(process.execPath, ['--import', TSX_LOADER, MAIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    // 'close', not 'exit': the output streams may still hold data when the process has exited.
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  return {
    process: child,
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    exited,
    kill: () => {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) process.kill(child.pid, 'SIGKILL');
    },
  };
}

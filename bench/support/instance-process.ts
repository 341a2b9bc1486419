import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../test/support/free-port.js';

/** `wirewatch start` as the bot runs it (compiled JavaScript, its own process), with its ops port for /healthz and /metrics. */
export interface InstanceProcess {
  id: string;
  pid: number;
  port: number;
  /** User + system CPU time of the process so far (all its threads), from /proc/<pid>/stat. */
  cpuMs(): number;
  /** Peak resident set size of the process so far (VmHWM), from /proc/<pid>/status. */
  peakRssMb(): number;
  /** Waits until /healthz answers (the poller has started); throws with the output when the process ends or `deadline` passes. */
  waitReady(deadline: number): Promise<void>;
  /** The sum of a counter of /metrics over its labels. */
  counter(name: string): Promise<number>;
  /** SIGTERM, then SIGKILL when it has not stopped within 20 s. */
  stop(): Promise<void>;
  /** The last lines of its output, for error messages. */
  output(): string;
}

const MAIN = join(process.cwd(), '.bench-build/src/cli/main.js');
const OUTPUT_KEPT = 8_000;
// /proc/<pid>/stat counts CPU time in clock ticks of 1/100 s on Linux.
const TICK_MS = 10;

/** `profileDir`: the process writes a V8 CPU profile there when it stops (node --cpu-prof). */
export async function startInstance(id: string, env: Record<string, string>, profileDir?: string): Promise<InstanceProcess> {
  const port = await freePort();
  const profiling = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${id}.cpuprofile`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profiling, MAIN, 'start'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env, WIREWATCH_INSTANCE_ID: id, WIREWATCH_HTTP_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start wirewatch instance ${id}`);
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-OUTPUT_KEPT));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const get = async (path: string) => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    return { status: response.status, text: await response.text() };
  };
  return {
    id,
    pid,
    port,
    cpuMs: () => {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(')').pop()?.trim().split(/\s+/) ?? [];
      return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
    },
    peakRssMb: () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? Number.NaN) / 1024,
    async waitReady(deadline) {
      for (;;) {
        if (!alive()) throw new Error(`instance ${id} exited before it was ready:\n${output}`);
        if (Date.now() > deadline) throw new Error(`instance ${id} was not ready in time:\n${output}`);
        const answer = await get('/healthz').catch(() => null);
        if (answer?.status === 200) return;
        await sleep(200);
      }
    },
    async counter(name) {
      const { text } = await get('/metrics');
      const pattern = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+]+)$`, 'gm');
      return [...text.matchAll(pattern)].reduce((sum, match) => sum + Number(match[1]), 0);
    },
    async stop() {
      if (!alive()) return;
      child.kill('SIGTERM');
      const stopped = await Promise.race([exited.then(() => true), sleep(20_000).then(() => false)]);
      if (!stopped && alive()) {
        child.kill('SIGKILL');
        await exited;
      }
    },
    output: () => output,
  };
}

import { arch, availableParallelism, cpus, loadavg, release, totalmem, type } from 'node:os';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  os: string;
  /** 1-minute load average when the run started: a busy machine makes every figure slower. */
  loadAverage: number;
}

export function describeMachine(): Machine {
  return {
    cpu: cpus()[0]?.model.replace(/\s+/g, ' ').trim() ?? 'unknown CPU',
    cores: availableParallelism(),
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    os: `${type()} ${release()} ${arch()}`,
    loadAverage: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}

export function machineLine(machine: Machine): string {
  return `${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB RAM, Node ${machine.node}, ${machine.os} (load ${machine.loadAverage} at start)`;
}

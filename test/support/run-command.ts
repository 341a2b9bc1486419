import type { CliCommand, CliIo } from '../../src/cli/io.js';

export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a CLI sub-command in-process and collects what it printed. */
export async function runCommand(command: CliCommand, argv: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<CommandRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), env, cwd };
  const code = await command(argv, io);
  return { code, stdout, stderr };
}

/** What a CLI command may touch: its arguments, output streams and environment, passed in so tests run commands in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  /** Working directory for relative paths. */
  cwd: string;
}

/** A sub-command: gets the arguments after its name, returns the exit code. */
export type CliCommand = (argv: string[], io: CliIo) => Promise<number>;

/** Reports a usage mistake the way every command does. */
export class UsageError extends Error {}

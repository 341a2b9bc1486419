import { UsageError } from './io.js';

export interface ParsedArgs {
  flags: Set<string>;
  options: Map<string, string[]>;
  positionals: string[];
}

/**
 * A small argument reader: `--flag`, `--option value` (repeatable) and positionals.
 * Names not in `flags` or `options` are usage errors, so a typo never passes silently.
 */
export function parseArgs(argv: readonly string[], spec: { flags?: string[]; options?: string[] }): ParsedArgs {
  const knownFlags = new Set(spec.flags ?? []);
  const knownOptions = new Set(spec.options ?? []);
  const parsed: ParsedArgs = { flags: new Set(), options: new Map(), positionals: [] };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index] ?? '';
    if (arg === '--') {
      parsed.positionals.push(...argv.slice(index + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      parsed.positionals.push(arg);
      continue;
    }
    const [name = '', inlineValue] = arg.slice(2).split(/=(.*)/s, 2);
    if (knownFlags.has(name)) {
      parsed.flags.add(name);
    } else if (knownOptions.has(name)) {
      const value = inlineValue ?? argv[++index];
      if (value === undefined) throw new UsageError(`--${name} needs a value`);
      parsed.options.set(name, [...(parsed.options.get(name) ?? []), value]);
    } else {
      throw new UsageError(`unknown option --${name}`);
    }
  }
  return parsed;
}

import { readFileSync } from 'node:fs';
import type { z } from 'zod';

/** A configuration mistake, with every problem listed as "file: path: what is wrong". Shown to the user as is. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
  }
}

/** Renders a zod issue path the way the user's editor shows JSON: feeds[2].url */
export function formatJsonPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const segment of path) out += typeof segment === 'number' ? `[${segment}]` : out ? `.${segment}` : segment;
  return out || '(top level)';
}

const SHAPE_OF: Record<string, string> = {
  array: 'a list in square brackets, e.g. ["…"]',
  object: 'an object in braces, e.g. {"…": …}',
  string: 'text in double quotes',
  number: 'a number without quotes',
  boolean: 'true or false, without quotes',
};

/** Zod's own wording says what is wrong but not how to fix it; schema-written messages already do both. */
function withFix(issue: z.ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return `${issue.message}; remove ${issue.keys.length === 1 ? 'it' : 'them'} or correct the spelling`;
  }
  if (issue.code === 'invalid_type') {
    const shape = SHAPE_OF[issue.expected] ?? `a ${issue.expected}`;
    if (issue.received === 'undefined') return `${issue.message}: add it, as ${shape}`;
    if (issue.message.startsWith('Expected ')) return `${issue.message}: write ${shape}`;
  }
  return issue.message;
}

/** One line per zod issue, naming the source and the JSON path. */
export function describeZodIssues(source: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => `${source}: ${formatJsonPath(issue.path)}: ${withFix(issue)}`);
}

/** Reads and validates a JSON file; every problem is reported at once. */
export function loadJsonFile<Schema extends z.ZodTypeAny>(file: string, schema: Schema): z.output<Schema> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'the file does not exist' : (error as Error).message;
    throw new ConfigError([`${file}: cannot read it: ${reason}. Set WIREWATCH_CONFIG to the folder that holds it.`]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError([`${file}: not valid JSON: ${(error as Error).message}. Fix the syntax (a trailing comma or a missing quote is the usual cause).`]);
  }
  const result = schema.safeParse(data);
  if (!result.success) throw new ConfigError(describeZodIssues(file, result.error));
  return result.data;
}

import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { compileTopics, explanationLine, formatTopicErrors, type TopicExplanation } from '../../analysis/topics/index.js';
import { loadPeople, loadTopics } from '../../config/app-config.js';
import { parseEnv } from '../../config/env.js';
import { ConfigError } from '../../config/load-json.js';
import type { TopicMatcher } from '../../analysis/topics/matcher.js';
import { parseArgs } from '../args.js';
import { UsageError, type CliCommand, type CliIo } from '../io.js';

const USAGE = 'wirewatch match [--json] <file.jsonl>';

const itemLineSchema = z
  .object({
    id: z.union([z.string(), z.number()]).nullable().optional(),
    title: z.string({ required_error: 'missing "title"', invalid_type_error: '"title" must be text' }),
    summary: z.string({ invalid_type_error: '"summary" must be text' }).nullable().optional(),
    content: z.string({ invalid_type_error: '"content" must be text' }).nullable().optional(),
    published: z.string({ invalid_type_error: '"published" must be a date as text, e.g. "2025-08-18T09:30:00Z"' }).nullable().optional(),
  })
  .passthrough();

/**
 * `wirewatch match [--json] <file.jsonl>`: matches one item per input line against config/topics.json
 * (people from config/people.json; the folder is WIREWATCH_CONFIG, default ./config) and prints one line per
 * item, in order: `{"id", "topics", "explain"}` with --json, a readable line otherwise. A malformed line prints
 * `{"id": null, "error"}` and the run goes on.
 */
export const runMatchCommand: CliCommand = async (argv, io) => {
  const args = parseArgs(argv, { flags: ['json'] });
  const [input, ...extra] = args.positionals;
  if (input === undefined || extra.length > 0) throw new UsageError(`give one JSONL file: ${USAGE}`);
  const matcher = loadMatcher(io);
  let text: string;
  try {
    text = await readFile(resolve(io.cwd, input), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr(`wirewatch match: ${code === 'ENOENT' ? `no such file: ${input}` : `cannot read ${input}: ${(error as Error).message}`}\n`);
    return 1;
  }
  const json = args.flags.has('json');
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return;
    const result = matchLine(line, index + 1, matcher);
    io.stdout(`${json ? JSON.stringify(result) : readable(result)}\n`);
  });
  return 0;
};

type LineResult =
  | { id: string | number | null; topics: string[]; explain: Record<string, TopicExplanation & { summary: string }> }
  | { id: null; error: string };

function matchLine(line: string, lineNumber: number, matcher: TopicMatcher): LineResult {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (error) {
    return { id: null, error: `line ${lineNumber}: not valid JSON (${(error as Error).message})` };
  }
  const parsed = itemLineSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => issue.message).join('; ');
    return { id: null, error: `line ${lineNumber}: ${problems}; expected {"id": ..., "title": "...", "summary": "...", "content": "...", "published": "..."}` };
  }
  const item = parsed.data;
  const matches = matcher.match({
    title: item.title,
    summary: item.summary ?? undefined,
    content: item.content ?? undefined,
    published: item.published ?? undefined,
  });
  return {
    id: item.id ?? null,
    topics: matches.map((match) => match.topicId),
    explain: Object.fromEntries(matches.map((match) => [match.topicId, { ...match.explain, summary: explanationLine(match.explain) }])),
  };
}

function readable(result: LineResult): string {
  if ('error' in result) return `error: ${result.error}`;
  const head = `${result.id ?? '(no id)'}: ${result.topics.length > 0 ? result.topics.join(', ') : 'no topics'}`;
  const details = Object.entries(result.explain).map(([topic, explain]) => `\n  ${topic}: ${explain.summary}`);
  return head + details.join('');
}

/** Loads topics and people from the config folder; configuration mistakes become a ConfigError. */
function loadMatcher(io: CliIo): TopicMatcher {
  const dir = resolve(io.cwd, parseEnv(io.env).WIREWATCH_CONFIG);
  const people = loadPeople(dir);
  const compiled = compileTopics(loadTopics(dir, people), people);
  if (!compiled.ok) throw new ConfigError(formatTopicErrors(compiled.errors, join(dir, 'topics.json')).split('\n'));
  return compiled.matcher;
}

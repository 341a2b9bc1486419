import type { Person } from '../people/schema.js';
import { compileTopics } from './compile.js';
import { formatTopicErrors } from './errors.js';
import type { TopicMatcher } from './matcher.js';
import { topicsFileSchema, type TopicDefinition } from './schema.js';

export type TopicsFromJson =
  | { ok: true; topics: TopicDefinition[]; matcher: TopicMatcher }
  | { ok: false; message: string };

/** Parses, validates and compiles the text of a topics file; `file` names it in error messages. */
export function topicsFromJson(text: string, file: string, people: readonly Person[]): TopicsFromJson {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `${file}: not valid JSON (${(error as Error).message}): check commas, quotes and brackets` };
  }
  const parsed = topicsFileSchema.safeParse(json);
  if (!parsed.success) return { ok: false, message: formatTopicErrors(parsed.error, file) };
  const compiled = compileTopics(parsed.data.topics, people);
  if (!compiled.ok) return { ok: false, message: formatTopicErrors(compiled.errors, file) };
  return { ok: true, topics: parsed.data.topics, matcher: compiled.matcher };
}

import type { ZodError, ZodIssue } from 'zod';
import { formatJsonPath } from '../../config/load-json.js';
import type { TopicRuleError } from './compile.js';

/** Every key of the rule language, to suggest the intended one when a key is misspelt. */
const KNOWN_KEYS = [
  'topics', 'id', 'name', 'description', 'threshold', 'fieldWeights', 'rules', 'title', 'lede', 'body',
  'anyOf', 'allOf', 'near', 'context', 'exclude', 'ignore', 'label', 'terms', 'weight', 'within', 'phrase',
  'caseSensitive', 'person', 'required',
];

/** zod issues as rule errors, with messages a moderator can act on. */
export function topicErrorsFromZod(error: ZodError): TopicRuleError[] {
  return error.issues.map((issue) => ({ path: [...issue.path], message: issueMessage(issue) }));
}

/**
 * One line per problem: `config/topics.json: topics[3].rules.near[0].within: must be a whole number 1–50 — …`.
 * Accepts a zod error from topicsFileSchema or the errors compileTopics returns.
 */
export function formatTopicErrors(errors: ZodError | readonly TopicRuleError[], file: string): string {
  const list = 'issues' in errors ? topicErrorsFromZod(errors) : errors;
  return list.map((error) => `${file}: ${formatJsonPath(error.path)}: ${error.message}`).join('\n');
}

function issueMessage(issue: ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys
      .map((key) => {
        const suggestion = closestKey(key);
        return `unknown key "${key}"${suggestion ? `: did you mean "${suggestion}"?` : ': remove it'}`;
      })
      .join('; ');
  }
  if (issue.code === 'invalid_type' && issue.received === 'undefined' && issue.message === 'Required') {
    return `missing: add "${String(issue.path.at(-1) ?? 'value')}"`;
  }
  if (issue.code === 'invalid_type' && issue.message.startsWith('Expected')) {
    return `${issue.message.replace('Expected', 'expected')}: check the quotes and brackets`;
  }
  return issue.message;
}

function closestKey(key: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const known of KNOWN_KEYS) {
    const distance = editDistance(key.toLowerCase(), known.toLowerCase());
    if (distance < bestDistance) {
      best = known;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

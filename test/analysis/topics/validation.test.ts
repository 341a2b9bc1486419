import { describe, expect, it } from 'vitest';
import { compileTopics } from '../../../src/analysis/topics/compile.js';
import { formatTopicErrors } from '../../../src/analysis/topics/errors.js';
import { topicsFromJson } from '../../../src/analysis/topics/load.js';
import { topicsFileSchema } from '../../../src/analysis/topics/schema.js';
import { simpleTopic } from './helpers.js';

const FILE = 'config/topics.json';

function errorsOf(json: unknown): string {
  const parsed = topicsFileSchema.safeParse(json);
  if (parsed.success) throw new Error('expected the topics to be rejected');
  return formatTopicErrors(parsed.error, FILE);
}

const valid = simpleTopic('crimea', ['Crimea']);

describe('topic rule validation', () => {
  it('names the JSON path, the problem and the fix for an out-of-range proximity', () => {
    const near = { terms: ['Article 5'], near: ['NATO'], within: 80 };
    const message = errorsOf({ topics: [valid, valid, valid, { ...simpleTopic('x', ['a']), id: 'guarantees', rules: { near: [near] } }] });
    expect(message).toContain('config/topics.json: topics[3].rules.near[0].within: must be a whole number 1–50');
    expect(message).toContain('e.g. 8');
  });

  it('suggests the intended key for a misspelt one', () => {
    const message = errorsOf({ topics: [{ ...valid, rules: { anyOf: [{ terms: ['Crimea'] }], exlcude: ['recipe'] } }] });
    expect(message).toBe('config/topics.json: topics[0].rules: unknown key "exlcude": did you mean "exclude"?');
  });

  it('explains what a term may be', () => {
    const message = errorsOf({ topics: [{ ...valid, rules: { anyOf: [{ terms: ['Crimea', 42] }] } }] });
    expect(message).toBe(
      'config/topics.json: topics[0].rules.anyOf[0].terms[1]: a term is a phrase ("peace deal"), {"phrase": "Trump", "caseSensitive": true} or {"person": "volodymyr-zelensky"}',
    );
    const withUnknownOption = errorsOf({ topics: [{ ...valid, rules: { anyOf: [{ terms: [{ phrase: 'x', regex: true }] }] } }] });
    expect(withUnknownOption).toBe('config/topics.json: topics[0].rules.anyOf[0].terms[0]: unknown key "regex": remove it');
  });

  it('reports missing fields, rules that cannot score and duplicate ids', () => {
    const { description: _description, ...withoutDescription } = valid;
    const message = errorsOf({ topics: [withoutDescription, { ...valid, rules: { context: ['Ukraine'] } }] });
    expect(message).toContain('topics[0].description: give a one-line "description"');
    expect(message).toContain('topics[1].rules: rules need something that scores');
    expect(errorsOf({ topics: [valid, simpleTopic('nato', ['NATO']), valid] })).toBe(
      'config/topics.json: topics[2].id: duplicate id "crimea" (already used by topics[0]): give each topic its own id',
    );
  });

  it('rejects regular expressions with a pointer to the plain-words alternative', () => {
    const parsed = topicsFileSchema.parse({ topics: [valid, simpleTopic('strikes', ['missile', 'strikes?|attacks?'])] });
    const compiled = compileTopics(parsed.topics, []);
    expect(compiled.ok).toBe(false);
    if (compiled.ok) return;
    const message = formatTopicErrors(compiled.errors, FILE);
    expect(message).toMatch(/^config\/topics\.json: topics\[1\]\.rules\.anyOf\[0\]\.terms\[1\]: "strikes\?\|attacks\?" looks like a regular expression/);
    expect(message).toContain('end a word with * to match any ending');
  });

  it('rejects a stem too short for *, a stray *, and a phrase with no words', () => {
    const parsed = topicsFileSchema.parse({ topics: [simpleTopic('t', ['ab*', 'peace * deal', '—'])] });
    const compiled = compileTopics(parsed.topics, []);
    if (compiled.ok) throw new Error('expected errors');
    expect(compiled.errors.map((error) => error.path.join('.'))).toEqual([
      'topics.0.rules.anyOf.0.terms.0',
      'topics.0.rules.anyOf.0.terms.1',
      'topics.0.rules.anyOf.0.terms.2',
    ]);
    expect(compiled.errors[0]?.message).toContain('at least 3 letters');
    expect(compiled.errors[1]?.message).toContain('* goes right after a word');
    expect(compiled.errors[2]?.message).toContain('has no words to match');
  });

  it('names an unknown person and the known ids', () => {
    const people = [{ id: 'volodymyr-zelensky', name: 'Volodymyr Zelensky', role: 'President', aliases: [], titles: [], principal: true }];
    const parsed = topicsFileSchema.parse({ topics: [simpleTopic('t', [{ person: 'volodymir-zelensky' }])] });
    const compiled = compileTopics(parsed.topics, people);
    if (compiled.ok) throw new Error('expected errors');
    expect(formatTopicErrors(compiled.errors, FILE)).toBe(
      'config/topics.json: topics[0].rules.anyOf[0].terms[0].person: unknown person "volodymir-zelensky": use an id from config/people.json (e.g. volodymyr-zelensky)',
    );
  });

  it('reports a threshold no item can reach', () => {
    const parsed = topicsFileSchema.parse({ topics: [{ ...valid, threshold: 10 }] });
    const compiled = compileTopics(parsed.topics, []);
    if (compiled.ok) throw new Error('expected errors');
    expect(formatTopicErrors(compiled.errors, FILE)).toContain('topics[0].threshold: threshold 10 can never be reached: all signals together score at most 3');
  });

  it('explains a field or a date window it cannot read', () => {
    const scoped = (scope: object) => ({ topics: [{ ...valid, rules: { anyOf: [{ terms: ['Crimea'], ...scope }] } }] });
    expect(errorsOf(scoped({ in: ['headline'] }))).toContain('topics[0].rules.anyOf[0].in[0]: a field is "title", "lede" or "body"');
    expect(errorsOf(scoped({ in: [] }))).toContain('name at least one field, e.g. ["title"]');
    expect(errorsOf(scoped({ from: '15/08/2025' }))).toContain('topics[0].rules.anyOf[0].from: write the date as YYYY-MM-DD, e.g. "2025-08-15"');
    expect(errorsOf(scoped({ from: '2025-09-30', until: '2025-08-15' }))).toContain(
      'topics[0].rules.anyOf[0].until: "from" must not be later than "until"',
    );
    expect(topicsFileSchema.safeParse(scoped({ in: ['title', 'lede'], from: '2025-08-15', until: '2025-08-15' })).success).toBe(true);
  });

  it('reports broken JSON without throwing', () => {
    const result = topicsFromJson('{"topics": [', FILE, []);
    expect(result).toMatchObject({ ok: false });
    if (!result.ok) expect(result.message).toMatch(/^config\/topics\.json: not valid JSON/);
  });
});

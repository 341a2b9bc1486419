import { describe, expect, it } from 'vitest';
import { compileTopics } from '../../../src/analysis/topics/compile.js';
import { topicsFileSchema } from '../../../src/analysis/topics/schema.js';
import { generateSyntheticTopics, syntheticSignature } from '../../support/synthetic-topics.js';
import { configuredPeople, configuredTopics, projectFile } from './helpers.js';

describe('1,000 generated topics', () => {
  const synthetic = generateSyntheticTopics(1000);
  const people = configuredPeople();
  const compiled = compileTopics([...configuredTopics(), ...synthetic], people);

  it('are valid topic definitions and compile together with the shipped ones', () => {
    expect(topicsFileSchema.safeParse({ topics: synthetic }).success).toBe(true);
    expect(new Set(synthetic.map((topic) => topic.id)).size).toBe(1000);
    expect(compiled.ok).toBe(true);
  });

  it('each matches an item that carries its signature, and no other synthetic topic does', () => {
    if (!compiled.ok) throw new Error('did not compile');
    for (const index of [0, 1, 29, 30, 499, 998, 999]) {
      const item = { title: `Officials discuss the ${syntheticSignature(index)} in Brussels`, summary: 'Talks continue.' };
      const synthetics = compiled.matcher.match(item).filter((match) => match.topicId.startsWith('synthetic-'));
      expect(synthetics.map((match) => match.topicId)).toEqual([`synthetic-${index}`]);
    }
  });

  it('leave the shipped topics’ results unchanged', () => {
    if (!compiled.ok) throw new Error('did not compile');
    const alone = compileTopics(configuredTopics(), people);
    if (!alone.ok) throw new Error('did not compile');
    const items = projectFile('test/fixtures/topics/dev-set.jsonl')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as { title: string; summary: string });
    for (const item of items) {
      const shipped = compiled.matcher.match(item).filter((match) => !match.topicId.startsWith('synthetic-'));
      expect(shipped).toEqual(alone.matcher.match(item));
    }
  });
});

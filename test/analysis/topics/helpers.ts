import { readFileSync } from 'node:fs';
import { peopleFileSchema, type Person } from '../../../src/analysis/people/schema.js';
import { compileTopics } from '../../../src/analysis/topics/compile.js';
import type { TopicMatcher } from '../../../src/analysis/topics/matcher.js';
import { topicsFileSchema, type Term, type TopicDefinition, type TopicDefinitionInput } from '../../../src/analysis/topics/schema.js';

export function projectFile(relative: string): string {
  return readFileSync(new URL(`../../../${relative}`, import.meta.url), 'utf8');
}

export function configuredPeople(): Person[] {
  return peopleFileSchema.parse(JSON.parse(projectFile('config/people.json'))).people;
}

export function configuredTopics(): TopicDefinition[] {
  return topicsFileSchema.parse(JSON.parse(projectFile('config/topics.json'))).topics;
}

/** Validates topics as a moderator would write them and compiles them; fails the test on any rule error. */
export function matcherFor(topics: TopicDefinitionInput[], people: Person[] = []): TopicMatcher {
  const parsed = topicsFileSchema.parse({ topics });
  const compiled = compileTopics(parsed.topics, people);
  if (!compiled.ok) throw new Error(`rules did not compile: ${JSON.stringify(compiled.errors)}`);
  return compiled.matcher;
}

/** A one-group topic: any of `terms` in the title (×3) reaches the threshold. */
export function simpleTopic(id: string, terms: Term[]): TopicDefinitionInput {
  return { id, name: id, description: `test topic ${id}`, threshold: 3, rules: { anyOf: [{ terms }] } };
}

/** The matched topics' ids, best first. */
export function ids(matches: readonly { topicId: string }[]): string[] {
  return matches.map((match) => match.topicId);
}

import { readFileSync } from 'node:fs';
import { peopleFileSchema } from '../../../src/analysis/people/schema.js';
import type { Person } from '../../../src/analysis/people/schema.js';

/** The project's config/people.json, validated: the people every quote test attributes to. */
export function loadProjectPeople(): Person[] {
  const file = new URL('../../../config/people.json', import.meta.url);
  return peopleFileSchema.parse(JSON.parse(readFileSync(file, 'utf8'))).people;
}

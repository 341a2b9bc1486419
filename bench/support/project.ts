import { readFileSync } from 'node:fs';
import { peopleFileSchema, type Person } from '../../src/analysis/people/schema.js';

/** Reads a file of the project by its path from the project root. */
export function projectFile(relative: string): string {
  return readFileSync(new URL(`../../${relative}`, import.meta.url), 'utf8');
}

export function configuredPeople(): Person[] {
  return peopleFileSchema.parse(JSON.parse(projectFile('config/people.json'))).people;
}

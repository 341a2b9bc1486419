import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { peopleFileSchema, type Person } from '../../src/analysis/people/schema.js';

/** Reads a file of the project by its path from the project root (npm runs the bench there). */
export function projectFile(relative: string): string {
  return readFileSync(join(process.cwd(), relative), 'utf8');
}

export function configuredPeople(): Person[] {
  return peopleFileSchema.parse(JSON.parse(projectFile('config/people.json'))).people;
}

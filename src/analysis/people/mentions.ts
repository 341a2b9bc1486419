import { findNameRuns } from './article-names.js';
import { buildPersonIndex, resolvePersonName } from './resolve.js';
import type { Person } from './schema.js';

/** A function listing the tracked people a text names (ids, in order of first mention). */
export function createPeopleFinder(people: readonly Person[]): (text: string) => string[] {
  const index = buildPersonIndex(people);
  return (text) => {
    const ids = new Set<string>();
    for (const run of findNameRuns(text)) {
      const person = resolvePersonName(index, run.name);
      if (person) ids.add(person.id);
    }
    return [...ids];
  };
}

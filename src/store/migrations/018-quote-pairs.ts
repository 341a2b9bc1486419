import type { Migration } from './migration.js';

/** PostgreSQL's 018 adds a table of each quote's adjacent word pairs for /whosaid's phrases; FTS5 reads phrases from its own index: nothing to do here. */
export const quotePairs: Migration = {
  version: 18,
  name: 'quote pairs',
  sql: `SELECT 1;`,
};

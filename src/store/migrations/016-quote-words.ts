import type { Migration } from './migration.js';

/** PostgreSQL's 016 adds a table of each quote's words for /whosaid's counts; FTS5 counts from its own index: nothing to do here. */
export const quoteWords: Migration = {
  version: 16,
  name: 'quote words',
  sql: `SELECT 1;`,
};

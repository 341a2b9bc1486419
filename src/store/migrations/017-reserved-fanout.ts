import type { Migration } from './migration.js';

/**
 * Placeholder: version 17 is the coordinator's (branch fanout, the outbox alert-count index); this keeps the versions
 * consecutive on the whosaid-pg branch alone and is replaced by the real 017 when the branches are merged.
 */
export const reservedFanout: Migration = {
  version: 17,
  name: 'reserved (fanout)',
  sql: `SELECT 1;`,
};

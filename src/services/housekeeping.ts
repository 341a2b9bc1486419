import type { RetentionPolicy } from '../config/retention.js';
import type { Logger } from '../logging.js';
import type { Stores } from '../store/index.js';
import { pruneCutoffs } from '../store/retention.js';

/** Sent and failed outbox rows are kept this long (alerts can be edited for a day; a week leaves room to look). */
const OUTBOX_RETENTION_MS = 14 * 24 * 3_600_000;

/**
 * The daily housekeeping job: compacts the quote search index, prunes sent outbox rows after two weeks, and prunes
 * items, matches and stories past config/retention.json in small batches (see pruneExpired). Never throws.
 */
export function createHousekeeping(options: { stores: Stores; retention: RetentionPolicy; now: () => number; logger: Pick<Logger, 'info' | 'error'> }): () => Promise<void> {
  const { stores, retention, now, logger } = options;
  return async () => {
    try {
      await stores.quotes.optimizeSearchIndex();
      await stores.outbox.pruneBefore(now() - OUTBOX_RETENTION_MS);
      const pruned = await stores.retention.pruneExpired(pruneCutoffs(retention.keepDays, retention.quotesOutliveItems, now()));
      logger.info({ pruned }, 'daily housekeeping done');
    } catch (error) {
      logger.error({ err: error }, 'daily housekeeping failed');
    }
  };
}

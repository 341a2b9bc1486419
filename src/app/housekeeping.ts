import cron from 'node-cron';
import type { Logger } from '../logging.js';
import type { Stores } from '../store/index.js';

const HOUR = 3_600_000;
/** Sent and failed outbox rows are kept this long (alerts can be edited for a day; a week leaves room to look). */
const OUTBOX_RETENTION_MS = 14 * 24 * HOUR;

export interface Housekeeping {
  stop(): Promise<void>;
}

/** Schedules the daily chores, at 03:17 local time, when the bot is least busy. */
export function startHousekeeping(stores: Stores, now: () => number, logger: Logger): Housekeeping {
  const daily = cron.schedule('17 3 * * *', () => keepHouse(stores, now, logger));
  return {
    async stop() {
      await daily.stop();
    },
  };
}

/** Merges the quote search index into one segment and prunes old outbox rows; a failure is logged, not fatal. */
export function keepHouse(stores: Stores, now: () => number, logger: Logger): void {
  try {
    stores.quotes.optimizeSearchIndex();
    stores.outbox.pruneBefore(now() - OUTBOX_RETENTION_MS);
  } catch (error) {
    logger.error({ err: error }, 'daily housekeeping failed');
  }
}

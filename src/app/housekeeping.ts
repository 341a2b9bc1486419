import cron from 'node-cron';
import type { RetentionPolicy } from '../config/retention.js';
import type { Logger } from '../logging.js';
import { createHousekeeping } from '../services/housekeeping.js';
import type { Stores } from '../store/index.js';

export interface Housekeeping {
  stop(): Promise<void>;
}

/** Schedules the daily chores (services/housekeeping.ts), at 03:17 local time, when the bot is least busy. */
export function startHousekeeping(options: { stores: Stores; retention: RetentionPolicy; now: () => number; logger: Logger }): Housekeeping {
  const keepHouse = createHousekeeping(options);
  const daily = cron.schedule('17 3 * * *', () => keepHouse());
  return {
    async stop() {
      await daily.stop();
    },
  };
}

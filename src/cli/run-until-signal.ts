import type { App } from '../app.js';
import type { Logger } from '../logging.js';

/** Runs the app until SIGINT or SIGTERM, then stops it cleanly and resolves with exit code 0 (1 when it cannot start). */
export async function runUntilSignal(app: App, logger: Logger): Promise<number> {
  try {
    await app.start();
  } catch (error) {
    logger.error({ err: error }, 'wirewatch could not start');
    await app.stop().catch(() => undefined);
    return 1;
  }
  logger.info({ feeds: (await app.feeds.all()).length, discord: app.discord !== null }, 'wirewatch started');
  return new Promise((resolve, reject) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      logger.info({ signal }, 'stopping');
      app.stop().then(() => resolve(0), reject);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

import type { App } from '../app.js';
import type { Logger } from '../logging.js';

/** Runs the app until SIGINT or SIGTERM, then stops it cleanly and resolves with exit code 0. */
export function runUntilSignal(app: App, logger: Logger): Promise<number> {
  return new Promise((resolve, reject) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      logger.info({ signal }, 'stopping');
      app.stop().then(() => resolve(0), reject);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    app.start();
    logger.info({ feeds: app.feeds.all().length }, 'wirewatch started');
  });
}

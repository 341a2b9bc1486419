import { createApp } from '../../app.js';
import { parseEnv } from '../../config/env.js';
import { createLogger } from '../../logging.js';
import { parseArgs } from '../args.js';
import { UsageError, type CliCommand } from '../io.js';
import { runUntilSignal } from '../run-until-signal.js';

/** `wirewatch start` (what `npm start` runs): the bot. Without DISCORD_TOKEN it runs headless and prints alerts. */
export const runStartCommand: CliCommand = async (argv, io) => {
  const args = parseArgs(argv, {});
  if (args.positionals.length > 0) throw new UsageError('start takes no arguments');
  const env = parseEnv(io.env);
  const logger = createLogger({ level: env.LOG_LEVEL, pretty: env.LOG_PRETTY, secrets: env.DISCORD_TOKEN ? [env.DISCORD_TOKEN] : [] });
  if (!env.DISCORD_TOKEN) logger.info('DISCORD_TOKEN is not set: running headless, alerts go to the terminal');
  const app = await createApp({ env, logger, print: (line) => io.stdout(`${line}\n`) });
  return runUntilSignal(app, logger);
};

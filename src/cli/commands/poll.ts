import { createApp } from '../../app.js';
import { parseEnv } from '../../config/env.js';
import { createLogger } from '../../logging.js';
import { parseArgs } from '../args.js';
import { UsageError, type CliCommand } from '../io.js';
import { runUntilSignal } from '../run-until-signal.js';

/**
 * `wirewatch poll --once`: polls every configured feed once and prints what is new.
 * `wirewatch poll`: keeps polling (headless), printing alerts, until SIGINT/SIGTERM.
 */
export const runPollCommand: CliCommand = async (argv, io) => {
  const args = parseArgs(argv, { flags: ['once'] });
  if (args.positionals.length > 0) throw new UsageError('poll takes no arguments: wirewatch poll [--once]');
  const env = parseEnv(io.env);
  const logger = createLogger({ level: env.LOG_LEVEL, pretty: env.LOG_PRETTY, secrets: env.DISCORD_TOKEN ? [env.DISCORD_TOKEN] : [] });
  const app = await createApp({ env, logger, print: (line) => io.stdout(`${line}\n`) });
  if (!args.flags.has('once')) return runUntilSignal(app, logger);

  try {
    const outcomes = await app.poller.pollAllOnce();
    for (const outcome of outcomes) {
      const name = `${outcome.feed.outlet} (${outcome.feed.url})`;
      if (outcome.kind === 'failed') io.stdout(`${name}: failed: ${outcome.message}\n`);
      else if (outcome.kind === 'not-modified') io.stdout(`${name}: not modified\n`);
      else {
        const seeded = outcome.initialPoll ? ' (first poll: stored, no alerts)' : '';
        io.stdout(`${name}: ${outcome.newItemIds.length} new${seeded}\n`);
      }
    }
    return 0;
  } finally {
    await app.stop();
  }
};

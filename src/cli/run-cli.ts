import { ConfigError } from '../config/load-json.js';
import { DatabaseError } from '../store/database.js';
import { runDigestCommand } from './commands/digest.js';
import { runMatchCommand } from './commands/match.js';
import { runParseCommand } from './commands/parse.js';
import { runPollCommand } from './commands/poll.js';
import { runQuotesCommand } from './commands/quotes.js';
import { runRegisterCommandsCommand } from './commands/register-commands.js';
import { runStartCommand } from './commands/start.js';
import { runSummarizeCommand } from './commands/summarize.js';
import { runWhosaidCommand } from './commands/whosaid.js';
import { UsageError, type CliCommand, type CliIo } from './io.js';

const commands: Record<string, { run: CliCommand; summary: string }> = {
  start: { run: runStartCommand, summary: 'run the bot (headless without DISCORD_TOKEN)' },
  poll: { run: runPollCommand, summary: 'poll the configured feeds; --once polls each feed once and prints what is new' },
  parse: { run: runParseCommand, summary: 'parse feed files or URLs, one JSON line each' },
  match: { run: runMatchCommand, summary: 'match JSONL items against the topics, one JSON line each' },
  quotes: { run: runQuotesCommand, summary: "list an article's quotations with their speakers (--json, --indirect)" },
  'register-commands': { run: runRegisterCommandsCommand, summary: 'register the slash commands with Discord (DISCORD_GUILD_ID: one server, instantly)' },
  digest: { run: runDigestCommand, summary: 'the digest from the database as it would be posted (--since 24h, --topic <id>, --json)' },
  whosaid: { run: runWhosaidCommand, summary: 'who said that? find a stored quote from a remembered fragment (--json)' },
  summarize: { run: runSummarizeCommand, summary: 'summarize an article (text or HTML) with its key quotes' },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, command]) => `  ${name.padEnd(18)} ${command.summary}`);
  return `usage: wirewatch <command> [options]\n\ncommands:\n${lines.join('\n')}\n`;
}

/** Runs one command; known mistakes become one clear message and a non-zero exit code, never a stack trace. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === 'help') {
    io.stdout(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`wirewatch: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) io.stderr(`wirewatch ${name}: ${error.message}\n`);
    else if (error instanceof ConfigError) io.stderr(`wirewatch: configuration error\n${error.message}\n`);
    else if (error instanceof DatabaseError) io.stderr(`wirewatch: database error: ${error.message}\n`);
    else throw error;
    return 2;
  }
}

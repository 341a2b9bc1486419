import { ConfigError } from '../config/load-json.js';
import { DatabaseError } from '../store/index.js';
import { UsageError, type CliCommand, type CliIo } from './io.js';

// Each command's module loads only when it runs: `start` without a token never loads discord.js.
const commands: Record<string, { load: () => Promise<CliCommand>; summary: string }> = {
  start: { load: async () => (await import('./commands/start.js')).runStartCommand, summary: 'run the bot (headless without DISCORD_TOKEN)' },
  poll: { load: async () => (await import('./commands/poll.js')).runPollCommand, summary: 'poll the configured feeds; --once polls each feed once and prints what is new' },
  parse: { load: async () => (await import('./commands/parse.js')).runParseCommand, summary: 'parse feed files or URLs, one JSON line each' },
  match: { load: async () => (await import('./commands/match.js')).runMatchCommand, summary: 'match JSONL items against the topics, one JSON line each' },
  quotes: { load: async () => (await import('./commands/quotes.js')).runQuotesCommand, summary: "list an article's quotations with their speakers (--json, --indirect)" },
  'register-commands': { load: async () => (await import('./commands/register-commands.js')).runRegisterCommandsCommand, summary: 'register the slash commands with Discord (DISCORD_GUILD_ID: one server, instantly)' },
  digest: { load: async () => (await import('./commands/digest.js')).runDigestCommand, summary: 'the digest from the database as it would be posted (--since 24h, --topic <id>, --json)' },
  whosaid: { load: async () => (await import('./commands/whosaid.js')).runWhosaidCommand, summary: 'who said that? find a stored quote from a remembered fragment (--json)' },
  'migrate-store': { load: async () => (await import('./commands/migrate-store.js')).runMigrateStoreCommand, summary: 'copy a SQLite database into PostgreSQL (--from <file> --to postgres://…), row counts checked' },
  feeds: { load: async () => (await import('./commands/feeds.js')).runFeedsCommand, summary: 'feeds import|export <file.opml>: config/feeds.json from or to an OPML feed list' },
  summarize: { load: async () => (await import('./commands/summarize.js')).runSummarizeCommand, summary: 'summarize an article (text or HTML) with its key quotes' },
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
    const run = await command.load();
    return await run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) io.stderr(`wirewatch ${name}: ${error.message}\n`);
    else if (error instanceof ConfigError) io.stderr(`wirewatch: configuration error\n${error.message}\n`);
    else if (error instanceof DatabaseError) io.stderr(`wirewatch: database error: ${error.message}\n`);
    else throw error;
    return 2;
  }
}

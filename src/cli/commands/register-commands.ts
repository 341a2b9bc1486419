import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { REST, Routes } from 'discord.js';
import { parseEnv } from '../../config/env.js';
import { DISCORD_API_URL } from '../../discord/client.js';
import { slashCommands } from '../../discord/commands/index.js';
import { commandDefinitions, definitionsHash, registerCommands, registrationScope, type RegistrationTarget } from '../../discord/register-commands.js';
import { openStores } from '../../store/index.js';
import { parseArgs } from '../args.js';
import { UsageError, type CliCommand, type CliIo } from '../io.js';

/**
 * `wirewatch register-commands`: registers the slash commands with Discord now (globally, or in DISCORD_GUILD_ID
 * only, which is instant) and records their hash in the database at WIREWATCH_DB, when there is one, so the bot's
 * next start does not register them again.
 * Exit codes: 0 registered, 1 Discord refused or could not be reached, 2 usage or configuration problem.
 */
export const runRegisterCommandsCommand: CliCommand = async (argv, io) => {
  const args = parseArgs(argv, {});
  if (args.positionals.length > 0) throw new UsageError('register-commands takes no arguments; it reads DISCORD_TOKEN, DISCORD_API_URL and DISCORD_GUILD_ID');
  const env = parseEnv(io.env);
  if (!env.DISCORD_TOKEN) throw new UsageError('set DISCORD_TOKEN to the bot’s token (Discord developer portal → your application → Bot)');
  const rest = new REST({ api: env.DISCORD_API_URL ?? DISCORD_API_URL, timeout: 15_000 }).setToken(env.DISCORD_TOKEN);
  const definitions = commandDefinitions(slashCommands);
  let target: RegistrationTarget;
  try {
    const application = (await rest.get(Routes.currentApplication())) as { id: string };
    target = { applicationId: application.id, definitions, ...(env.DISCORD_GUILD_ID ? { guildId: env.DISCORD_GUILD_ID } : {}) };
    await registerCommands(rest, target);
  } catch (error) {
    io.stderr(`wirewatch register-commands: Discord refused or could not be reached: ${(error as Error).message}. Check DISCORD_TOKEN${env.DISCORD_GUILD_ID ? ', DISCORD_GUILD_ID (the bot must be in that server)' : ''} and DISCORD_API_URL.\n`);
    return 1;
  }
  const where = target.guildId ? `in server ${target.guildId} (available now)` : 'globally (they can take up to an hour to appear everywhere)';
  io.stdout(`registered ${definitions.length} slash commands ${where}: ${definitions.map((definition) => `/${definition.name}`).join(' ')}\n`);
  await recordHash(resolve(io.cwd, env.WIREWATCH_DB), target, io);
  return 0;
};

/** Records the hash in the bot's database so its next start does not register again; without one, it will (harmlessly). */
async function recordHash(path: string, target: RegistrationTarget, io: CliIo): Promise<void> {
  if (!existsSync(path)) return;
  try {
    const store = await openStores({ sqlitePath: path });
    try {
      await store.stores.commandRegistry.record(registrationScope(target.applicationId, target.guildId), definitionsHash(target.definitions), Date.now());
    } finally {
      await store.close();
    }
  } catch (error) {
    io.stderr(`wirewatch register-commands: registered, but could not note it in ${path} (${(error as Error).message}); the bot registers once more at its next start.\n`);
  }
}

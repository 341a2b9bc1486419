import { Client, Events, GatewayIntentBits, type Interaction, type RESTOptions } from 'discord.js';
import type { CommandRegistryStore } from '../store/command-registry.js';
import { slashCommands } from './commands/index.js';
import type { BotContext } from './context.js';
import { createInteractionRouter, type SlashCommand } from './interactions.js';
import { commandDefinitions, registerCommandsIfChanged } from './register-commands.js';

/** Discord's own API; DISCORD_API_URL replaces it (a local stand-in in tests). */
export const DISCORD_API_URL = 'https://discord.com/api';

export interface DiscordClientOptions {
  token: string;
  /** The REST base URL (DISCORD_API_URL). The gateway URL then comes from GET /gateway/bot on it. */
  apiUrl?: string;
  /** REST settings to override (tests lower timeout and retries). */
  rest?: Partial<RESTOptions>;
}

/**
 * A discord.js client for wirewatch, not yet logged in: the Guilds intent only (no privileged intents), and
 * `allowedMentions: { parse: [] }` so nothing it posts pings anyone.
 */
export function createDiscordClient(options: DiscordClientOptions): Client {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: { ...options.rest, api: options.apiUrl ?? DISCORD_API_URL },
  });
  client.token = options.token;
  return client;
}

export interface StartDiscordBotOptions {
  /** From createDiscordClient; logged in here. */
  client: Client;
  context: BotContext;
  /** Where the hash of the registered command definitions is kept. */
  registry: CommandRegistryStore;
  /** Register the commands in this guild only (DISCORD_GUILD_ID): instantly, for development. */
  guildId?: string;
  commands?: readonly SlashCommand[];
}

export interface DiscordBot {
  client: Client<true>;
  /** Stops answering interactions and closes the connection. */
  stop(): Promise<void>;
}

/**
 * Logs in, answers slash commands and autocomplete, and registers the commands when their definitions changed
 * since the last registration. A failed registration is logged (the commands registered before keep working).
 */
export async function startDiscordBot(options: StartDiscordBotOptions): Promise<DiscordBot> {
  const { client, context } = options;
  const commands = options.commands ?? slashCommands;
  const route = createInteractionRouter(commands, context);
  const onInteraction = (interaction: Interaction) => void route(interaction);
  const onError = (error: Error) => context.logger.error({ err: error }, 'Discord client error');
  client.on(Events.InteractionCreate, onInteraction);
  client.on(Events.Error, onError);
  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  try {
    await client.login();
  } catch (error) {
    client.off(Events.InteractionCreate, onInteraction);
    client.off(Events.Error, onError);
    await client.destroy();
    throw error;
  }
  const readyClient = await ready;
  const target = { applicationId: readyClient.application.id, definitions: commandDefinitions(commands), ...(options.guildId ? { guildId: options.guildId } : {}) };
  try {
    const registered = await registerCommandsIfChanged(readyClient.rest, target, options.registry, context.now());
    context.logger.info({ guild_id: options.guildId ?? null, commands: commands.length, registered }, registered ? 'slash commands registered' : 'slash commands unchanged');
  } catch (error) {
    context.logger.error({ err: error, guild_id: options.guildId ?? null }, 'registering slash commands failed; will retry at the next start');
  }
  context.logger.info({ user: readyClient.user.tag, guilds: readyClient.guilds.cache.size }, 'connected to Discord');
  return {
    client: readyClient,
    async stop() {
      client.off(Events.InteractionCreate, onInteraction);
      client.off(Events.Error, onError);
      await client.destroy();
    },
  };
}

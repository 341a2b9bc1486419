import { Client, Events, GatewayIntentBits, type Interaction, type RESTOptions } from 'discord.js';
import type { GatewayPlan } from '../config/gateway-shards.js';
import type { CommandRegistryStore } from '../store/command-registry.js';
import { slashCommands } from './commands/index.js';
import type { BotContext } from './context.js';
import { createInteractionRouter, type SlashCommand } from './interactions.js';
import { commandDefinitions, registerCommandsIfChanged } from './register-commands.js';
import { registersCommands, shardingOptions } from './shards.js';

/** Discord's own API; DISCORD_API_URL replaces it (a local stand-in in tests). */
export const DISCORD_API_URL = 'https://discord.com/api';

export interface DiscordClientOptions {
  token: string;
  /** The REST base URL (DISCORD_API_URL). The gateway URL then comes from GET /gateway/bot on it. */
  apiUrl?: string;
  /** REST settings to override (tests lower timeout and retries). */
  rest?: Partial<RESTOptions>;
  /** Which gateway shards to connect (WIREWATCH_SHARDS / _SHARD_COUNT / _SHARD_IDS); default one unsharded connection. */
  gateway?: GatewayPlan;
}

/**
 * A discord.js client for wirewatch, not yet logged in: the Guilds intent only (no privileged intents),
 * `allowedMentions: { parse: [] }` so nothing it posts pings anyone, and discord.js's own sharding options for the
 * shards this instance holds. Its REST client has the token already, so an instance without a gateway posts too.
 */
export function createDiscordClient(options: DiscordClientOptions): Client {
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    rest: { ...options.rest, api: options.apiUrl ?? DISCORD_API_URL },
    ...shardingOptions(options.gateway ?? { kind: 'unsharded' }),
  });
  client.token = options.token;
  client.rest.setToken(options.token);
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
  /** The shards the client was created for; with `none` it is not logged in and answers nothing. */
  gateway?: GatewayPlan;
  /** Called with the shard that received each interaction (for /metrics). */
  onInteraction?: (shardId: number) => void;
}

export interface DiscordBot {
  /** Logged in and ready, unless the instance runs without a gateway (then it only has REST). */
  client: Client;
  /** Stops answering interactions and closes the connection. */
  stop(): Promise<void>;
}

/**
 * Logs in with the shards the client was created for (interactions are answered by the shard that received them),
 * and, on the instance holding shard 0, registers the commands when their definitions changed since the last
 * registration. Without a gateway (`none`) it logs in to nothing: the client only posts through REST.
 */
export async function startDiscordBot(options: StartDiscordBotOptions): Promise<DiscordBot> {
  const { client, context } = options;
  const gateway = options.gateway ?? { kind: 'unsharded' };
  if (gateway.kind === 'none') {
    context.logger.info('WIREWATCH_SHARD_IDS=none: no gateway connection; posting through REST only');
    return { client, stop: () => client.destroy() };
  }
  const commands = options.commands ?? slashCommands;
  const route = createInteractionRouter(commands, context);
  const onInteraction = (interaction: Interaction) => {
    options.onInteraction?.(interaction.guild?.shardId ?? 0);
    void route(interaction);
  };
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
    throw explainLoginFailure(error);
  }
  const readyClient = await ready;
  if (registersCommands(gateway)) await registerCommands(readyClient, commands, options);
  context.logger.info({ user: readyClient.user.tag, guilds: readyClient.guilds.cache.size, shards: client.options.shards }, 'connected to Discord');
  return {
    client: readyClient,
    async stop() {
      client.off(Events.InteractionCreate, onInteraction);
      client.off(Events.Error, onError);
      await client.destroy();
    },
  };
}

/** Registers the commands when their definitions changed; a failure is logged (the ones registered before keep working). */
async function registerCommands(readyClient: Client<true>, commands: readonly SlashCommand[], options: StartDiscordBotOptions): Promise<void> {
  const { context } = options;
  const target = { applicationId: readyClient.application.id, definitions: commandDefinitions(commands), ...(options.guildId ? { guildId: options.guildId } : {}) };
  try {
    const registered = await registerCommandsIfChanged(readyClient.rest, target, options.registry, context.now());
    context.logger.info({ guild_id: options.guildId ?? null, commands: commands.length, registered }, registered ? 'slash commands registered' : 'slash commands unchanged');
  } catch (error) {
    context.logger.error({ err: error, guild_id: options.guildId ?? null }, 'registering slash commands failed; will retry at the next start');
  }
}

/** Discord closes an unsharded (or too full) connection past 2,500 servers; discord.js only says "Sharding is required". */
function explainLoginFailure(error: unknown): unknown {
  if (!(error instanceof Error) || !/sharding is required/i.test(error.message)) return error;
  return new Error(
    'Discord refused the gateway connection: Sharding is required (more than 2,500 servers on one connection). ' +
      'Set WIREWATCH_SHARDS=auto, or WIREWATCH_SHARD_COUNT and WIREWATCH_SHARD_IDS.',
    { cause: error },
  );
}

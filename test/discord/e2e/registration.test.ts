import { REST } from 'discord.js';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { slashCommands } from '../../../src/discord/commands/index.js';
import { createDiscordClient, startDiscordBot } from '../../../src/discord/client.js';
import { commandDefinitions, definitionsHash, registerCommandsIfChanged, registrationScope } from '../../../src/discord/register-commands.js';
import { startDiscordServer } from '../../support/discord/index.js';
import { openSharedTestBackends, TEST_STORE } from '../../support/stores.js';
import { startBotOnLocalDiscord, stopBot, type RunningBot } from './harness.js';

let running: RunningBot | undefined;

afterEach(async () => {
  await stopBot(running);
  running = undefined;
});

const commandPuts = (bot: RunningBot) => bot.server.requests.filter((request) => request.method === 'PUT' && request.path.endsWith('/commands'));

describe('logging in and registering commands', () => {
  it('logs in with the Guilds intent only and registers every command in the guild', async () => {
    running = await startBotOnLocalDiscord();
    const { server, guild, test } = running;

    expect(running.bot.client.isReady()).toBe(true);
    expect(running.client.options.intents.toArray()).toEqual(['Guilds']);
    expect(running.client.options.allowedMentions).toEqual({ parse: [] });
    const registered = server.commands(guild.id);
    expect(registered.map((command) => command.name)).toEqual(slashCommands.map((command) => command.data.name));
    const subscribe = registered.find((command) => command.name === 'subscribe');
    expect(subscribe?.default_member_permissions).toBe((1n << 4n).toString());
    const scope = registrationScope(server.applicationId, guild.id);
    expect(await test.registry.hashFor(scope)).toBe(definitionsHash(commandDefinitions(slashCommands)));
    expect(commandPuts(running)).toHaveLength(1);
    expect(server.violations).toEqual([]);
  });

  it('does not register again when the definitions did not change, and does when they did', async () => {
    running = await startBotOnLocalDiscord();
    const { server, test, guild } = running;
    await running.bot.stop();

    const unchanged = createDiscordClient({ token: server.botToken, apiUrl: server.apiUrl, rest: { timeout: 2_000, retries: 1, offset: 0 } });
    const second = await startDiscordBot({ client: unchanged, context: test.context, registry: test.registry, guildId: guild.id });
    expect(commandPuts(running)).toHaveLength(1);
    await second.stop();

    const fewer = createDiscordClient({ token: server.botToken, apiUrl: server.apiUrl, rest: { timeout: 2_000, retries: 1, offset: 0 } });
    running.bot = await startDiscordBot({ client: fewer, context: test.context, registry: test.registry, guildId: guild.id, commands: slashCommands.slice(0, 3) });
    expect(commandPuts(running)).toHaveLength(2);
    expect(server.commands(guild.id).map((command) => command.name)).toEqual(['subscribe', 'unsubscribe', 'subscriptions']);
    expect(test.logger.errors()).toEqual([]);
    expect(server.violations).toEqual([]);
  });

  it('fails to start with a token Discord refuses, registering nothing', async () => {
    running = await startBotOnLocalDiscord();
    const { server, test, guild } = running;
    const client = createDiscordClient({ token: 'MTIz.not-the.token', apiUrl: server.apiUrl, rest: { timeout: 2_000, retries: 1, offset: 0 } });
    await expect(startDiscordBot({ client, context: test.context, registry: test.registry, guildId: guild.id })).rejects.toThrow(/token/iu);
    expect(commandPuts(running)).toHaveLength(1);
    expect(server.violations.map((violation) => violation.kind)).toEqual(['unauthorized']);
  });
});

// Two instances registering at once need two connections taking turns, which one SQLite process cannot interleave.
describe.runIf(TEST_STORE === 'postgres')('two instances starting together on one PostgreSQL database', () => {
  it('register unchanged definitions with one PUT: the second finds them recorded', async () => {
    const server = await startDiscordServer();
    onTestFinished(() => server.close());
    const instances = await openSharedTestBackends(2);
    const target = { applicationId: server.applicationId, guildId: server.guild().id, definitions: commandDefinitions(slashCommands) };
    const rest = () => new REST({ ...server.restOptions }).setToken(server.botToken);

    const registered = await Promise.all(instances.map((instance) => registerCommandsIfChanged(rest(), target, instance.stores.commandRegistry, Date.now())));

    expect(registered.sort()).toEqual([false, true]);
    expect(server.requests.filter((request) => request.method === 'PUT' && request.path.endsWith('/commands'))).toHaveLength(1);
    expect(await instances[1]!.stores.commandRegistry.hashFor(registrationScope(target.applicationId, target.guildId))).toBe(definitionsHash(target.definitions));
    expect(server.violations).toEqual([]);
  });
});

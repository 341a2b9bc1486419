import { ApplicationCommandOptionType, MessageFlags, PermissionFlagsBits, Routes } from 'discord-api-types/v10';
import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, DiscordAPIError, Events } from 'discord.js';
import type { ChatInputCommandInteraction, Client, TextChannel } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectTestClient } from '../support/discord/test-client.js';
import { startDiscordServer } from '../support/discord/index.js';
import type { LocalDiscord } from '../support/discord/index.js';

const WHOSAID: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  name: 'whosaid',
  description: 'Find who said a quote about the peace talks',
  options: [
    { type: ApplicationCommandOptionType.String, name: 'speaker', description: 'Speaker name', required: true, autocomplete: true },
    { type: ApplicationCommandOptionType.Integer, name: 'days', description: 'Look back this many days', min_value: 1, max_value: 30 },
    { type: ApplicationCommandOptionType.Boolean, name: 'private', description: 'Only show it to me' },
  ],
};
const TOPICS: RESTPostAPIChatInputApplicationCommandsJSONBody = {
  name: 'topics',
  description: 'Manage watched topics',
  default_member_permissions: PermissionFlagsBits.ManageChannels.toString(),
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'add',
      description: 'Watch a topic',
      options: [{ type: ApplicationCommandOptionType.String, name: 'keyword', description: 'Keyword', required: true }],
    },
  ],
};

let server: LocalDiscord;
let client: Client<true>;

beforeEach(async () => {
  server = await startDiscordServer();
  client = await connectTestClient(server);
  await client.application.commands.set([WHOSAID, TOPICS], server.guild().id);
});

afterEach(async () => {
  await client.destroy();
  await server.close();
});

function onCommand(handler: (interaction: ChatInputCommandInteraction) => Promise<unknown>): void {
  client.on(Events.InteractionCreate, (interaction) => {
    if (interaction.isChatInputCommand()) void handler(interaction);
  });
}

describe('slash commands against the local Discord server', () => {
  it('stores the commands the bot registers for a guild and globally', async () => {
    expect(server.commands(server.guild().id).map((command) => command.name)).toEqual(['whosaid', 'topics']);
    await client.rest.put(Routes.applicationCommands(client.application.id), { body: [{ name: 'digest', description: 'Daily digest' }] });
    const global = await client.application.commands.fetch();
    expect([...global.values()].map((command) => command.name)).toEqual(['digest']);
    expect(server.violations).toEqual([]);
  });

  it('refuses a command definition Discord would refuse', async () => {
    const attempt = client.application.commands.set([{ name: 'Who Said', description: 'x' }], server.guild().id);
    await expect(attempt).rejects.toMatchObject({ status: 400, code: 50035 });
    expect(server.violations.map((violation) => violation.kind)).toEqual(['invalid-command-definition']);
  });

  it('dispatches a realistic interaction and records the reply', async () => {
    let seen: ChatInputCommandInteraction | undefined;
    onCommand(async (interaction) => {
      seen = interaction;
      await interaction.reply({ content: `Quotes by ${interaction.options.getString('speaker', true)}` });
    });
    const analyst = server.guild().members.analyst ?? '';
    const record = await server.sendSlashCommand({ name: 'whosaid', userId: analyst, options: { speaker: 'Zelensky', days: 7, private: false } });

    expect(record.status).toBe('acknowledged');
    expect(record.original?.current.content).toBe('Quotes by Zelensky');
    expect(record.original?.current.interaction_metadata?.user.id).toBe(analyst);
    expect(server.messages(record.channelId).map((message) => message.origin)).toEqual(['interaction-response']);
    expect(seen?.options.getInteger('days')).toBe(7);
    expect(seen?.options.getBoolean('private')).toBe(false);
    expect(seen?.user.id).toBe(analyst);
    expect(seen?.appPermissions.has(PermissionFlagsBits.SendMessages)).toBe(true);
    expect(seen?.memberPermissions?.has(PermissionFlagsBits.ManageChannels)).toBe(false);
    expect(seen?.locale).toBe('en-US');
    expect(server.violations).toEqual([]);
  });

  it('routes subcommands and reports the member permissions the test asks for', async () => {
    const seen: { subcommand: string; canManage: boolean | undefined }[] = [];
    onCommand(async (interaction) => {
      seen.push({ subcommand: interaction.options.getSubcommand(), canManage: interaction.memberPermissions?.has(PermissionFlagsBits.ManageChannels) });
      await interaction.reply({ content: 'Topic added', flags: MessageFlags.Ephemeral });
    });
    const moderator = server.guild().members.moderator ?? '';
    const fromModerator = await server.sendSlashCommand({ name: 'topics add', userId: moderator, options: { keyword: 'ceasefire' } });
    await server.sendSlashCommand({ name: 'topics add', options: { keyword: 'Istanbul' }, memberPermissions: ['ViewChannel', 'SendMessages'] });

    expect(seen).toEqual([
      { subcommand: 'add', canManage: true },
      { subcommand: 'add', canManage: false },
    ]);
    expect((fromModerator.original?.current.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(server.violations).toEqual([]);
  });

  it('rejects options the registered command does not accept', async () => {
    await expect(server.sendSlashCommand({ name: 'whosaid', options: { speaker: 'Putin', days: 1.5 } })).rejects.toThrow(/expects an integer/);
    await expect(server.sendSlashCommand({ name: 'whosaid', options: { days: 3 } })).rejects.toThrow(/required option "speaker"/);
    await expect(server.sendSlashCommand({ name: 'unknown' })).rejects.toThrow(/not registered/);
    expect(server.violations).toEqual([]);
  });

  it('records a deferred reply, its edit and a follow-up', async () => {
    onCommand(async (interaction) => {
      await interaction.deferReply();
      await interaction.editReply('Found 3 quotes by Lavrov');
      await interaction.followUp({ content: 'More in the daily digest.' });
    });
    const deferred = await server.sendSlashCommand({ name: 'whosaid', options: { speaker: 'Lavrov' }, until: 'acknowledged' });
    const record = await server.waitFor(() => deferred.followUps.length === 1 && deferred, { description: 'the follow-up' });

    expect(record.response?.type).toBe(5);
    expect(record.original?.history.map((version) => version.flags)).toEqual([MessageFlags.Loading]);
    expect(record.original?.current.content).toBe('Found 3 quotes by Lavrov');
    expect(record.followUps[0]?.current.content).toBe('More in the daily digest.');
    expect(server.violations).toEqual([]);
  });

  it('returns the callback resource when the bot asks for it', async () => {
    let fetched: string | undefined;
    onCommand(async (interaction) => {
      const response = await interaction.reply({ content: 'Working on it', withResponse: true });
      fetched = response.resource?.message?.content;
      const original = await interaction.fetchReply();
      await interaction.editReply(`${original.content}: done`);
    });
    const record = await server.sendSlashCommand({ name: 'whosaid', options: { speaker: 'Witkoff' } });
    await server.waitFor(() => record.original?.history.length === 1);
    expect(fetched).toBe('Working on it');
    expect(record.original?.current.content).toBe('Working on it: done');
    expect(server.violations).toEqual([]);
  });

  it('still meets the deadline when the callback is rate limited once', async () => {
    onCommand((interaction) => interaction.reply('Quotes by Yermak'));
    server.failNext({ route: 'POST /interactions/:id/:token/callback', status: 429, retryAfter: 0.05 });
    const record = await server.sendSlashCommand({ name: 'whosaid', options: { speaker: 'Yermak' } });
    expect(record.status).toBe('acknowledged');
    expect(server.requests.filter((request) => request.route?.endsWith('/callback')).map((request) => request.status)).toEqual([429, 204]);
    expect(server.violations).toEqual([]);
  });

  it('records autocomplete choices', async () => {
    client.on(Events.InteractionCreate, (interaction) => {
      if (!interaction.isAutocomplete()) return;
      const typed = interaction.options.getFocused().toLowerCase();
      const speakers = ['Volodymyr Zelensky', 'Vladimir Putin', 'Sergey Lavrov'].filter((name) => name.toLowerCase().includes(typed));
      void interaction.respond(speakers.map((name) => ({ name, value: name })));
    });
    const record = await server.sendAutocomplete({ name: 'whosaid', options: { speaker: 'Vl' }, focused: 'speaker' });
    expect(record.choices).toEqual([{ name: 'Vladimir Putin', value: 'Vladimir Putin' }]);
    expect(server.violations).toEqual([]);
  });

  it('refuses a second acknowledgement', async () => {
    const secondAttempt = new Promise<unknown>((resolve) => {
      onCommand(async (interaction) => {
        await interaction.reply('first');
        // discord.js guards against this itself, so go around it as a buggy bot could.
        const route = Routes.interactionCallback(interaction.id, interaction.token);
        resolve(await client.rest.post(route, { body: { type: 4, data: { content: 'second' } }, auth: false }).catch((error: unknown) => error));
      });
    });
    await server.sendSlashCommand({ name: 'whosaid', options: { speaker: 'Erdogan' } });
    const secondError = await secondAttempt;
    expect(secondError).toBeInstanceOf(DiscordAPIError);
    expect((secondError as DiscordAPIError).code).toBe(40060);
    expect(server.violations.map((violation) => violation.kind)).toEqual(['double-acknowledgement']);
  });

  it('flags a reply that would ping when the bot sets no allowed_mentions', async () => {
    await client.destroy();
    client = await connectTestClient(server, { allowedMentions: undefined });
    onCommand((interaction) => interaction.reply('@everyone talks resume in Geneva'));
    await server.sendSlashCommand({ name: 'whosaid', options: { speaker: 'Umerov' } });
    expect(server.violations.map((violation) => violation.kind)).toEqual(['unsafe-mentions']);
  });
});

describe('buttons', () => {
  it('updates the message whose button was clicked', async () => {
    const sources = new ButtonBuilder().setCustomId('sources:42').setLabel('Sources').setStyle(ButtonStyle.Secondary);
    const channel = (await client.channels.fetch(server.guild().channels['news-alerts'] ?? '')) as TextChannel;
    const alert = await channel.send({
      content: 'Talks resume in Istanbul',
      components: [new ActionRowBuilder<ButtonBuilder>().addComponents(sources)],
    });
    client.on(Events.InteractionCreate, (interaction) => {
      if (interaction.isButton()) void interaction.update({ content: `${interaction.message.content}\nSources: Reuters, Meduza`, components: [] });
    });

    const record = await server.sendButtonClick({ messageId: alert.id, customId: 'sources:42' });

    expect(record.response?.type).toBe(7);
    expect(record.original?.id).toBe(alert.id);
    expect(record.original?.current.content).toBe('Talks resume in Istanbul\nSources: Reuters, Meduza');
    expect(record.original?.current.components).toEqual([]);
    await expect(server.sendButtonClick({ messageId: alert.id, customId: 'missing' })).rejects.toThrow(/no component/);
    expect(server.violations).toEqual([]);
  });
});

describe('the acknowledgement deadline', () => {
  it('records a late acknowledgement and answers Unknown interaction, on a fake clock', async () => {
    await client.destroy();
    await server.close();
    let clock = Date.parse('2025-08-18T09:00:00Z');
    server = await startDiscordServer({ now: () => clock });
    client = await connectTestClient(server);
    await client.application.commands.set([WHOSAID], server.guild().id);
    const lateReply = new Promise<unknown>((resolve) => {
      onCommand(async (interaction) => {
        clock += 3_100;
        resolve(await interaction.reply('too late').catch((error: unknown) => error));
      });
    });
    const record = await server.sendSlashCommand({ name: 'whosaid', options: { speaker: 'Rubio' } });
    const replyError = await lateReply;

    expect(record.status).toBe('late');
    expect((replyError as DiscordAPIError).code).toBe(10062);
    expect(server.violations.map((violation) => violation.kind)).toEqual(['late-acknowledgement']);
  });

  it('records an interaction the bot never answers', async () => {
    await client.destroy();
    await server.close();
    server = await startDiscordServer({ ackDeadlineMs: 50 });
    client = await connectTestClient(server);
    await client.application.commands.set([WHOSAID], server.guild().id);
    const record = await server.sendSlashCommand({ name: 'whosaid', options: { speaker: 'Kellogg' } });
    expect(record.status).toBe('unanswered');
    expect(server.violations.map((violation) => violation.kind)).toEqual(['unacknowledged-interaction']);
  });
});

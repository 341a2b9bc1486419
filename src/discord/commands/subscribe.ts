import {
  ChannelType,
  InteractionContextType,
  PermissionFlagsBits,
  PermissionsBitField,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
} from 'discord.js';
import { z } from 'zod';
import { subscriptionInputSchema, type SubscriptionInput } from '../../store/subscriptions.js';
import { optionErrorText } from '../../text/user-errors.js';
import { escapeAndFit } from '../render/discord-text.js';
import { CommandError, type SlashCommand } from '../interactions.js';
import { knownTimeZones, personChoices, timeZoneChoices, topicChoices } from './choices.js';
import { parseOption, requireGuild, requireMemberPermission, requirePerson, requireTopic } from './options.js';
import { postAsFor, threadPermissionWarning } from './post-as.js';
import { reply } from './replies.js';
import { describeSubscription } from './subscriptions.js';
import { pingReplyText, requirePingRole } from './ping-role.js';

const DEFAULT_TIME = '08:00';
const DEFAULT_ZONE = 'UTC';
const POST_PERMISSIONS = [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages, PermissionFlagsBits.EmbedLinks];

/** Which option each field of the subscription comes from, to name it in an error. */
const OPTION_OF_FIELD: Record<string, string> = {
  channelId: 'channel', mode: 'mode', digestTime: 'time', timezone: 'timezone',
  pingRoleId: 'ping', style: 'style', quietHours: 'quiet', minOutlets: 'min_outlets',
};

const data = new SlashCommandBuilder()
  .setName('subscribe')
  .setDescription('Have wirewatch post alerts or a daily digest in a channel')
  .setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((subcommand) =>
    subcommand
      .setName('topic')
      .setDescription('Alerts and/or a daily digest about a topic')
      .addStringOption((option) => option.setName('topic').setDescription('The topic (see /topics)').setRequired(true).setAutocomplete(true))
      .addChannelOption((option) =>
        option
          .setName('channel')
          .setDescription('Where to post (default: this channel); in a forum, each story is a post')
          .addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.GuildForum),
      )
      .addStringOption((option) =>
        option
          .setName('mode')
          .setDescription('Alerts as news breaks, a daily digest, or both (default: alerts)')
          .addChoices({ name: 'alerts', value: 'alerts' }, { name: 'digest', value: 'digest' }, { name: 'both', value: 'both' }),
      )
      .addStringOption((option) => option.setName('time').setDescription('Digest time, HH:MM in 24-hour time (default 08:00)'))
      .addStringOption((option) => option.setName('timezone').setDescription('Time zone of the digest time and quiet hours, e.g. Europe/Kyiv (default UTC)').setAutocomplete(true))
      // Alert presentation (issue 20): a role to ping, full or compact.
      .addRoleOption((option) => option.setName('ping').setDescription('A role to mention in each new alert (never @everyone; edits do not ping again)'))
      .addStringOption((option) =>
        option
          .setName('style')
          .setDescription('full: an embed with summary, quote and image; compact: one line (default: full)')
          .addChoices({ name: 'full', value: 'full' }, { name: 'compact', value: 'compact' }),
      )
      // Delivery options: when alerts wait.
      .addStringOption((option) => option.setName('quiet').setDescription('Quiet hours in the time zone, e.g. 22:00-07:00: alerts wait for the digest or the end'))
      .addIntegerOption((option) => option.setName('min_outlets').setDescription('Alert a story only once this many outlets reported it (2–10)').setMinValue(2).setMaxValue(10))
      .addBooleanOption((option) => option.setName('threads').setDescription('Start a thread on each alert for later outlets and quotes (text channels)'))
      .addBooleanOption((option) => option.setName('blindspots').setDescription('Digests list stories only one side covered (default: false)'))
      .addBooleanOption((option) => option.setName('chart').setDescription('Attach a chart of the topic’s week to Monday’s digest (default: no)')),
  )
  .addSubcommand((subcommand) =>
    subcommand
      .setName('person')
      .setDescription('An alert whenever this person is newly quoted')
      .addStringOption((option) => option.setName('person').setDescription('Who to follow').setRequired(true).setAutocomplete(true))
      .addChannelOption((option) =>
        option.setName('channel').setDescription('Where to post (default: this channel)').addChannelTypes(ChannelType.GuildText, ChannelType.GuildAnnouncement),
      ),
  );

export const subscribeCommand: SlashCommand = {
  data,
  async execute(interaction, context) {
    const guildId = requireGuild(interaction);
    requireMemberPermission(interaction, PermissionFlagsBits.ManageChannels, 'change what wirewatch posts in this server');
    const kind = interaction.options.getSubcommand(true) === 'person' ? 'person' : 'topic';
    const channelId = requirePostingChannel(interaction, guildId);
    const target = kind === 'topic'
      ? await requireTopic(context, guildId, interaction.options.getString('topic', true))
      : requirePerson(context, interaction.options.getString('person', true));
    const ping = kind === 'topic' ? await requirePingRole(interaction, guildId, channelId) : null;
    const postAs = kind === 'topic' ? postAsFor(interaction, channelId) : 'message';
    const input = {
      guildId,
      channelId,
      kind,
      target: target.id,
      mode: kind === 'person' ? 'alerts' : interaction.options.getString('mode') ?? 'alerts',
      digestTime: interaction.options.getString('time')?.trim() ?? DEFAULT_TIME,
      timezone: canonicalTimeZone(interaction.options.getString('timezone')?.trim() ?? DEFAULT_ZONE),
      quietNote: false,
      blindspots: interaction.options.getBoolean('blindspots') ?? false,
      chart: kind === 'topic' && interaction.options.getBoolean('chart') === true,
      createdBy: interaction.user.id,
      ...(kind === 'topic' ? { pingRoleId: ping?.id ?? null, style: interaction.options.getString('style') ?? 'full' } : {}),
      ...deliveryOptions(interaction),
      postAs,
    };
    const subscription = await context.stores.subscriptions.add(validSubscription(input), context.now());
    const needed = subscription.chart ? [...POST_PERMISSIONS, PermissionFlagsBits.AttachFiles] : POST_PERMISSIONS;
    const warning = botCannotPost(interaction, channelId, needed)
      ? `\n\n**Note:** wirewatch cannot post ${subscription.chart ? 'embeds and charts' : 'embeds'} in that channel yet: give it View Channel, Send Messages${subscription.chart ? ', Embed Links and Attach Files' : ' and Embed Links'} there.`
      : threadPermissionWarning(interaction, channelId, postAs);
    await interaction.reply(
      reply({ content: `Subscribed <#${channelId}>: ${escapeAndFit(await describeSubscription(subscription, context), 400)}.${pingReplyText(ping)}${warning}` }, true),
    );
  },
  async autocomplete(interaction, context) {
    const focused = interaction.options.getFocused(true);
    if (focused.name === 'topic') await interaction.respond(await topicChoices(context, interaction.guildId, focused.value));
    else if (focused.name === 'person') await interaction.respond(personChoices(context, focused.value));
    else if (focused.name === 'timezone') await interaction.respond(timeZoneChoices(focused.value));
  },
};

/** min_outlets as the command takes it; 1 (alert at once) is what leaving it out means. */
const minOutletsSchema = z.number().int().min(2, optionErrorText('min-outlets')).max(10, optionErrorText('min-outlets'));

/** Quiet hours and min_outlets (absent: none); the store's schema checks the quiet window. */
function deliveryOptions(interaction: ChatInputCommandInteraction): { quietHours: string | null; minOutlets: number } {
  const minOutlets = interaction.options.getInteger('min_outlets');
  return {
    quietHours: interaction.options.getString('quiet')?.trim() ?? null,
    minOutlets: minOutlets === null ? 1 : parseOption(minOutletsSchema, minOutlets, 'min_outlets'),
  };
}

/** Validates with the store's schema; a problem names the option to change. */
export function validSubscription(input: unknown): SubscriptionInput {
  const parsed = subscriptionInputSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const option = OPTION_OF_FIELD[String(issue?.path[0])] ?? String(issue?.path[0] ?? 'options');
  throw new CommandError(`\`${option}\`: ${issue?.message ?? 'invalid value'}.`);
}

/**
 * The zone's usual spelling: "europe/berlin" → "Europe/Berlin". A newer name the runtime knows only as an alias
 * keeps the name typed ("europe/kyiv" → "Europe/Kyiv", not the older "Europe/Kiev"). The schema refuses unknown zones.
 */
export function canonicalTimeZone(zone: string): string {
  const known = knownTimeZones().find((candidate) => candidate.toLowerCase() === zone.toLowerCase());
  if (known) return known;
  return zone.replace(/(^|[/_-])([a-z])/gu, (_all, separator: string, letter: string) => separator + letter.toUpperCase());
}

/**
 * The channel to post in: this one, or the one named, which must be a channel of this server that the member can
 * view. A moderator cannot point wirewatch at another server's channel, nor at one they cannot read themselves.
 */
function requirePostingChannel(interaction: ChatInputCommandInteraction, guildId: string): string {
  const named = interaction.options.getChannel('channel');
  if (named === null) return interaction.channelId;
  // The client's own record of the channel: discord.js files a channel named in an interaction under the
  // interaction's guild, but a channel it already knew keeps its real guild.
  const known = interaction.client.channels.cache.get(named.id);
  if (!known || !('guildId' in known) || known.guildId !== guildId) {
    throw new CommandError('`channel`: that is not a channel of this server. Pick one of this server’s text or forum channels.');
  }
  const memberPermissions = 'permissions' in named && named.permissions instanceof PermissionsBitField ? named.permissions : null;
  if (!memberPermissions?.has(PermissionFlagsBits.ViewChannel)) {
    throw new CommandError(`\`channel\`: you cannot view <#${named.id}> yourself, so you cannot subscribe it. Pick a channel you can read.`);
  }
  return named.id;
}

/** True when the client's cache shows wirewatch lacks a permission it needs to post there (unknown: false). */
function botCannotPost(interaction: ChatInputCommandInteraction, channelId: string, needed: readonly bigint[]): boolean {
  const me = interaction.guild?.members.me;
  const channel = interaction.guild?.channels.cache.get(channelId);
  if (!me || !channel) return false;
  return !channel.permissionsFor(me).has([...needed]);
}


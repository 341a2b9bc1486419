import { InteractionContextType, SlashCommandBuilder, type Guild } from 'discord.js';
import type { Subscription } from '../../store/subscriptions.js';
import { quietHoursText } from '../../text/quiet-hours.js';
import type { BotContext } from '../context.js';
import { escapeAndFit } from '../render/discord-text.js';
import type { SlashCommand } from '../interactions.js';
import { requireGuild } from './options.js';
import { fitLines, reply, simpleEmbed } from './replies.js';

/** "Topic: Crimea · alerts and digest at 08:00 Europe/Kyiv", the target's name looked up in the catalogue and people. */
export async function describeSubscription(subscription: Subscription, context: BotContext): Promise<string> {
  const target = subscription.kind === 'topic'
    ? `Topic: ${(await context.topics.resolve(subscription.guildId, subscription.target))?.definition.name ?? subscription.target}`
    : `Person: ${context.people.find((person) => person.id === subscription.target)?.name ?? subscription.target}`;
  const digest = `digest at ${subscription.digestTime} ${subscription.timezone}`;
  const withBlindspots = subscription.blindspots && subscription.mode !== 'alerts' ? `${digest} (with blindspots)` : digest;
  const mode = subscription.mode === 'alerts' ? 'alerts' : subscription.mode === 'digest' ? withBlindspots : `alerts and ${withBlindspots}`;
  const chart = subscription.chart && subscription.mode !== 'alerts' ? ' · the week’s chart on Mondays' : '';
  const quiet = subscription.quietHours ? ` · quiet ${quietHoursText(subscription.quietHours)} ${subscription.timezone}` : '';
  const spread = subscription.minOutlets > 1 ? ` · once ${subscription.minOutlets} outlets report a story` : '';
  return `${target} · ${mode}${chart}${subscription.style === 'compact' ? ' · compact alerts' : ''}${POSTED_AS[subscription.postAs]}${quiet}${spread}`;
}

const POSTED_AS: Record<Subscription['postAs'], string> = { message: '', thread: ' · a thread on each alert', 'forum-post': ' · as forum posts' };

/** The channel's name for plain-text places (autocomplete), or its id when the cache does not know it. */
export function channelLabel(guild: Guild | null, channelId: string): string {
  const channel = guild?.channels.cache.get(channelId);
  return channel ? `#${channel.name}` : `channel ${channelId}`;
}

export async function renderSubscriptionList(subscriptions: readonly Subscription[], context: BotContext) {
  if (subscriptions.length === 0) {
    return simpleEmbed('Subscriptions', 'This server has no subscriptions yet. Use /subscribe topic or /subscribe person to add one.');
  }
  const lines = await Promise.all(
    subscriptions.map(async (subscription) => {
      const paused = subscription.pausedAt === null ? '' : ` · **paused**: ${escapeAndFit(subscription.pausedReason ?? 'no reason given', 200)}`;
      // A role mention in an embed shows the role and pings nobody.
      const ping = subscription.pingRoleId === null ? '' : ` · pings <@&${subscription.pingRoleId}>`;
      return `\`${subscription.id}\` <#${subscription.channelId}> · ${escapeAndFit(await describeSubscription(subscription, context), 300)}${ping}${paused}`;
    }),
  );
  return simpleEmbed(`Subscriptions (${subscriptions.length})`, fitLines(lines));
}

export const subscriptionsCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('subscriptions')
    .setDescription('List what wirewatch posts in this server, channel by channel')
    .setContexts(InteractionContextType.Guild),
  async execute(interaction, context) {
    const guildId = requireGuild(interaction);
    const subscriptions = await context.stores.subscriptions.listForGuild(guildId);
    await interaction.reply(reply({ embeds: [await renderSubscriptionList(subscriptions, context)] }, true));
  },
};

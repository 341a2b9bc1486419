import { ChannelType, PermissionFlagsBits, type Client, type GuildMember, type NonThreadGuildBasedChannel } from 'discord.js';
import type { ChannelGuilds, GuildNoticeChannels } from './worker.js';

const NEEDED = [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages, PermissionFlagsBits.EmbedLinks];

/**
 * Finds where to tell a guild something, from the client's cache: the system channel when wirewatch can post
 * embeds there, else the first text channel (in the guild's order) where it can.
 */
export function clientNoticeChannels(client: Client): GuildNoticeChannels {
  return {
    async findNoticeChannel(guildId, unavailableChannelId) {
      const guild = client.guilds.cache.get(guildId);
      const me = guild?.members.me;
      if (!guild || !me) return null;
      const canPost = (channel: NonThreadGuildBasedChannel | null): channel is NonThreadGuildBasedChannel =>
        channel !== null && channel.id !== unavailableChannelId && isTextChannel(channel) && canSendEmbeds(channel, me);
      if (canPost(guild.systemChannel)) return guild.systemChannel.id;
      // discord.js files a channel named in an interaction under the interaction's guild too: check the channel's own.
      const candidates = [...guild.channels.cache.values()]
        .filter((channel): channel is NonThreadGuildBasedChannel => !channel.isThread() && channel.guildId === guildId)
        .filter(canPost)
        .sort((a, b) => a.rawPosition - b.rawPosition || a.id.localeCompare(b.id));
      return candidates[0]?.id ?? null;
    },
  };
}

/** The channel's guild from the client's cache (filled by the gateway), else from Discord; null when unknown there. */
export function clientChannelGuilds(client: Client): ChannelGuilds {
  return {
    async guildOf(channelId) {
      const channel = client.channels.cache.get(channelId) ?? (await client.channels.fetch(channelId, { cache: false }).catch(unknownChannel));
      return channel && 'guildId' in channel ? channel.guildId : null;
    },
  };
}

/** Discord's "Unknown Channel" and "Missing Access" mean no channel wirewatch can post in; other errors are retried. */
function unknownChannel(error: unknown): null {
  const code = (error as { code?: unknown }).code;
  if (code === 10003 || code === 50001) return null;
  throw error;
}

function isTextChannel(channel: NonThreadGuildBasedChannel): boolean {
  return channel.type === ChannelType.GuildText || channel.type === ChannelType.GuildAnnouncement;
}

function canSendEmbeds(channel: NonThreadGuildBasedChannel, me: GuildMember): boolean {
  return channel.permissionsFor(me).has(NEEDED);
}

import { ChannelType, PermissionFlagsBits, type Client, type GuildMember, type NonThreadGuildBasedChannel } from 'discord.js';
import type { GuildNoticeChannels } from './worker.js';

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
      const candidates = [...guild.channels.cache.values()]
        .filter((channel): channel is NonThreadGuildBasedChannel => !channel.isThread())
        .filter(canPost)
        .sort((a, b) => a.rawPosition - b.rawPosition || a.id.localeCompare(b.id));
      return candidates[0]?.id ?? null;
    },
  };
}

function isTextChannel(channel: NonThreadGuildBasedChannel): boolean {
  return channel.type === ChannelType.GuildText || channel.type === ChannelType.GuildAnnouncement;
}

function canSendEmbeds(channel: NonThreadGuildBasedChannel, me: GuildMember): boolean {
  return channel.permissionsFor(me).has(NEEDED);
}

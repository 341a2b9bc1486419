import { ChannelType, PermissionFlagsBits, Routes, type APIUser, type Client, type Guild, type GuildMember, type NonThreadGuildBasedChannel } from 'discord.js';
import type { ChannelGuilds, GuildNoticeChannels } from './worker.js';

const NEEDED = [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.SendMessages, PermissionFlagsBits.EmbedLinks];

/**
 * Finds where to tell a guild something: the system channel when wirewatch can post embeds there, else the first
 * text channel (in the guild's order) where it can. From the client's cache, filled by the gateway; a guild on a
 * shard another instance holds (or any guild, without a gateway) is read from Discord over REST.
 */
export function clientNoticeChannels(client: Client): GuildNoticeChannels {
  return {
    async findNoticeChannel(guildId, unavailableChannelId) {
      const found = await guildWithMe(client, guildId);
      if (!found) return null;
      const { guild, me } = found;
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
      // allowUnknownGuild: the channel's guild may be on a shard another instance holds, so not in this cache.
      const channel =
        client.channels.cache.get(channelId) ?? (await client.channels.fetch(channelId, { cache: false, allowUnknownGuild: true }).catch(notVisible));
      return channel && 'guildId' in channel ? channel.guildId : null;
    },
  };
}

/** The guild and wirewatch's member in it: from the cache, else from Discord; null when wirewatch is not in it. */
async function guildWithMe(client: Client, guildId: string): Promise<{ guild: Guild; me: GuildMember } | null> {
  const cached = client.guilds.cache.get(guildId);
  if (cached) return cached.members.me ? { guild: cached, me: cached.members.me } : null;
  const guild = await client.guilds.fetch({ guild: guildId, cache: false }).catch(notVisible);
  if (!guild) return null;
  await guild.channels.fetch();
  const me = await guild.members.fetch({ user: await botUserId(client), cache: false }).catch(notVisible);
  return me ? { guild, me } : null;
}

/** wirewatch's own user id. Without a gateway the client never learnt its own user: then Discord is asked who it is. */
export async function botUserId(client: Client): Promise<string> {
  return client.user?.id ?? ((await client.rest.get(Routes.user())) as APIUser).id;
}

/** Discord's "Unknown Channel/Guild/Member" and "Missing Access" mean nothing wirewatch can post in; other errors are retried. */
function notVisible(error: unknown): null {
  const code = (error as { code?: unknown }).code;
  if (code === 10003 || code === 10004 || code === 10007 || code === 50001) return null;
  throw error;
}

function isTextChannel(channel: NonThreadGuildBasedChannel): boolean {
  return channel.type === ChannelType.GuildText || channel.type === ChannelType.GuildAnnouncement;
}

function canSendEmbeds(channel: NonThreadGuildBasedChannel, me: GuildMember): boolean {
  return channel.permissionsFor(me).has(NEEDED);
}

import { ChannelType, PermissionFlagsBits, type ChatInputCommandInteraction } from 'discord.js';
import type { PostAs } from '../../store/subscriptions.js';
import { CommandError } from '../interactions.js';

/** What a thread or forum post needs beyond posting a message (View, Send Messages, Embed Links). */
const THREAD_PERMISSIONS = [PermissionFlagsBits.CreatePublicThreads, PermissionFlagsBits.SendMessagesInThreads];

/**
 * How a subscription of this channel posts: a forum channel takes each story as a forum post; `threads:true`
 * starts a thread on each alert in a text channel; otherwise plain messages.
 */
export function postAsFor(interaction: ChatInputCommandInteraction, channelId: string): PostAs {
  const channel = interaction.client.channels.cache.get(channelId);
  if (channel?.type === ChannelType.GuildForum) {
    if ((interaction.options.getString('mode') ?? 'alerts') !== 'alerts') {
      throw new CommandError('`mode`: a forum channel takes alerts, each story as a post; send the digest to a text channel.');
    }
    if (interaction.options.getString('quiet') !== null) {
      // Alerts held in quiet hours are listed in one message when the hours end, and a forum takes posts only.
      throw new CommandError('`quiet`: a forum channel takes each story as a post and no other message, so alerts held in quiet hours could not be listed when they end. Use quiet hours in a text channel.');
    }
    return 'forum-post';
  }
  if (interaction.options.getBoolean('threads') !== true) return 'message';
  if (channel?.isThread()) throw new CommandError('`threads`: this is a thread already. Pick the text channel to start a thread in on each alert.');
  if (channel?.type === ChannelType.GuildAnnouncement) {
    throw new CommandError('`threads`: wirewatch starts threads in text channels and posts in forum channels, not in announcement channels. Pick a text or forum channel.');
  }
  return 'thread';
}

/** A line for the moderator when the client's cache shows wirewatch cannot start threads there (unknown: none). */
export function threadPermissionWarning(interaction: ChatInputCommandInteraction, channelId: string, postAs: PostAs): string {
  if (postAs !== 'thread') return '';
  const me = interaction.guild?.members.me;
  const channel = interaction.guild?.channels.cache.get(channelId);
  if (!me || !channel || channel.permissionsFor(me).has(THREAD_PERMISSIONS)) return '';
  return '\n\n**Note:** wirewatch cannot start threads there yet: give it Create Public Threads and Send Messages in Threads.';
}

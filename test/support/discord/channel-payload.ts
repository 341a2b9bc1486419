import { ChannelType } from 'discord-api-types/v10';
import type { APIGuildForumChannel, APINewsChannel, APIPublicThreadChannel, APITextChannel } from 'discord-api-types/v10';
import type { ChannelState, ThreadState } from './world.js';

/** A text, announcement or forum channel as Discord describes it. */
export function guildChannelPayload(channel: ChannelState): APITextChannel | APINewsChannel | APIGuildForumChannel {
  const common = {
    id: channel.id,
    guild_id: channel.guildId,
    name: channel.name,
    position: channel.position,
    permission_overwrites: channel.overwrites.map((overwrite) => ({ ...overwrite })),
    nsfw: false,
    topic: channel.topic,
    last_message_id: channel.lastMessageId,
    parent_id: null,
    rate_limit_per_user: 0,
    default_auto_archive_duration: 1440 as const,
    default_thread_rate_limit_per_user: 0,
    last_pin_timestamp: null,
    flags: 0,
  };
  if (channel.type === ChannelType.GuildForum) {
    const { last_pin_timestamp: _pins, ...forum } = common;
    return { ...forum, type: ChannelType.GuildForum, available_tags: structuredClone(channel.availableTags), default_reaction_emoji: null, default_sort_order: null, default_forum_layout: 0 };
  }
  return channel.type === ChannelType.GuildAnnouncement ? { ...common, type: ChannelType.GuildAnnouncement } : { ...common, type: ChannelType.GuildText };
}

/** A public thread (a forum post is one) as Discord describes it. */
export function threadPayload(channel: ChannelState, thread: ThreadState): APIPublicThreadChannel {
  return {
    id: channel.id,
    guild_id: channel.guildId,
    name: channel.name,
    type: ChannelType.PublicThread,
    parent_id: thread.parentId,
    owner_id: thread.ownerId,
    last_message_id: channel.lastMessageId,
    applied_tags: [...thread.appliedTags],
    thread_metadata: { archived: false, auto_archive_duration: 1440, archive_timestamp: thread.createdAt, locked: false, create_timestamp: thread.createdAt },
    message_count: 0,
    member_count: 1,
    rate_limit_per_user: 0,
  };
}

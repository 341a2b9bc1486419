import {
  ChannelType,
  Locale,
  OverwriteType,
  PermissionFlagsBits,
} from 'discord-api-types/v10';
import type {
  APIAttachment,
  APIGuildForumChannel,
  APIGuildMember,
  APIPublicThreadChannel,
  APITextChannel,
  APINewsChannel,
  APIUser,
  GuildMemberFlags,
  UserFlags,
} from 'discord-api-types/v10';
import { guildChannelPayload, threadPayload } from './channel-payload.js';
import type { SnowflakeFactory } from './ids.js';
import {
  DEFAULT_BOT_PERMISSIONS,
  DEFAULT_EVERYONE_PERMISSIONS,
  effectivePermissions,
  permissionBits,
} from './permissions.js';
import type { PermissionName } from './permissions.js';
import type { MentionGuild } from './validation.js';
import type { ChannelSeed, MemberSeed, GuildSeed, ChannelPermissionSwitches, UserState, RoleState, RoleSeed, ChannelState, GuildState } from './world-types.js';

export type { ChannelPermissionSwitches, ChannelSeed, ChannelState, GuildSeed, GuildState, MemberSeed, RoleSeed, RoleState, ThreadState, UserState } from './world-types.js';

// discord-api-types has no zero member in these flag enums; Discord sends 0 for "no flags".
const NO_USER_FLAGS = 0 as UserFlags;
const NO_MEMBER_FLAGS = 0 as GuildMemberFlags;

const SWITCH_BITS: Record<keyof ChannelPermissionSwitches, bigint> = {
  view: PermissionFlagsBits.ViewChannel,
  send: PermissionFlagsBits.SendMessages,
  embedLinks: PermissionFlagsBits.EmbedLinks,
  attachFiles: PermissionFlagsBits.AttachFiles,
  readHistory: PermissionFlagsBits.ReadMessageHistory,
  mentionEveryone: PermissionFlagsBits.MentionEveryone,
  createPublicThreads: PermissionFlagsBits.CreatePublicThreads,
};

const CHANNEL_TYPES = { text: ChannelType.GuildText, announcement: ChannelType.GuildAnnouncement, forum: ChannelType.GuildForum } as const;

/** The guilds, channels, users and roles the fake Discord knows about. */
export class World {
  readonly users = new Map<string, UserState>();
  readonly guilds = new Map<string, GuildState>();
  readonly channels = new Map<string, ChannelState>();
  /** Every uploaded file as Discord describes it, by id: what an attachment option resolves to. */
  readonly attachments = new Map<string, APIAttachment>();

  constructor(
    private readonly ids: SnowflakeFactory,
    readonly bot: UserState,
  ) {
    this.users.set(bot.id, bot);
  }

  createUser(seed: MemberSeed, bot = false): UserState {
    const user: UserState = {
      id: seed.id ?? this.ids.next(),
      username: seed.username,
      globalName: seed.globalName ?? null,
      bot,
      locale: seed.locale ?? Locale.EnglishUS,
    };
    this.users.set(user.id, user);
    return user;
  }

  createGuild(seed: GuildSeed): GuildState {
    const id = seed.id ?? this.ids.next();
    const owner = this.createUser({ username: `${slug(seed.name)}-owner` });
    const now = new Date().toISOString();
    const guild: GuildState = {
      id,
      name: seed.name,
      ownerId: owner.id,
      locale: seed.locale ?? Locale.EnglishUS,
      roles: new Map(),
      members: new Map(),
      channelIds: [],
      joinedAt: now,
    };
    // The @everyone role shares the guild's id, as on Discord.
    guild.roles.set(id, {
      id,
      name: '@everyone',
      permissions: permissionBits(DEFAULT_EVERYONE_PERMISSIONS),
      position: 0,
      managed: false,
      mentionable: false,
    });
    this.guilds.set(id, guild);
    guild.members.set(owner.id, { userId: owner.id, roleIds: [], joinedAt: now });
    const botRole = this.addRole(guild, this.bot.username, seed.botPermissions ?? DEFAULT_BOT_PERMISSIONS, true);
    guild.members.set(this.bot.id, { userId: this.bot.id, roleIds: [botRole.id], joinedAt: now });
    for (const channel of seed.channels ?? [{ name: 'general' }]) this.createChannel(id, channel);
    for (const member of seed.members ?? []) this.addMember(id, member);
    return guild;
  }

  createChannel(guildId: string, seed: ChannelSeed): ChannelState {
    const guild = this.requireGuild(guildId);
    const channel: ChannelState = {
      id: seed.id ?? this.ids.next(),
      guildId,
      name: seed.name,
      type: CHANNEL_TYPES[seed.kind ?? 'text'],
      topic: seed.topic ?? null,
      position: guild.channelIds.length,
      overwrites: [],
      lastMessageId: null,
      availableTags: (seed.tags ?? []).map((name) => ({ id: this.ids.next(), name, moderated: false, emoji_id: null, emoji_name: null })),
      thread: null,
    };
    guild.channelIds.push(channel.id);
    this.channels.set(channel.id, channel);
    return channel;
  }

  /** A public thread in `parent` (a thread started from a message takes the message's id, as on Discord). */
  createThread(parent: ChannelState, seed: { id?: string; name: string; ownerId: string; appliedTags?: readonly string[]; createdAt: number }): ChannelState {
    const thread: ChannelState = {
      id: seed.id ?? this.ids.next(),
      guildId: parent.guildId,
      name: seed.name,
      type: ChannelType.PublicThread,
      topic: null,
      position: 0,
      overwrites: [],
      lastMessageId: null,
      availableTags: [],
      thread: { parentId: parent.id, ownerId: seed.ownerId, appliedTags: [...(seed.appliedTags ?? [])], createdAt: new Date(seed.createdAt).toISOString() },
    };
    this.channels.set(thread.id, thread);
    return thread;
  }

  /** The threads started in a channel or forum, oldest first. */
  threadsIn(parentId: string): ChannelState[] {
    return [...this.channels.values()].filter((channel) => channel.thread?.parentId === parentId);
  }

  addMember(guildId: string, seed: MemberSeed): UserState {
    const guild = this.requireGuild(guildId);
    const user = this.users.get(seed.id ?? '') ?? this.createUser(seed);
    const roleIds = seed.permissions === undefined ? [] : [this.addRole(guild, seed.username, seed.permissions, false).id];
    guild.members.set(user.id, { userId: user.id, roleIds, joinedAt: new Date().toISOString() });
    return user;
  }

  createRole(guildId: string, seed: RoleSeed): RoleState {
    const role = this.addRole(this.requireGuild(guildId), seed.name, 0n, false);
    role.mentionable = seed.mentionable ?? false;
    return role;
  }

  /** Sets a member overwrite on the channel for `userId` (the bot by default). */
  setChannelPermissions(channelId: string, switches: ChannelPermissionSwitches, userId = this.bot.id): ChannelState {
    const channel = this.requireChannel(channelId);
    const existing = channel.overwrites.find((overwrite) => overwrite.id === userId);
    let allow = BigInt(existing?.allow ?? '0');
    let deny = BigInt(existing?.deny ?? '0');
    for (const [name, bit] of Object.entries(SWITCH_BITS) as [keyof ChannelPermissionSwitches, bigint][]) {
      const wanted = switches[name];
      if (!(name in switches)) continue;
      allow &= ~bit;
      deny &= ~bit;
      if (wanted === true) allow |= bit;
      if (wanted === false) deny |= bit;
    }
    channel.overwrites = channel.overwrites.filter((overwrite) => overwrite.id !== userId);
    if (allow !== 0n || deny !== 0n) {
      channel.overwrites.push({ id: userId, type: OverwriteType.Member, allow: allow.toString(), deny: deny.toString() });
    }
    return channel;
  }

  /** In a thread: the permissions its parent channel gives. */
  permissionsIn(channelId: string, userId: string): bigint {
    const found = this.requireChannel(channelId);
    const channel = found.thread ? this.requireChannel(found.thread.parentId) : found;
    const guild = this.requireGuild(channel.guildId);
    const member = guild.members.get(userId);
    if (!member) return 0n;
    return effectivePermissions({
      guildOwnerId: guild.ownerId,
      everyoneRoleId: guild.id,
      rolePermissions: new Map([...guild.roles.values()].map((role) => [role.id, role.permissions])),
      memberId: userId,
      memberRoleIds: member.roleIds,
      overwrites: channel.overwrites,
    });
  }

  /** The guild of a channel as the mention rules need it (null: no such channel). */
  mentionGuild(channelId: string): MentionGuild | null {
    const channel = this.channels.get(channelId);
    const guild = channel ? this.guilds.get(channel.guildId) : undefined;
    if (!channel || !guild) return null;
    const botMayMentionAll = (this.permissionsIn(channel.id, this.bot.id) & PermissionFlagsBits.MentionEveryone) !== 0n;
    return { id: guild.id, roleIds: new Set(guild.roles.keys()), notifies: (roleId) => botMayMentionAll || (guild.roles.get(roleId)?.mentionable ?? false) };
  }

  isMember(guildId: string, userId: string): boolean {
    return this.guilds.get(guildId)?.members.has(userId) ?? false;
  }

  requireGuild(guildId: string): GuildState {
    const guild = this.guilds.get(guildId);
    if (!guild) throw new Error(`Unknown guild ${guildId}: create it with createGuild() or the guilds option first.`);
    return guild;
  }

  requireChannel(channelId: string): ChannelState {
    const channel = this.channels.get(channelId);
    if (!channel) throw new Error(`Unknown channel ${channelId}: create it with createChannel() first.`);
    return channel;
  }

  requireUser(userId: string): UserState {
    const user = this.users.get(userId);
    if (!user) throw new Error(`Unknown user ${userId}: add them with addMember() first.`);
    return user;
  }

  apiUser(userId: string): APIUser {
    const user = this.requireUser(userId);
    return {
      id: user.id,
      username: user.username,
      global_name: user.globalName,
      discriminator: '0',
      avatar: null,
      ...(user.bot ? { bot: true } : {}),
      public_flags: NO_USER_FLAGS,
    };
  }

  apiMember(guildId: string, userId: string): APIGuildMember {
    const member = this.requireGuild(guildId).members.get(userId);
    if (!member) throw new Error(`User ${userId} is not a member of guild ${guildId}: add them with addMember().`);
    return {
      user: this.apiUser(userId),
      nick: null,
      avatar: null,
      roles: [...member.roleIds],
      joined_at: member.joinedAt,
      premium_since: null,
      deaf: false,
      mute: false,
      flags: NO_MEMBER_FLAGS,
      pending: false,
      communication_disabled_until: null,
    };
  }

  apiChannel(channelId: string): APITextChannel | APINewsChannel | APIGuildForumChannel | APIPublicThreadChannel {
    const channel = this.requireChannel(channelId);
    return channel.thread ? threadPayload(channel, channel.thread) : guildChannelPayload(channel);
  }

  /** A channel of the guild's list (not a thread). */
  apiGuildChannel(channelId: string): APITextChannel | APINewsChannel | APIGuildForumChannel {
    return guildChannelPayload(this.requireChannel(channelId));
  }

  private addRole(guild: GuildState, name: string, permissions: readonly PermissionName[] | bigint, managed: boolean): RoleState {
    const role: RoleState = {
      id: this.ids.next(),
      name,
      permissions: permissionBits(permissions),
      position: guild.roles.size,
      managed,
      mentionable: false,
    };
    guild.roles.set(role.id, role);
    return role;
  }
}

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'guild';
}

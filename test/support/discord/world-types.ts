import type { APIGuildForumTag, APIOverwrite, ChannelType, Locale } from 'discord-api-types/v10';
import type { PermissionName } from './permissions.js';

// The local Discord server's state: what tests seed (guilds, channels, members, roles) and what the world keeps.

export interface ChannelSeed {
  id?: string;
  name: string;
  kind?: 'text' | 'announcement' | 'forum';
  topic?: string;
  /** A forum's available tags, by name (forum channels only). */
  tags?: readonly string[];
}

export interface MemberSeed {
  id?: string;
  username: string;
  globalName?: string;
  /** Guild-wide permissions, given through a role of the member's own. Default: the @everyone permissions only. */
  permissions?: readonly PermissionName[] | bigint;
  locale?: Locale;
}

export interface GuildSeed {
  id?: string;
  name: string;
  locale?: Locale;
  channels?: readonly ChannelSeed[];
  members?: readonly MemberSeed[];
  /** The bot's guild-wide permissions (its managed role). Default: DEFAULT_BOT_PERMISSIONS. */
  botPermissions?: readonly PermissionName[] | bigint;
}

/** Tri-state switches for a channel overwrite: true allows, false denies, undefined inherits from roles. */
export interface ChannelPermissionSwitches {
  view?: boolean;
  send?: boolean;
  embedLinks?: boolean;
  attachFiles?: boolean;
  readHistory?: boolean;
  mentionEveryone?: boolean;
  createPublicThreads?: boolean;
}

export interface UserState {
  id: string;
  username: string;
  globalName: string | null;
  bot: boolean;
  locale: Locale;
}

export interface RoleState {
  id: string;
  name: string;
  permissions: bigint;
  position: number;
  managed: boolean;
  /** Anyone may @mention it; otherwise only members with Mention Everyone notify it. */
  mentionable: boolean;
}

/** A role to add to a guild (no member holds it: it exists to be mentioned). */
export interface RoleSeed {
  name: string;
  mentionable?: boolean;
}

export interface MemberState {
  userId: string;
  roleIds: string[];
  joinedAt: string;
}

export interface ChannelState {
  id: string;
  guildId: string;
  name: string;
  type: ChannelType.GuildText | ChannelType.GuildAnnouncement | ChannelType.GuildForum | ChannelType.PublicThread;
  topic: string | null;
  position: number;
  overwrites: APIOverwrite[];
  lastMessageId: string | null;
  /** A forum's tags (empty elsewhere). */
  availableTags: APIGuildForumTag[];
  /** Set on threads: the channel (or forum) it is in, who started it, its tags and when. */
  thread: ThreadState | null;
}

export interface ThreadState {
  parentId: string;
  ownerId: string;
  appliedTags: string[];
  createdAt: string;
}

export interface GuildState {
  id: string;
  name: string;
  ownerId: string;
  locale: Locale;
  roles: Map<string, RoleState>;
  members: Map<string, MemberState>;
  channelIds: string[];
  joinedAt: string;
}

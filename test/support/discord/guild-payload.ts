import {
  GuildDefaultMessageNotifications,
  GuildExplicitContentFilter,
  GuildMFALevel,
  GuildNSFWLevel,
  GuildPremiumTier,
  GuildSystemChannelFlags,
  GuildVerificationLevel,
} from 'discord-api-types/v10';
import type { APIRole, GatewayGuildCreateDispatchData, RoleFlags } from 'discord-api-types/v10';
import type { RoleState, World } from './world.js';

// discord-api-types has no zero member in RoleFlags; Discord sends 0 for "no flags".
const NO_ROLE_FLAGS = 0 as RoleFlags;

export function apiRoles(world: World, guildId: string): APIRole[] {
  return [...world.requireGuild(guildId).roles.values()].map((role) => apiRole(world, role));
}

export function apiRole(world: World, role: RoleState): APIRole {
  return {
    id: role.id,
    name: role.name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: role.position,
    permissions: role.permissions.toString(),
    managed: role.managed,
    mentionable: role.mentionable,
    flags: NO_ROLE_FLAGS,
    ...(role.managed ? { tags: { bot_id: world.bot.id } } : {}),
  };
}

export function guildCreatePayload(world: World, guildId: string): GatewayGuildCreateDispatchData {
  const guild = world.requireGuild(guildId);
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: GuildVerificationLevel.Low,
    default_message_notifications: GuildDefaultMessageNotifications.OnlyMentions,
    explicit_content_filter: GuildExplicitContentFilter.AllMembers,
    roles: apiRoles(world, guildId),
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: GuildMFALevel.None,
    application_id: null,
    system_channel_id: guild.channelIds[0] ?? null,
    system_channel_flags: GuildSystemChannelFlags.SuppressJoinNotificationReplies,
    rules_channel_id: null,
    vanity_url_code: null,
    premium_tier: GuildPremiumTier.None,
    premium_subscription_count: 0,
    preferred_locale: guild.locale,
    public_updates_channel_id: null,
    nsfw_level: GuildNSFWLevel.Default,
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    max_members: 500_000,
    joined_at: guild.joinedAt,
    large: false,
    unavailable: false,
    member_count: guild.members.size,
    voice_states: [],
    members: [...guild.members.keys()].map((userId) => world.apiMember(guildId, userId)),
    channels: guild.channelIds.map((channelId) => world.apiGuildChannel(channelId)),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

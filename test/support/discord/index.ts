export { startDiscordServer, DEFAULT_GUILD } from './server.js';
export type {
  AutocompleteInput,
  ButtonClickInput,
  DiscordServerOptions,
  GatewayStats,
  GuildInfo,
  InteractionActor,
  LocalDiscord,
  SlashCommandInput,
  TestRestOptions,
  ThreadInfo,
  WaitOptions,
} from './api.js';
export type { FailureSpec } from './faults.js';
export type { InteractionRecord, InteractionStatus, RejectedResponse } from './interactions.js';
export type { MessageRecord, MessageOrigin } from './messages.js';
export type { Violation, ViolationKind } from './violations.js';
export type { ChannelPermissionSwitches, ChannelSeed, GuildSeed, MemberSeed, RoleSeed } from './world.js';
export type { PermissionName } from './permissions.js';
export type { RequestLogEntry } from './backend.js';
export type { SlashOptionValue } from './interaction-payloads.js';
export { MESSAGE_LIMITS } from './validation.js';
export { MAX_GUILDS_PER_SHARD, guildIdOnShard } from './shards.js';
export type { ShardPair, ShardingOptions, SessionStartLimitOptions } from './shards.js';

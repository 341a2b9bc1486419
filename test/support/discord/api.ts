import type { APIApplicationCommand, Locale } from 'discord-api-types/v10';
import type { RequestLogEntry } from './backend.js';
import type { FailureSpec } from './faults.js';
import type { SlashOptionValue } from './interaction-payloads.js';
import type { InteractionRecord } from './interactions.js';
import type { MessageRecord } from './messages.js';
import type { PermissionName } from './permissions.js';
import type { ShardPair, ShardingOptions } from './shards.js';
import type { Violation } from './violations.js';
import type { ChannelPermissionSwitches, ChannelSeed, GuildSeed, MemberSeed, RoleSeed } from './world.js';

export interface DiscordServerOptions {
  /** Default 0: any free port on 127.0.0.1. */
  port?: number;
  /** Default: one guild, DEFAULT_GUILD. */
  guilds?: readonly GuildSeed[];
  botUsername?: string;
  /** Acknowledgement deadline for interactions (Discord: 3,000 ms). */
  ackDeadlineMs?: number;
  /** The server's clock in ms; pass a fake one to test deadlines without waiting. Default Date.now. */
  now?: () => number;
  heartbeatIntervalMs?: number;
  /** How long an enforce_nonce nonce de-duplicates (Discord: "a few minutes"). Default 5 minutes. */
  nonceWindowMs?: number;
  /** Default timeout of waitFor() and of the send*() helpers waiting for the bot. Default 5,000 ms. */
  waitTimeoutMs?: number;
  /** The recommended shard count (one per `guildsPerShard` guilds) and session start limit of GET /gateway/bot. */
  sharding?: ShardingOptions;
}

export interface GuildInfo {
  id: string;
  name: string;
  /** Channel ids by name. */
  channels: Record<string, string>;
  /** User ids by username: the owner and the seeded members (the bot is LocalDiscord.botUserId). */
  members: Record<string, string>;
  ownerId: string;
}

/** Who does it, and where; every field defaults to something sensible. */
export interface InteractionActor {
  /** Default: the first guild. */
  guildId?: string;
  /** Default: the guild's first channel. */
  channelId?: string;
  /** Default: the guild's first seeded member (else its owner). */
  userId?: string;
  /** The member's permissions as Discord reports them; default: computed from roles and overwrites. */
  memberPermissions?: readonly PermissionName[] | bigint;
  locale?: Locale;
  /**
   * When the returned promise resolves. Default 'replied': a visible answer (a reply, a completed deferral,
   * a follow-up, autocomplete choices, a message update) or a refusal/deadline miss. 'dispatched' returns at once.
   */
  until?: 'dispatched' | 'acknowledged' | 'replied';
  timeoutMs?: number;
}

export interface SlashCommandInput extends InteractionActor {
  /** Command name, followed by subcommand group/subcommand if any: "whosaid", "topics add". */
  name: string;
  options?: Readonly<Record<string, SlashOptionValue>>;
}

export interface AutocompleteInput extends SlashCommandInput {
  /** The option being typed in; its value in `options` is the partial text. */
  focused: string;
}

export interface ButtonClickInput extends Omit<InteractionActor, 'guildId' | 'channelId'> {
  /** A message the bot posted that carries the button. */
  messageId: string;
  customId: string;
}

export interface WaitOptions {
  timeoutMs?: number;
  /** For the timeout error; a function is called at timeout time, so it can describe the state then. */
  description?: string | (() => string);
}

/** discord.js REST options for tests: short timeout, retries for 5xx, no extra 50 ms rate-limit offset. */
export interface TestRestOptions {
  api: string;
  timeout: number;
  retries: number;
  offset: number;
}

export interface ThreadInfo {
  id: string;
  name: string;
  appliedTags: string[];
  ownerId: string;
}

export interface GatewayStats {
  identifies: number;
  resumes: number;
  /** Dispatches re-sent on RESUME because the client had missed them. */
  replayed: number;
  connected: number;
}

export interface LocalDiscord {
  /** http://127.0.0.1:PORT */
  readonly url: string;
  /** Pass as discord.js `rest.api`; REST and (through GET /gateway/bot) the gateway then both use this server. */
  readonly apiUrl: string;
  readonly gatewayUrl: string;
  readonly restOptions: TestRestOptions;
  readonly botToken: string;
  readonly botUserId: string;
  readonly applicationId: string;
  /** Rules the bot broke, in order; a test should end with this empty unless it provokes one on purpose. */
  readonly violations: readonly Violation[];
  /** Every REST request with the status it got (injected failures included). */
  readonly requests: readonly RequestLogEntry[];
  readonly interactions: readonly InteractionRecord[];
  readonly gatewayStats: GatewayStats;
  /** Sessions that receive dispatches now or after a resume, with the shard each identified as. */
  readonly gatewaySessions: readonly { shard: ShardPair; connected: boolean }[];
  /** The shard that receives a guild's events with `shardCount` shards: (guild_id >> 22) % shardCount. */
  shardOf(guildId: string, shardCount: number): number;
  guilds(): GuildInfo[];
  /** A guild by name, or the first one. */
  guild(name?: string): GuildInfo;
  createGuild(seed: GuildSeed): GuildInfo;
  createChannel(guildId: string, seed: ChannelSeed): string;
  /** Adds a member (with a role of their own when `permissions` is given); returns the user id. */
  addMember(guildId: string, seed: MemberSeed): string;
  /** Adds a role nobody holds, to be mentioned (`mentionable` default false); connected clients get GUILD_ROLE_CREATE. */
  createRole(guildId: string, seed: RoleSeed): string;
  /** Member overwrite on the channel for the bot (or `userId`); connected clients get CHANNEL_UPDATE. */
  setChannelPermissions(channelId: string, switches: ChannelPermissionSwitches, userId?: string): void;
  commands(guildId?: string): APIApplicationCommand[];
  /** Messages the bot posted in the channel (any origin, deleted ones flagged), oldest first, with edit history. */
  messages(channelId: string): MessageRecord[];
  /** Threads (forum posts included) started in a channel or forum, oldest first; tags by name. */
  threads(parentId: string): ThreadInfo[];
  /** Stores a file as a member's upload; returns its attachment id, the value of an attachment option. */
  uploadAttachment(name: string, data: Uint8Array | string, contentType?: string): string;
  /** The bytes of an attachment (uploaded, or sent by the bot with a message) by its URL; null when unknown. */
  file(url: string): Buffer | null;
  sendSlashCommand(input: SlashCommandInput): Promise<InteractionRecord>;
  sendAutocomplete(input: AutocompleteInput): Promise<InteractionRecord>;
  sendButtonClick(input: ButtonClickInput): Promise<InteractionRecord>;
  failNext(spec: FailureSpec): void;
  /** Cuts gateway sockets without a close frame; clients resume. Returns how many were cut. */
  dropGatewayConnections(): number;
  /** Resolves with probe()'s first truthy value, re-checked after every server-side change; rejects on timeout. */
  waitFor<T>(probe: () => T | null | undefined | false, options?: WaitOptions): Promise<T>;
  /** Stops REST and gateway, closing keep-alive connections and websockets. */
  close(): Promise<void>;
}

import { InteractionType, MessageFlags, MessageType } from 'discord-api-types/v10';
import type { APIAttachment, APIEmbed, APIMessage, APIMessageInteractionMetadata } from 'discord-api-types/v10';
import { uploadDescription } from './attachment-descriptions.js';
import type { UploadedFile } from './http.js';
import type { SnowflakeFactory } from './ids.js';
import { reviewMentions, type MessageWrite } from './validation.js';
import type { World } from './world.js';

export type MessageOrigin = 'channel' | 'interaction-response' | 'follow-up';

/** A message the bot posted, with every earlier version of it. */
export interface MessageRecord {
  id: string;
  channelId: string;
  origin: MessageOrigin;
  interactionId: string | null;
  current: APIMessage;
  /** Earlier versions, oldest first; empty until the first edit. */
  history: APIMessage[];
  deleted: boolean;
  /** The nonce it was created with (only enforce_nonce nonces are used for de-duplication). */
  nonce: string | null;
  /**
   * The roles the message notified when it was posted (or when its deferred reply was completed): mentioned in the
   * content, allowed by allowed_mentions, roles of the channel's guild that are mentionable or that the bot may
   * mention. Edits never notify, so later edits leave this as it was.
   */
  pingedRoleIds: string[];
}

export interface CreateMessageInput {
  /** Default: a new snowflake (a forum post's first message takes its thread's id, as on Discord). */
  id?: string;
  channelId: string;
  write: MessageWrite & { tts?: unknown; flags?: unknown; nonce?: unknown };
  files: readonly UploadedFile[];
  origin: MessageOrigin;
  interaction: APIMessageInteractionMetadata | null;
  webhookId: string | null;
  extraFlags?: number;
}

const EDITABLE_FLAGS = MessageFlags.SuppressEmbeds;

export class MessageStore {
  private readonly byId = new Map<string, MessageRecord>();
  /** Every file uploaded (with a message or as a command option), by attachment id: GET /attachments/… serves them. */
  readonly files = new Map<string, UploadedFile>();

  constructor(
    private readonly ids: SnowflakeFactory,
    private readonly world: World,
    private readonly now: () => number,
    private readonly attachmentBaseUrl: () => string,
  ) {}

  get(messageId: string): MessageRecord | undefined {
    return this.byId.get(messageId);
  }

  inChannel(channelId: string): MessageRecord[] {
    return [...this.byId.values()].filter((record) => record.channelId === channelId);
  }

  all(): MessageRecord[] {
    return [...this.byId.values()];
  }

  create(input: CreateMessageInput): MessageRecord {
    const id = input.id ?? this.ids.next(this.now());
    const { write } = input;
    const flags = (typeof write.flags === 'number' ? write.flags : 0) | (input.extraFlags ?? 0);
    const nonce = typeof write.nonce === 'string' || typeof write.nonce === 'number' ? String(write.nonce) : null;
    const message: APIMessage = {
      id,
      channel_id: input.channelId,
      author: this.world.apiUser(this.world.bot.id),
      content: typeof write.content === 'string' ? write.content : '',
      timestamp: new Date(this.now()).toISOString(),
      edited_timestamp: null,
      tts: write.tts === true,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      attachments: this.attachments(input.channelId, input.files, write.attachments),
      embeds: Array.isArray(write.embeds) ? (structuredClone(write.embeds) as APIEmbed[]) : [],
      pinned: false,
      type: input.interaction?.type === InteractionType.ApplicationCommand ? MessageType.ChatInputCommand : MessageType.Default,
      flags,
      components: Array.isArray(write.components) ? structuredClone(write.components) : [],
      ...(nonce === null ? {} : { nonce }),
      ...(input.webhookId ? { webhook_id: input.webhookId, application_id: input.webhookId } : {}),
      ...(input.interaction ? { interaction_metadata: input.interaction } : {}),
    };
    this.fillMentions(message);
    const record: MessageRecord = {
      id,
      channelId: input.channelId,
      origin: input.origin,
      interactionId: input.interaction?.id ?? null,
      current: message,
      history: [],
      deleted: false,
      nonce,
      pingedRoleIds: this.pingedRoles(input.channelId, write),
    };
    this.byId.set(id, record);
    const channel = this.world.channels.get(input.channelId);
    if (channel) channel.lastMessageId = id;
    return record;
  }

  edit(record: MessageRecord, write: MessageWrite & { flags?: unknown }, files: readonly UploadedFile[]): APIMessage {
    const previous = record.current;
    const next: APIMessage = structuredClone(previous);
    if ('content' in write) next.content = typeof write.content === 'string' ? write.content : '';
    if ('embeds' in write) next.embeds = Array.isArray(write.embeds) ? (structuredClone(write.embeds) as APIEmbed[]) : [];
    if ('components' in write) next.components = Array.isArray(write.components) ? structuredClone(write.components) : [];
    if ('attachments' in write || files.length > 0) next.attachments = this.keptAttachments(previous, write.attachments, files);
    let flags = (previous.flags ?? 0) & ~MessageFlags.Loading;
    if (typeof write.flags === 'number') flags = (flags & ~EDITABLE_FLAGS) | (write.flags & EDITABLE_FLAGS);
    next.flags = flags;
    const wasLoading = ((previous.flags ?? 0) & MessageFlags.Loading) !== 0;
    // Completing a deferred reply is Discord's first real version of the message, not an edit.
    next.edited_timestamp = wasLoading ? null : new Date(this.now()).toISOString();
    this.fillMentions(next);
    if (wasLoading) record.pingedRoleIds = this.pingedRoles(record.channelId, { content: next.content, allowed_mentions: write.allowed_mentions });
    record.history.push(previous);
    record.current = next;
    return next;
  }

  private pingedRoles(channelId: string, write: MessageWrite): string[] {
    return reviewMentions(write, this.world.mentionGuild(channelId)).pingedRoleIds;
  }

  private fillMentions(message: APIMessage): void {
    const userIds = [...message.content.matchAll(/<@!?(\d{5,20})>/g)].map((match) => match[1] ?? '');
    message.mentions = [...new Set(userIds)].filter((id) => this.world.users.has(id)).map((id) => this.world.apiUser(id));
    message.mention_roles = [...new Set([...message.content.matchAll(/<@&(\d{5,20})>/g)].map((match) => match[1] ?? ''))];
    message.mention_everyone = /@(everyone|here)\b/.test(message.content);
  }

  /** Stores a file and describes it as Discord does, with a URL this server answers. */
  upload(folder: string, file: UploadedFile, description?: string): APIAttachment {
    const id = this.ids.next(this.now());
    this.files.set(id, file);
    const url = `${this.attachmentBaseUrl()}/attachments/${folder}/${id}/${encodeURIComponent(file.name)}`;
    const attachment: APIAttachment = { id, filename: file.name, size: file.size, url, proxy_url: url, content_type: file.contentType, ...(description === undefined ? {} : { description }) };
    this.world.attachments.set(id, attachment);
    return attachment;
  }

  private attachments(channelId: string, files: readonly UploadedFile[], requested: unknown): APIAttachment[] {
    return files.map((file) => this.upload(channelId, file, uploadDescription(file, requested)));
  }

  private keptAttachments(previous: APIMessage, requested: unknown, files: readonly UploadedFile[]): APIAttachment[] {
    const keepIds = Array.isArray(requested)
      ? new Set(requested.map((entry) => String((entry as { id?: unknown }).id)))
      : new Set(previous.attachments.map((attachment) => attachment.id));
    const kept = previous.attachments.filter((attachment) => keepIds.has(attachment.id));
    return [...kept, ...this.attachments(previous.channel_id, files, requested)];
  }
}

/** The message an edit would leave, for the limits that apply to the result rather than the request. */
export function mergedEdit(message: MessageRecord, data: Record<string, unknown>): MessageWrite {
  const current = message.current;
  return {
    content: 'content' in data ? data.content : current.content,
    embeds: 'embeds' in data ? data.embeds : current.embeds,
    components: 'components' in data ? data.components : current.components,
    allowed_mentions: data.allowed_mentions,
  };
}

export function editedFileCount(message: MessageRecord, data: Record<string, unknown>, uploaded: number): number {
  const kept = Array.isArray(data.attachments) ? data.attachments.length : message.current.attachments.length;
  return Math.max(kept, uploaded);
}

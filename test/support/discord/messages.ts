import { InteractionType, MessageFlags, MessageType } from 'discord-api-types/v10';
import type { APIAttachment, APIEmbed, APIMessage, APIMessageInteractionMetadata } from 'discord-api-types/v10';
import { uploadDescription } from './attachment-descriptions.js';
import type { UploadedFile } from './http.js';
import type { SnowflakeFactory } from './ids.js';
import type { MessageWrite } from './validation.js';
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
}

export interface CreateMessageInput {
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
    const id = this.ids.next(this.now());
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
    record.history.push(previous);
    record.current = next;
    return next;
  }

  private fillMentions(message: APIMessage): void {
    const userIds = [...message.content.matchAll(/<@!?(\d{5,20})>/g)].map((match) => match[1] ?? '');
    message.mentions = [...new Set(userIds)].filter((id) => this.world.users.has(id)).map((id) => this.world.apiUser(id));
    message.mention_roles = [...new Set([...message.content.matchAll(/<@&(\d{5,20})>/g)].map((match) => match[1] ?? ''))];
    message.mention_everyone = /@(everyone|here)\b/.test(message.content);
  }

  private attachments(channelId: string, files: readonly UploadedFile[], requested: unknown): APIAttachment[] {
    return files.map((file) => {
      const id = this.ids.next(this.now());
      const url = `${this.attachmentBaseUrl()}/attachments/${channelId}/${id}/${encodeURIComponent(file.name)}`;
      const description = uploadDescription(file, requested);
      return { id, filename: file.name, size: file.size, url, proxy_url: url, content_type: file.contentType, ...(description === undefined ? {} : { description }) };
    });
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

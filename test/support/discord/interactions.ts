import { randomBytes } from 'node:crypto';
import { GatewayDispatchEvents, InteractionResponseType, InteractionType, MessageFlags } from 'discord-api-types/v10';
import type {
  APIApplicationCommandAutocompleteGuildInteraction,
  APIApplicationCommandOptionChoice,
  APIChatInputApplicationCommandGuildInteraction,
  APIMessageComponentGuildInteraction,
  APIMessageInteractionMetadata,
  RESTPostAPIInteractionCallbackWithResponseResult,
} from 'discord-api-types/v10';
import type { Backend } from './backend.js';
import type { ViolationKind } from './violations.js';
import { addFieldError, discordErrors, invalidFormBody, maxLengthError } from './errors.js';
import type { ErrorReply, FormErrors } from './errors.js';
import type { RestReply, RestRequest, RouteDefinition } from './http.js';
import { editedFileCount, mergedEdit } from './messages.js';
import type { MessageRecord } from './messages.js';

export type InteractionStatus = 'pending' | 'acknowledged' | 'late' | 'unanswered';

export interface InteractionRecord {
  id: string;
  token: string;
  kind: 'command' | 'autocomplete' | 'component';
  /** Command name with any subcommand group/subcommand ("topics add"), or a component's custom_id. */
  name: string;
  guildId: string;
  channelId: string;
  userId: string;
  payload:
    | APIChatInputApplicationCommandGuildInteraction
    | APIApplicationCommandAutocompleteGuildInteraction
    | APIMessageComponentGuildInteraction;
  /** For a component interaction: the message whose button was clicked. */
  sourceMessage: MessageRecord | null;
  /** On the server's clock. */
  createdAt: number;
  status: InteractionStatus;
  acknowledgedAt: number | null;
  /** The accepted acknowledgement (first valid callback). */
  response: { type: InteractionResponseType; data: unknown } | null;
  /** The @original message: the reply (or deferral and its edits); for a message update, the clicked message. */
  original: MessageRecord | null;
  followUps: MessageRecord[];
  /** Autocomplete results the bot sent. */
  choices: APIApplicationCommandOptionChoice[] | null;
  /** Responses Discord refused (each also recorded as a violation). */
  errors: RejectedResponse[];
}

export interface RejectedResponse {
  where: string;
  status: number;
  code: number;
  message: string;
}

const WEBHOOK_TOKEN_LIFETIME_MS = 15 * 60 * 1000;
const ALLOWED_RESPONSES: Record<InteractionRecord['kind'], readonly InteractionResponseType[]> = {
  command: [InteractionResponseType.ChannelMessageWithSource, InteractionResponseType.DeferredChannelMessageWithSource, InteractionResponseType.Modal],
  autocomplete: [InteractionResponseType.ApplicationCommandAutocompleteResult],
  component: [
    InteractionResponseType.ChannelMessageWithSource,
    InteractionResponseType.DeferredChannelMessageWithSource,
    InteractionResponseType.DeferredMessageUpdate,
    InteractionResponseType.UpdateMessage,
    InteractionResponseType.Modal,
  ],
};
/** Flags an interaction response may set. */
const RESPONSE_FLAGS = MessageFlags.Ephemeral | MessageFlags.SuppressEmbeds | MessageFlags.SuppressNotifications | MessageFlags.IsComponentsV2;

export class InteractionBook {
  private readonly records = new Map<string, InteractionRecord>();
  private readonly deadlines = new Set<NodeJS.Timeout>();

  constructor(private readonly backend: Backend) {}

  all(): InteractionRecord[] {
    return [...this.records.values()];
  }

  newCredentials(): { id: string; token: string } {
    return { id: this.backend.ids.next(this.backend.now()), token: `aW50ZXJhY3Rpb24${randomBytes(24).toString('base64url')}` };
  }

  /** Dispatches INTERACTION_CREATE and starts the acknowledgement deadline. */
  open(record: InteractionRecord): void {
    this.records.set(record.id, record);
    const timer = setTimeout(() => {
      this.deadlines.delete(timer);
      if (record.status !== 'pending') return;
      record.status = 'unanswered';
      this.backend.violate(
        'unacknowledged-interaction',
        `INTERACTION ${record.id}`,
        `/${record.name} was not acknowledged within ${this.backend.settings.ackDeadlineMs} ms; Discord shows "The application did not respond".`,
      );
    }, this.backend.settings.ackDeadlineMs);
    timer.unref();
    this.deadlines.add(timer);
    this.backend.dispatch(GatewayDispatchEvents.InteractionCreate, record.payload, record.guildId);
    this.backend.changed();
  }

  close(): void {
    for (const timer of this.deadlines) clearTimeout(timer);
    this.deadlines.clear();
  }

  routes(): RouteDefinition[] {
    return [
      { method: 'POST', path: '/interactions/:interactionId/:token/callback', auth: 'none', handle: (request) => this.callback(request) },
      { method: 'POST', path: '/webhooks/:applicationId/:token', auth: 'none', handle: (request) => this.followUp(request) },
      { method: 'GET', path: '/webhooks/:applicationId/:token/messages/:messageId', auth: 'none', handle: (request) => this.getMessage(request) },
      { method: 'PATCH', path: '/webhooks/:applicationId/:token/messages/:messageId', auth: 'none', handle: (request) => this.editMessage(request) },
      { method: 'DELETE', path: '/webhooks/:applicationId/:token/messages/:messageId', auth: 'none', handle: (request) => this.deleteMessage(request) },
    ];
  }

  /** Refuses a response the bot made for `record`, noting it on the record as well as in the violations. */
  private fail(record: InteractionRecord, kind: ViolationKind, where: string, error: ErrorReply, hint?: string): RestReply {
    record.errors.push({ where, status: error.status, code: error.body.code, message: error.body.message });
    this.backend.changed();
    return this.backend.reject(kind, where, error, hint);
  }

  private where(request: RestRequest): string {
    return `${request.method} ${request.path}`;
  }

  private callback(request: RestRequest): RestReply {
    const where = this.where(request);
    const record = this.records.get(request.params.interactionId ?? '');
    if (!record || record.token !== request.params.token) return this.backend.reject('unknown-resource', where, discordErrors.unknownInteraction());
    const elapsed = this.backend.now() - record.createdAt;
    if (record.status === 'unanswered' || (record.status === 'pending' && elapsed > this.backend.settings.ackDeadlineMs)) {
      record.status = 'late';
      const limit = this.backend.settings.ackDeadlineMs;
      return this.fail(record, 'late-acknowledgement', where, discordErrors.unknownInteraction(), `acknowledged ${elapsed} ms after creation, limit ${limit} ms: defer first when work may take longer`);
    }
    if (record.status !== 'pending') return this.fail(record, 'double-acknowledgement', where, discordErrors.alreadyAcknowledged());

    const body = (request.body ?? {}) as { type?: unknown; data?: Record<string, unknown> };
    const type = body.type as InteractionResponseType;
    if (!ALLOWED_RESPONSES[record.kind].includes(type)) {
      const errors: FormErrors = {};
      addFieldError(errors, ['type'], { code: 'INTERACTION_RESPONSE_TYPE_INVALID', message: `Response type ${String(body.type)} is not valid for a ${record.kind} interaction.` });
      return this.fail(record, 'invalid-interaction-response', where, invalidFormBody(errors));
    }
    const data = body.data ?? {};
    if (type === InteractionResponseType.ApplicationCommandAutocompleteResult) {
      const invalid = checkChoices(data.choices);
      if (invalid) return this.fail(record, 'invalid-interaction-response', where, invalidFormBody(invalid));
      record.choices = (data.choices as APIApplicationCommandOptionChoice[] | undefined) ?? [];
    }
    if (type === InteractionResponseType.ChannelMessageWithSource) {
      const refused = this.backend.checkWrite(where, data, { requireBody: true, fileCount: request.files.length, checkMentions: true, channelId: record.channelId });
      if (refused) return this.fail(record, refused.kind, where, refused.error);
      record.original = this.createResponseMessage(record, data, request, 0);
    }
    if (type === InteractionResponseType.DeferredChannelMessageWithSource) {
      record.original = this.createResponseMessage(record, { flags: data.flags }, request, MessageFlags.Loading);
    }
    if (type === InteractionResponseType.DeferredMessageUpdate || type === InteractionResponseType.UpdateMessage) {
      const source = record.sourceMessage;
      if (!source || source.deleted) return this.fail(record, 'unknown-resource', where, discordErrors.unknownMessage());
      if (type === InteractionResponseType.UpdateMessage) {
        const refused = this.backend.checkWrite(where, mergedEdit(source, data), { requireBody: true, fileCount: editedFileCount(source, data, request.files.length), checkMentions: false });
        if (refused) return this.fail(record, refused.kind, where, refused.error);
        this.backend.messages.edit(source, data, request.files);
      }
      record.original = source;
    }
    record.status = 'acknowledged';
    record.acknowledgedAt = this.backend.now();
    record.response = { type, data: body.data ?? null };
    this.backend.changed();
    if (request.query.get('with_response') !== 'true') return { status: 204 };
    const result: RESTPostAPIInteractionCallbackWithResponseResult = {
      interaction: {
        id: record.id,
        type: record.payload.type,
        ...(record.original
          ? {
              response_message_id: record.original.id,
              response_message_loading: type === InteractionResponseType.DeferredChannelMessageWithSource,
              response_message_ephemeral: ((record.original.current.flags ?? 0) & MessageFlags.Ephemeral) !== 0,
            }
          : {}),
      },
      resource: { type, ...(record.original ? { message: record.original.current } : {}) },
    };
    return { status: 200, body: result };
  }

  private createResponseMessage(record: InteractionRecord, data: Record<string, unknown>, request: RestRequest, extraFlags: number): MessageRecord {
    const flags = typeof data.flags === 'number' ? data.flags & RESPONSE_FLAGS : 0;
    return this.backend.messages.create({
      channelId: record.channelId,
      write: { ...data, flags },
      files: request.files,
      origin: 'interaction-response',
      interaction: this.metadata(record),
      webhookId: this.backend.applicationId,
      extraFlags,
    });
  }

  private metadata(record: InteractionRecord): APIMessageInteractionMetadata {
    const common = {
      id: record.id,
      user: this.backend.world.apiUser(record.userId),
      authorizing_integration_owners: record.payload.authorizing_integration_owners,
      ...(record.original ? { original_response_message_id: record.original.id } : {}),
    };
    return record.sourceMessage
      ? { ...common, type: InteractionType.MessageComponent, interacted_message_id: record.sourceMessage.id }
      : { ...common, type: InteractionType.ApplicationCommand };
  }

  /** The interaction behind a webhook-token route, or the reply to send when there is none. */
  private byWebhook(request: RestRequest): { record: InteractionRecord } | { reply: RestReply } {
    const where = this.where(request);
    const record = [...this.records.values()].find((candidate) => candidate.token === request.params.token);
    if (!record || request.params.applicationId !== this.backend.applicationId) {
      return { reply: this.backend.reject('unknown-resource', where, discordErrors.unknownWebhook()) };
    }
    if (this.backend.now() - record.createdAt > WEBHOOK_TOKEN_LIFETIME_MS) {
      return { reply: this.fail(record, 'unknown-resource', where, { status: 401, body: { code: 50027, message: 'Invalid Webhook Token' } }, 'interaction tokens last 15 minutes') };
    }
    if (record.status !== 'acknowledged') {
      return { reply: this.fail(record, 'unknown-resource', where, discordErrors.unknownWebhook(), 'the interaction was never acknowledged') };
    }
    return { record };
  }

  private messageOf(record: InteractionRecord, messageId: string): MessageRecord | null {
    if (messageId === '@original') return record.original;
    if (record.original?.id === messageId) return record.original;
    return record.followUps.find((message) => message.id === messageId) ?? null;
  }

  private followUp(request: RestRequest): RestReply {
    const found = this.byWebhook(request);
    if ('reply' in found) return found.reply;
    const where = this.where(request);
    const data = (request.body ?? {}) as Record<string, unknown>;
    const refused = this.backend.checkWrite(where, data, { requireBody: true, fileCount: request.files.length, checkMentions: true, channelId: found.record.channelId });
    if (refused) return this.fail(found.record, refused.kind, where, refused.error);
    const flags = typeof data.flags === 'number' ? data.flags & RESPONSE_FLAGS : 0;
    const message = this.backend.messages.create({
      channelId: found.record.channelId,
      write: { ...data, flags },
      files: request.files,
      origin: 'follow-up',
      interaction: this.metadata(found.record),
      webhookId: this.backend.applicationId,
    });
    found.record.followUps.push(message);
    this.backend.changed();
    return { status: 200, body: message.current };
  }

  private getMessage(request: RestRequest): RestReply {
    const found = this.byWebhook(request);
    if ('reply' in found) return found.reply;
    const message = this.messageOf(found.record, request.params.messageId ?? '');
    if (!message || message.deleted) return this.backend.reject('unknown-resource', this.where(request), discordErrors.unknownMessage());
    return { status: 200, body: message.current };
  }

  private editMessage(request: RestRequest): RestReply {
    const found = this.byWebhook(request);
    if ('reply' in found) return found.reply;
    const where = this.where(request);
    const message = this.messageOf(found.record, request.params.messageId ?? '');
    if (!message || message.deleted) return this.fail(found.record, 'unknown-resource', where, discordErrors.unknownMessage());
    const data = (request.body ?? {}) as Record<string, unknown>;
    const wasLoading = ((message.current.flags ?? 0) & MessageFlags.Loading) !== 0;
    // Only the edit that completes a deferred reply notifies; later edits never ping.
    const refused = this.backend.checkWrite(where, mergedEdit(message, data), {
      requireBody: true,
      fileCount: editedFileCount(message, data, request.files.length),
      checkMentions: wasLoading,
      channelId: message.channelId,
    });
    if (refused) return this.fail(found.record, refused.kind, where, refused.error);
    const updated = this.backend.messages.edit(message, data, request.files);
    this.backend.changed();
    return { status: 200, body: updated };
  }

  private deleteMessage(request: RestRequest): RestReply {
    const found = this.byWebhook(request);
    if ('reply' in found) return found.reply;
    const message = this.messageOf(found.record, request.params.messageId ?? '');
    if (!message || message.deleted) return this.backend.reject('unknown-resource', this.where(request), discordErrors.unknownMessage());
    message.deleted = true;
    this.backend.changed();
    return { status: 204 };
  }
}

function checkChoices(choices: unknown): FormErrors | null {
  const errors: FormErrors = {};
  if (!Array.isArray(choices)) {
    addFieldError(errors, ['data', 'choices'], { code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
    return errors;
  }
  if (choices.length > 25) addFieldError(errors, ['data', 'choices'], maxLengthError(25));
  choices.forEach((raw: unknown, index) => {
    const choice = (raw ?? {}) as { name?: unknown; value?: unknown };
    if (typeof choice.name !== 'string' || choice.name.length < 1 || choice.name.length > 100) {
      addFieldError(errors, ['data', 'choices', index, 'name'], { code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 100 in length.' });
    }
    if (typeof choice.value === 'string' ? choice.value.length > 100 : typeof choice.value !== 'number') {
      addFieldError(errors, ['data', 'choices', index, 'value'], maxLengthError(100));
    }
  });
  return Object.keys(errors).length > 0 ? errors : null;
}

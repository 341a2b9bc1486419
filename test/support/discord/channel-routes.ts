import { ChannelType, GatewayDispatchEvents, GatewayIntentBits, PermissionFlagsBits } from 'discord-api-types/v10';
import type { Backend } from './backend.js';
import { discordErrors } from './errors.js';
import type { RestReply, RestRequest, RouteDefinition } from './http.js';
import { editedFileCount, mergedEdit } from './messages.js';
import type { MessageRecord } from './messages.js';
import type { ChannelState } from './world.js';

/** Channel and message routes the bot calls with its own token. */
export function channelRoutes(backend: Backend): RouteDefinition[] {
  const where = (request: RestRequest) => `${request.method} ${request.path}`;
  const { world } = backend;

  const access = (request: RestRequest, needed: bigint = 0n) => channelAccess(backend, request, needed);

  const findMessage = (request: RestRequest, channel: ChannelState): MessageRecord | null => {
    const message = backend.messages.get(request.params.messageId ?? '');
    return message && message.channelId === channel.id && !message.deleted ? message : null;
  };

  const dispatchMessage = (event: GatewayDispatchEvents.MessageCreate | GatewayDispatchEvents.MessageUpdate, record: MessageRecord) =>
    dispatchMessageEvent(backend, event, record);

  const createMessage = (request: RestRequest): RestReply => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const target = world.channels.get(request.params.channelId ?? '');
    // A forum takes posts (POST /channels/:id/threads), not messages; in a thread, Send Messages in Threads counts.
    if (target?.type === ChannelType.GuildForum) return backend.reject('invalid-form-body', where(request), discordErrors.nonTextChannel());
    let needed = target?.thread ? PermissionFlagsBits.SendMessagesInThreads : PermissionFlagsBits.SendMessages;
    if (Array.isArray(body.embeds) && body.embeds.length > 0) needed |= PermissionFlagsBits.EmbedLinks;
    if (request.files.length > 0) needed |= PermissionFlagsBits.AttachFiles;
    if (body.tts === true) needed |= PermissionFlagsBits.SendTTSMessages;
    const found = access(request, needed);
    if ('reply' in found) return found.reply;
    const duplicate = body.enforce_nonce === true ? recentWithNonce(backend, found.channel.id, body.nonce) : null;
    if (duplicate) return { status: 200, body: duplicate.current };
    const refused = backend.checkWrite(where(request), body, { requireBody: true, fileCount: request.files.length, checkMentions: true, channelId: found.channel.id });
    if (refused) return backend.reject(refused.kind, where(request), refused.error);
    const record = backend.messages.create({
      channelId: found.channel.id,
      write: body,
      files: request.files,
      origin: 'channel',
      interaction: null,
      webhookId: null,
    });
    dispatchMessage(GatewayDispatchEvents.MessageCreate, record);
    backend.changed();
    return { status: 200, body: record.current };
  };

  const editMessage = (request: RestRequest): RestReply => {
    const found = access(request);
    if ('reply' in found) return found.reply;
    const message = findMessage(request, found.channel);
    if (!message) return backend.reject('unknown-resource', where(request), discordErrors.unknownMessage());
    if (message.current.author.id !== world.bot.id) return backend.reject('missing-permissions', where(request), discordErrors.cannotEditOthersMessage());
    const body = (request.body ?? {}) as Record<string, unknown>;
    const refused = backend.checkWrite(where(request), mergedEdit(message, body), {
      requireBody: true,
      fileCount: editedFileCount(message, body, request.files.length),
      checkMentions: false,
    });
    if (refused) return backend.reject(refused.kind, where(request), refused.error);
    backend.messages.edit(message, body, request.files);
    dispatchMessage(GatewayDispatchEvents.MessageUpdate, message);
    backend.changed();
    return { status: 200, body: message.current };
  };

  return [
    {
      method: 'GET',
      path: '/channels/:channelId',
      auth: 'bot',
      handle: (request) => {
        const found = access(request);
        return 'reply' in found ? found.reply : { status: 200, body: world.apiChannel(found.channel.id) };
      },
    },
    { method: 'POST', path: '/channels/:channelId/messages', auth: 'bot', handle: createMessage },
    {
      method: 'GET',
      path: '/channels/:channelId/messages',
      auth: 'bot',
      handle: (request) => {
        const found = access(request, PermissionFlagsBits.ReadMessageHistory);
        if ('reply' in found) return found.reply;
        const limit = Math.min(100, Math.max(1, Number(request.query.get('limit') ?? 50)));
        const visible = backend.messages.inChannel(found.channel.id).filter((message) => !message.deleted);
        return { status: 200, body: visible.reverse().slice(0, limit).map((message) => message.current) };
      },
    },
    {
      method: 'GET',
      path: '/channels/:channelId/messages/:messageId',
      auth: 'bot',
      handle: (request) => {
        const found = access(request, PermissionFlagsBits.ReadMessageHistory);
        if ('reply' in found) return found.reply;
        const message = findMessage(request, found.channel);
        return message ? { status: 200, body: message.current } : backend.reject('unknown-resource', where(request), discordErrors.unknownMessage());
      },
    },
    { method: 'PATCH', path: '/channels/:channelId/messages/:messageId', auth: 'bot', handle: editMessage },
    {
      method: 'DELETE',
      path: '/channels/:channelId/messages/:messageId',
      auth: 'bot',
      handle: (request) => {
        const found = access(request);
        if ('reply' in found) return found.reply;
        const message = findMessage(request, found.channel);
        if (!message) return backend.reject('unknown-resource', where(request), discordErrors.unknownMessage());
        message.deleted = true;
        backend.changed();
        return { status: 204 };
      },
    },
  ];
}

/** The channel if the bot may see it (and hold `needed`), else Discord's error, recorded as a violation. */
export function channelAccess(backend: Backend, request: RestRequest, needed: bigint = 0n): { channel: ChannelState } | { reply: RestReply } {
  const where = `${request.method} ${request.path}`;
  const channel = backend.world.channels.get(request.params.channelId ?? '');
  if (!channel) return { reply: backend.reject('unknown-resource', where, discordErrors.unknownChannel()) };
  const permissions = backend.world.permissionsIn(channel.id, backend.world.bot.id);
  if ((permissions & PermissionFlagsBits.ViewChannel) === 0n) {
    return { reply: backend.reject('missing-access', where, discordErrors.missingAccess()) };
  }
  if ((permissions & needed) !== needed) {
    return { reply: backend.reject('missing-permissions', where, discordErrors.missingPermissions()) };
  }
  return { channel };
}

export function dispatchMessageEvent(backend: Backend, event: GatewayDispatchEvents.MessageCreate | GatewayDispatchEvents.MessageUpdate, record: MessageRecord): void {
  const guildId = backend.world.requireChannel(record.channelId).guildId;
  backend.gateway?.dispatch(event, { ...record.current, guild_id: guildId }, GatewayIntentBits.GuildMessages, guildId);
}

/** Discord returns the earlier message for a repeated enforce_nonce nonce within a few minutes. */
function recentWithNonce(backend: Backend, channelId: string, nonce: unknown): MessageRecord | null {
  if (typeof nonce !== 'string' && typeof nonce !== 'number') return null;
  const cutoff = backend.now() - backend.settings.nonceWindowMs;
  return (
    backend.messages
      .inChannel(channelId)
      .find((message) => message.nonce === String(nonce) && Date.parse(message.current.timestamp) >= cutoff) ?? null
  );
}

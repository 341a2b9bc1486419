import { GatewayDispatchEvents, GatewayIntentBits, PermissionFlagsBits } from 'discord-api-types/v10';
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

  /** The channel if the bot may see it (and hold `needed`), else Discord's error, recorded as a violation. */
  const access = (request: RestRequest, needed: bigint = 0n): { channel: ChannelState } | { reply: RestReply } => {
    const channel = world.channels.get(request.params.channelId ?? '');
    if (!channel) return { reply: backend.reject('unknown-resource', where(request), discordErrors.unknownChannel()) };
    const permissions = world.permissionsIn(channel.id, world.bot.id);
    if ((permissions & PermissionFlagsBits.ViewChannel) === 0n) {
      return { reply: backend.reject('missing-access', where(request), discordErrors.missingAccess()) };
    }
    if ((permissions & needed) !== needed) {
      return { reply: backend.reject('missing-permissions', where(request), discordErrors.missingPermissions()) };
    }
    return { channel };
  };

  const findMessage = (request: RestRequest, channel: ChannelState): MessageRecord | null => {
    const message = backend.messages.get(request.params.messageId ?? '');
    return message && message.channelId === channel.id && !message.deleted ? message : null;
  };

  const dispatchMessage = (event: GatewayDispatchEvents.MessageCreate | GatewayDispatchEvents.MessageUpdate, record: MessageRecord) => {
    const guildId = world.requireChannel(record.channelId).guildId;
    backend.gateway?.dispatch(event, { ...record.current, guild_id: guildId }, GatewayIntentBits.GuildMessages, guildId);
  };

  const createMessage = (request: RestRequest): RestReply => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    let needed = PermissionFlagsBits.SendMessages;
    if (Array.isArray(body.embeds) && body.embeds.length > 0) needed |= PermissionFlagsBits.EmbedLinks;
    if (request.files.length > 0) needed |= PermissionFlagsBits.AttachFiles;
    if (body.tts === true) needed |= PermissionFlagsBits.SendTTSMessages;
    const found = access(request, needed);
    if ('reply' in found) return found.reply;
    const duplicate = body.enforce_nonce === true ? recentWithNonce(backend, found.channel.id, body.nonce) : null;
    if (duplicate) return { status: 200, body: duplicate.current };
    const refused = backend.checkWrite(where(request), body, { requireBody: true, fileCount: request.files.length, checkMentions: true });
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

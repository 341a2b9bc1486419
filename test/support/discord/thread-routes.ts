import { ChannelType, GatewayDispatchEvents, GatewayIntentBits, MessageFlags, PermissionFlagsBits } from 'discord-api-types/v10';
import type { Backend } from './backend.js';
import { channelAccess, dispatchMessageEvent } from './channel-routes.js';
import { addFieldError, discordErrors, invalidFormBody, maxLengthError } from './errors.js';
import type { FormErrors } from './errors.js';
import type { RestReply, RestRequest, RouteDefinition } from './http.js';
import type { ChannelState } from './world.js';

/** Discord's limits on a thread: its name, and the tags a forum post may carry. */
export const THREAD_LIMITS = { name: 100, appliedTags: 5 } as const;

/** Threads: one started from a message, a forum post (a thread with its first message), and the active ones. */
export function threadRoutes(backend: Backend): RouteDefinition[] {
  const { world } = backend;
  const where = (request: RestRequest) => `${request.method} ${request.path}`;

  const announce = (thread: ChannelState) => {
    backend.gateway?.dispatch(GatewayDispatchEvents.ThreadCreate, { ...world.apiChannel(thread.id), newly_created: true }, GatewayIntentBits.Guilds, thread.guildId);
  };

  const startFromMessage = (request: RestRequest): RestReply => {
    const found = channelAccess(backend, request, PermissionFlagsBits.CreatePublicThreads);
    if ('reply' in found) return found.reply;
    const { channel } = found;
    if (channel.type !== ChannelType.GuildText && channel.type !== ChannelType.GuildAnnouncement) {
      return backend.reject('invalid-form-body', where(request), discordErrors.wrongChannelType());
    }
    const message = backend.messages.get(request.params.messageId ?? '');
    if (!message || message.channelId !== channel.id || message.deleted) return backend.reject('unknown-resource', where(request), discordErrors.unknownMessage());
    const body = (request.body ?? {}) as Record<string, unknown>;
    const errors = nameErrors(body.name);
    if (errors) return backend.reject('invalid-form-body', where(request), invalidFormBody(errors));
    // A message starts one thread, whose id is the message's; asking again is refused (not a rule the bot broke
    // on its own: a retry after a lost answer meets it, so it is answered, not recorded as a violation).
    if (world.channels.has(message.id)) return discordErrors.threadAlreadyCreated();
    const thread = world.createThread(channel, { id: message.id, name: String(body.name), ownerId: world.bot.id, createdAt: backend.now() });
    message.current = { ...message.current, flags: (message.current.flags ?? 0) | MessageFlags.HasThread, thread: world.apiChannel(thread.id) };
    announce(thread);
    backend.changed();
    return { status: 201, body: world.apiChannel(thread.id) };
  };

  const startForumPost = (request: RestRequest): RestReply => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const post = (typeof body.message === 'object' && body.message !== null ? body.message : {}) as Record<string, unknown>;
    let needed = PermissionFlagsBits.SendMessages;
    if (Array.isArray(post.embeds) && post.embeds.length > 0) needed |= PermissionFlagsBits.EmbedLinks;
    if (request.files.length > 0) needed |= PermissionFlagsBits.AttachFiles;
    const found = channelAccess(backend, request, needed);
    if ('reply' in found) return found.reply;
    const forum = found.channel;
    if (forum.type !== ChannelType.GuildForum) {
      const hint = 'the local Discord server starts threads without a message only in forum channels';
      return backend.reject('unknown-route', where(request), discordErrors.wrongChannelType(), hint);
    }
    const errors = nameErrors(body.name) ?? {};
    const tags = Array.isArray(body.applied_tags) ? body.applied_tags.map(String) : [];
    if (tags.length > THREAD_LIMITS.appliedTags) addFieldError(errors, ['applied_tags'], maxLengthError(THREAD_LIMITS.appliedTags));
    tags.forEach((tagId, index) => {
      if (!forum.availableTags.some((tag) => tag.id === tagId)) addFieldError(errors, ['applied_tags', index], { code: 'TAG_INVALID', message: 'Tag is not available in this forum.' });
    });
    if (body.message === undefined) addFieldError(errors, ['message'], { code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
    if (Object.keys(errors).length > 0) return backend.reject('invalid-form-body', where(request), invalidFormBody(errors));
    const refused = backend.checkWrite(where(request), post, { requireBody: true, fileCount: request.files.length, checkMentions: true });
    if (refused) return backend.reject(refused.kind, where(request), refused.error);
    const thread = world.createThread(forum, { name: String(body.name), ownerId: world.bot.id, appliedTags: tags, createdAt: backend.now() });
    // The first message of a forum post has the post's id.
    const message = backend.messages.create({ id: thread.id, channelId: thread.id, write: post, files: request.files, origin: 'channel', interaction: null, webhookId: null });
    announce(thread);
    dispatchMessageEvent(backend, GatewayDispatchEvents.MessageCreate, message);
    backend.changed();
    return { status: 201, body: { ...world.apiChannel(thread.id), message: message.current } };
  };

  return [
    { method: 'POST', path: '/channels/:channelId/messages/:messageId/threads', auth: 'bot', handle: startFromMessage },
    { method: 'POST', path: '/channels/:channelId/threads', auth: 'bot', handle: startForumPost },
    {
      method: 'GET',
      path: '/guilds/:guildId/threads/active',
      auth: 'bot',
      handle: (request) => {
        const guildId = request.params.guildId ?? '';
        if (!world.isMember(guildId, world.bot.id)) return backend.reject('unknown-resource', where(request), discordErrors.unknownGuild());
        const visible = [...world.channels.values()].filter(
          (channel) => channel.guildId === guildId && channel.thread !== null && (world.permissionsIn(channel.id, world.bot.id) & PermissionFlagsBits.ViewChannel) !== 0n,
        );
        return { status: 200, body: { threads: visible.map((thread) => world.apiChannel(thread.id)), members: [] } };
      },
    },
  ];
}

function nameErrors(name: unknown): FormErrors | null {
  const errors: FormErrors = {};
  if (typeof name !== 'string' || name.trim().length === 0) addFieldError(errors, ['name'], { code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
  else if (name.length > THREAD_LIMITS.name) addFieldError(errors, ['name'], maxLengthError(THREAD_LIMITS.name));
  return Object.keys(errors).length > 0 ? errors : null;
}

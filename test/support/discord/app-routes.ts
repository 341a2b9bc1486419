import type { APIApplication, APIUser, ApplicationFlags, RESTGetAPIGatewayBotResult } from 'discord-api-types/v10';
import type { Backend } from './backend.js';
import { discordErrors } from './errors.js';
import { apiRole, guildCreatePayload } from './guild-payload.js';
import type { RestReply, RestRequest, RouteDefinition } from './http.js';
import type { ShardRules } from './shards.js';

/** discord-api-types' ApplicationFlags has no zero member; Discord sends 0 for "no flags". */
export const NO_APPLICATION_FLAGS = 0 as ApplicationFlags;

/** Gateway discovery, the bot's own user and application, command registration and guild reads. */
export function appRoutes(backend: Backend, gatewayUrl: () => string, shardRules: ShardRules): RouteDefinition[] {
  const { world } = backend;
  const where = (request: RestRequest) => `${request.method} ${request.path}`;

  const application = (): APIApplication => ({
    id: backend.applicationId,
    name: world.bot.username,
    icon: null,
    description: 'Local stand-in application for end-to-end tests.',
    bot_public: false,
    bot_require_code_grant: false,
    bot: world.apiUser(world.bot.id) satisfies APIUser,
    summary: '',
    verify_key: '0'.repeat(64),
    team: null,
    flags: NO_APPLICATION_FLAGS,
    flags_new: '0',
    approximate_guild_count: world.guilds.size,
  });

  /** Command routes must name our application; anything else is Discord's 10002 Unknown Application. */
  const ownApplication = (request: RestRequest): RestReply | null =>
    request.params.applicationId === backend.applicationId ? null : backend.reject('unknown-resource', where(request), discordErrors.unknownApplication());

  const knownGuild = (request: RestRequest): RestReply | null =>
    world.isMember(request.params.guildId ?? '', world.bot.id)
      ? null
      : backend.reject('missing-access', where(request), discordErrors.missingAccess());

  const putCommands = (request: RestRequest, guildId?: string): RestReply => {
    const result = backend.commands.replace(request.body, guildId);
    if (!result.ok) return backend.reject('invalid-command-definition', where(request), result.error);
    backend.changed();
    return { status: 200, body: result.commands };
  };

  return [
    {
      method: 'GET',
      path: '/gateway/bot',
      auth: 'bot',
      handle: (): RestReply => {
        const body: RESTGetAPIGatewayBotResult = {
          url: gatewayUrl(),
          shards: shardRules.recommendedShards(world.guilds.size),
          session_start_limit: shardRules.sessionStartLimit(),
        };
        return { status: 200, body };
      },
    },
    { method: 'GET', path: '/gateway', auth: 'none', handle: () => ({ status: 200, body: { url: gatewayUrl() } }) },
    { method: 'GET', path: '/users/@me', auth: 'bot', handle: () => ({ status: 200, body: world.apiUser(world.bot.id) }) },
    { method: 'GET', path: '/applications/@me', auth: 'bot', handle: () => ({ status: 200, body: application() }) },
    { method: 'GET', path: '/oauth2/applications/@me', auth: 'bot', handle: () => ({ status: 200, body: application() }) },
    {
      method: 'GET',
      path: '/applications/:applicationId/commands',
      auth: 'bot',
      handle: (request) => ownApplication(request) ?? { status: 200, body: backend.commands.list() },
    },
    {
      method: 'PUT',
      path: '/applications/:applicationId/commands',
      auth: 'bot',
      handle: (request) => ownApplication(request) ?? putCommands(request),
    },
    {
      method: 'GET',
      path: '/applications/:applicationId/guilds/:guildId/commands',
      auth: 'bot',
      handle: (request) => ownApplication(request) ?? knownGuild(request) ?? { status: 200, body: backend.commands.list(request.params.guildId) },
    },
    {
      method: 'PUT',
      path: '/applications/:applicationId/guilds/:guildId/commands',
      auth: 'bot',
      handle: (request) => ownApplication(request) ?? knownGuild(request) ?? putCommands(request, request.params.guildId),
    },
    {
      method: 'GET',
      path: '/guilds/:guildId',
      auth: 'bot',
      handle: (request) => {
        const denied = knownGuild(request);
        if (denied) return denied;
        const { channels: _channels, members: _members, ...guild } = guildCreatePayload(world, request.params.guildId ?? '');
        return { status: 200, body: guild };
      },
    },
    {
      method: 'GET',
      path: '/guilds/:guildId/channels',
      auth: 'bot',
      handle: (request) =>
        knownGuild(request) ?? {
          status: 200,
          body: world.requireGuild(request.params.guildId ?? '').channelIds.map((id) => world.apiChannel(id)),
        },
    },
    {
      method: 'GET',
      path: '/guilds/:guildId/roles/:roleId',
      auth: 'bot',
      handle: (request) => {
        const denied = knownGuild(request);
        if (denied) return denied;
        const role = world.requireGuild(request.params.guildId ?? '').roles.get(request.params.roleId ?? '');
        // Asking whether a role is the guild's is no broken rule: the answer is not recorded as a violation.
        return role ? { status: 200, body: apiRole(world, role) } : { status: 404, body: { code: 10011, message: 'Unknown Role' } };
      },
    },
    {
      method: 'GET',
      path: '/guilds/:guildId/members/:userId',
      auth: 'bot',
      handle: (request) => {
        const denied = knownGuild(request);
        if (denied) return denied;
        const guildId = request.params.guildId ?? '';
        const userId = request.params.userId ?? '';
        if (!world.isMember(guildId, userId)) {
          return backend.reject('unknown-resource', where(request), { status: 404, body: { code: 10007, message: 'Unknown Member' } });
        }
        return { status: 200, body: world.apiMember(guildId, userId) };
      },
    },
  ];
}

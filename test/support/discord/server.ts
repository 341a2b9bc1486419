import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GatewayDispatchEvents, GatewayIntentBits } from 'discord-api-types/v10';
import type { GatewayReadyDispatchData } from 'discord-api-types/v10';
import type { DiscordServerOptions, GuildInfo, LocalDiscord } from './api.js';
import { NO_APPLICATION_FLAGS, appRoutes } from './app-routes.js';
import { Backend } from './backend.js';
import { channelRoutes } from './channel-routes.js';
import { discordErrors } from './errors.js';
import { FaultPlan } from './faults.js';
import { Gateway } from './gateway.js';
import { apiRole, guildCreatePayload } from './guild-payload.js';
import { Router, sendJson } from './http.js';
import { InteractionDispatcher } from './interaction-dispatch.js';
import { InteractionBook } from './interactions.js';
import { ShardRules, shardOf } from './shards.js';
import { createRestHandler } from './rest-handler.js';
import { threadRoutes } from './thread-routes.js';
import { Waiter } from './waiter.js';
import type { GuildSeed } from './world.js';

export const DEFAULT_GUILD: GuildSeed = {
  name: 'Peace Talks Watch',
  channels: [{ name: 'news-alerts', topic: 'Alerts about the Russia–Ukraine peace talks' }, { name: 'daily-digest' }],
  members: [
    { username: 'analyst', globalName: 'Olena Analyst' },
    { username: 'moderator', globalName: 'Mod Mykola', permissions: ['ManageChannels', 'ManageMessages', 'ManageGuild'] },
  ],
};

const DEFAULTS = {
  ackDeadlineMs: 3_000,
  heartbeatIntervalMs: 41_250,
  nonceWindowMs: 5 * 60 * 1000,
  waitTimeoutMs: 5_000,
};

/** Starts a Discord stand-in on 127.0.0.1 that the real discord.js client can log in to. */
export async function startDiscordServer(options: DiscordServerOptions = {}): Promise<LocalDiscord> {
  let baseUrl = '';
  const backend = new Backend({
    botUsername: options.botUsername ?? 'wirewatch',
    now: options.now ?? Date.now,
    ackDeadlineMs: options.ackDeadlineMs ?? DEFAULTS.ackDeadlineMs,
    nonceWindowMs: options.nonceWindowMs ?? DEFAULTS.nonceWindowMs,
    baseUrl: () => baseUrl,
  });
  const { world, applicationId, token } = backend;
  for (const seed of options.guilds ?? [DEFAULT_GUILD]) world.createGuild(seed);

  const gatewayUrl = () => `${baseUrl.replace(/^http/, 'ws')}/gateway`;
  const shardRules = new ShardRules(options.sharding ?? {}, () => backend.now());
  const gateway = new Gateway({
    token,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? DEFAULTS.heartbeatIntervalMs,
    resumeUrl: () => `${gatewayUrl()}/resume`,
    shardRules,
    guildIds: () => [...world.guilds.keys()],
    ready: (sessionId, resumeUrl, shard, guildIds): GatewayReadyDispatchData => ({
      v: 10,
      user: world.apiUser(world.bot.id),
      guilds: guildIds.map((id) => ({ id, unavailable: true })),
      session_id: sessionId,
      resume_gateway_url: resumeUrl,
      shard: [shard[0], shard[1]],
      application: { id: applicationId, flags: NO_APPLICATION_FLAGS, flags_new: '0' },
    }),
    guildCreate: (guildId) => guildCreatePayload(world, guildId),
    violation: (kind, message) => backend.violate(kind, 'GATEWAY', message),
    changed: () => backend.changed(),
  });
  backend.gateway = gateway;
  const book = new InteractionBook(backend);
  const faults = new FaultPlan();
  const waiter = new Waiter(backend.events, options.waitTimeoutMs ?? DEFAULTS.waitTimeoutMs);
  const dispatcher = new InteractionDispatcher(backend, book, gateway, waiter);
  const handleRest = createRestHandler(backend, new Router([...appRoutes(backend, gatewayUrl, shardRules), ...channelRoutes(backend), ...threadRoutes(backend), ...book.routes()]), faults);

  const http = createServer((request, response) => {
    if (request.method === 'GET' && (request.url ?? '').startsWith('/attachments/')) {
      serveAttachment(backend, request.url ?? '', response);
      return;
    }
    handleRest(request, response).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      backend.violate('gateway-protocol', `${request.method} ${request.url}`, `The local Discord server failed: ${message}`);
      if (!response.headersSent) sendJson(response, { status: 500, body: discordErrors.internalServerError().body });
    });
  });
  http.on('upgrade', (request, socket, head) => {
    if ((request.url ?? '').startsWith('/gateway')) gateway.handleUpgrade(request, socket, head);
    else socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;

  const guildInfo = (guildId: string): GuildInfo => {
    const guild = world.requireGuild(guildId);
    const members = [...guild.members.keys()].filter((id) => id !== world.bot.id);
    return {
      id: guild.id,
      name: guild.name,
      channels: Object.fromEntries(guild.channelIds.map((id) => [world.requireChannel(id).name, id])),
      members: Object.fromEntries(members.map((id) => [world.requireUser(id).username, id])),
      ownerId: guild.ownerId,
    };
  };
  const announce = (event: GatewayDispatchEvents, data: unknown, intent: GatewayIntentBits, guildId: string) => {
    gateway.dispatch(event, data, intent, guildId);
    backend.changed();
  };

  return {
    url: baseUrl,
    apiUrl: `${baseUrl}/api`,
    gatewayUrl: gatewayUrl(),
    restOptions: { api: `${baseUrl}/api`, timeout: 2_000, retries: 2, offset: 0 },
    botToken: token,
    botUserId: world.bot.id,
    applicationId,
    get violations() {
      return backend.violations;
    },
    get requests() {
      return backend.requests;
    },
    get interactions() {
      return book.all();
    },
    get gatewayStats() {
      return { identifies: gateway.identifies, resumes: gateway.resumes, replayed: gateway.replayed, connected: gateway.connectedSessions.length };
    },
    get gatewaySessions() {
      return gateway.liveSessions.map((session) => ({ shard: session.shard, connected: session.socket !== null }));
    },
    shardOf,
    guilds: () => [...world.guilds.keys()].map(guildInfo),
    guild: (name) => {
      const guilds = [...world.guilds.values()];
      const guild = name === undefined ? guilds[0] : guilds.find((candidate) => candidate.name === name);
      if (!guild) throw new Error(`No guild named ${name ?? '(any)'}; known: ${guilds.map((known) => known.name).join(', ') || 'none'}.`);
      return guildInfo(guild.id);
    },
    createGuild: (seed) => {
      const guild = world.createGuild(seed);
      announce(GatewayDispatchEvents.GuildCreate, guildCreatePayload(world, guild.id), GatewayIntentBits.Guilds, guild.id);
      return guildInfo(guild.id);
    },
    createChannel: (guildId, seed) => {
      const channel = world.createChannel(guildId, seed);
      announce(GatewayDispatchEvents.ChannelCreate, world.apiChannel(channel.id), GatewayIntentBits.Guilds, guildId);
      return channel.id;
    },
    addMember: (guildId, seed) => {
      const user = world.addMember(guildId, seed);
      announce(GatewayDispatchEvents.GuildMemberAdd, { ...world.apiMember(guildId, user.id), guild_id: guildId }, GatewayIntentBits.GuildMembers, guildId);
      return user.id;
    },
    createRole: (guildId, seed) => {
      const role = world.createRole(guildId, seed);
      announce(GatewayDispatchEvents.GuildRoleCreate, { guild_id: guildId, role: apiRole(world, role) }, GatewayIntentBits.Guilds, guildId);
      return role.id;
    },
    setChannelPermissions: (channelId, switches, userId) => {
      const channel = world.setChannelPermissions(channelId, switches, userId);
      announce(GatewayDispatchEvents.ChannelUpdate, world.apiChannel(channelId), GatewayIntentBits.Guilds, channel.guildId);
    },
    commands: (guildId) => backend.commands.list(guildId),
    messages: (channelId) => backend.messages.inChannel(channelId),
    threads: (parentId) => world.threadsIn(parentId).map((thread) => ({
      id: thread.id,
      name: thread.name,
      appliedTags: (thread.thread?.appliedTags ?? []).map((tagId) => world.requireChannel(parentId).availableTags.find((tag) => tag.id === tagId)?.name ?? tagId),
      ownerId: thread.thread?.ownerId ?? '',
    })),
    uploadAttachment: (name, data, contentType = 'application/octet-stream') =>
      backend.messages.upload('uploads', { field: 'upload', name, contentType, size: data.length, data: Buffer.from(data) }).id,
    file: (url) => {
      const id = attachmentId(url);
      return id === null ? null : backend.messages.files.get(id)?.data ?? null;
    },
    sendSlashCommand: (input) => dispatcher.sendSlashCommand(input),
    sendAutocomplete: (input) => dispatcher.sendAutocomplete(input),
    sendButtonClick: (input) => dispatcher.sendButtonClick(input),
    failNext: (spec) => faults.add(spec),
    dropGatewayConnections: () => gateway.dropConnections(),
    waitFor: (probe, waitOptions) => waiter.waitFor(probe, waitOptions),
    close: async () => {
      book.close();
      waiter.cancelAll('The local Discord server was closed while waiting.');
      await gateway.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** The attachment id in ".../attachments/<folder>/<id>/<name>", or null. */
function attachmentId(url: string): string | null {
  return /\/attachments\/[^/]+\/(\d+)\//u.exec(url)?.[1] ?? null;
}

/** Files are served as Discord's CDN would: the bytes with their content type, or 404. */
function serveAttachment(backend: Backend, url: string, response: ServerResponse): void {
  const id = attachmentId(url);
  const file = id === null ? undefined : backend.messages.files.get(id);
  if (!file) {
    response.writeHead(404).end();
    return;
  }
  response.writeHead(200, { 'content-type': file.contentType || 'application/octet-stream', 'content-length': String(file.data.length) }).end(file.data);
}

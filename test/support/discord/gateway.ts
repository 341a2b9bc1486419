import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { deflateSync } from 'node:zlib';
import { GatewayCloseCodes, GatewayDispatchEvents, GatewayOpcodes } from 'discord-api-types/v10';
import type { GatewayIdentifyData, GatewayReadyDispatchData, GatewayResumeData } from 'discord-api-types/v10';
import { WebSocketServer } from 'ws';
import type { RawData, WebSocket } from 'ws';
import { shardOf } from './shards.js';
import type { ShardPair, ShardRules } from './shards.js';
import type { ViolationKind } from './violations.js';

interface DispatchFrame {
  op: GatewayOpcodes.Dispatch;
  t: string;
  s: number;
  d: unknown;
}

export interface GatewaySession {
  id: string;
  /** `[shard_id, num_shards]` from IDENTIFY; `[0, 1]` when unsharded. */
  shard: ShardPair;
  intents: number;
  compress: boolean;
  sequence: number;
  /** Dispatches kept for RESUME replays. */
  sent: DispatchFrame[];
  socket: WebSocket | null;
  resumes: number;
}

export interface GatewayHooks {
  token: string;
  heartbeatIntervalMs: number;
  shardRules: ShardRules;
  /** Every guild the bot is in; a session gets those of its shard. */
  guildIds(): readonly string[];
  /** Everything READY needs except the per-session fields. */
  ready(sessionId: string, resumeUrl: string, shard: ShardPair, guildIds: readonly string[]): GatewayReadyDispatchData;
  /** The GUILD_CREATE payload sent right after READY for each guild listed in it. */
  guildCreate(guildId: string): unknown;
  resumeUrl(): string;
  violation(kind: ViolationKind, message: string): void;
  /** Called after IDENTIFY, RESUME and disconnects, so waiters can re-check their conditions. */
  changed(event: 'identified' | 'resumed' | 'disconnected'): void;
}

const REPLAY_LIMIT = 1_000;
/** Close codes with which a client ends its session for good (Discord then forgets it). */
const SESSION_ENDING_CLOSE_CODES = new Set([1000, 1001]);

export class Gateway {
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, GatewaySession>();
  private readonly sockets = new Set<WebSocket>();
  identifies = 0;
  resumes = 0;
  /** Dispatches re-sent on RESUME because the client had missed them. */
  replayed = 0;

  constructor(private readonly hooks: GatewayHooks) {
    this.server.on('connection', (socket: WebSocket, request: IncomingMessage) => this.accept(socket, request));
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(request, socket, head, (ws) => this.server.emit('connection', ws, request));
  }

  /** Sessions that can receive dispatches now or after a resume. */
  get liveSessions(): GatewaySession[] {
    return [...this.sessions.values()];
  }

  get connectedSessions(): GatewaySession[] {
    return this.liveSessions.filter((session) => session.socket !== null);
  }

  /** Live sessions whose shard receives the guild's events. */
  sessionsFor(guildId: string): GatewaySession[] {
    return this.liveSessions.filter((session) => shardOf(guildId, session.shard[1]) === session.shard[0]);
  }

  /**
   * Sends to every live session that asked for `requiredIntent` (0: always sent, as for INTERACTION_CREATE) and,
   * for a guild's event, whose shard holds that guild (events without a guild go to shard 0, as DMs do).
   */
  dispatch(event: string, data: unknown, requiredIntent: number, guildId: string | null): void {
    const sessions = guildId === null ? this.liveSessions.filter((session) => session.shard[0] === 0) : this.sessionsFor(guildId);
    for (const session of sessions) {
      if ((session.intents & requiredIntent) === requiredIntent) this.sendDispatch(session, event, data);
    }
  }

  /** Cuts every socket without a close frame, as a network failure would; sessions stay resumable. */
  dropConnections(): number {
    const sockets = [...this.sockets];
    for (const socket of sockets) socket.terminate();
    return sockets.length;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    this.sessions.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: WebSocket, request: IncomingMessage): void {
    this.sockets.add(socket);
    const query = new URL(request.url ?? '/', 'ws://127.0.0.1').searchParams;
    if (query.get('v') !== '10') {
      socket.close(GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version');
      return;
    }
    if ((query.get('encoding') ?? 'json') !== 'json') {
      this.hooks.violation('gateway-protocol', `Only encoding=json is served; got ${query.get('encoding')}.`);
      socket.close(GatewayCloseCodes.DecodeError, 'Only JSON encoding is supported');
      return;
    }
    // zlib-stream transport compression (query "compress") is ignored: frames go out as plain JSON text,
    // which discord.js parses whatever it asked for.
    let session: GatewaySession | null = null;
    socket.on('message', (raw: RawData) => {
      const payload = parse(raw);
      if (!payload) {
        this.hooks.violation('gateway-protocol', 'Gateway payload was not valid JSON.');
        socket.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload');
        return;
      }
      session = this.onPayload(socket, session, payload);
    });
    socket.on('close', (code: number) => {
      this.sockets.delete(socket);
      if (session && session.socket === socket) {
        session.socket = null;
        if (SESSION_ENDING_CLOSE_CODES.has(code)) this.sessions.delete(session.id);
      }
      this.hooks.changed('disconnected');
    });
    socket.on('error', () => undefined);
    this.send(socket, false, { op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.hooks.heartbeatIntervalMs } });
  }

  private onPayload(socket: WebSocket, session: GatewaySession | null, payload: { op: number; d: unknown }): GatewaySession | null {
    switch (payload.op) {
      case GatewayOpcodes.Heartbeat:
        this.send(socket, session?.compress ?? false, { op: GatewayOpcodes.HeartbeatAck });
        return session;
      case GatewayOpcodes.Identify:
        if (session) {
          socket.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated');
          return session;
        }
        return this.identify(socket, payload.d as GatewayIdentifyData);
      case GatewayOpcodes.Resume:
        return this.resume(socket, payload.d as GatewayResumeData);
      case GatewayOpcodes.PresenceUpdate:
      case GatewayOpcodes.VoiceStateUpdate:
      case GatewayOpcodes.RequestGuildMembers:
        if (!session) socket.close(GatewayCloseCodes.NotAuthenticated, 'Not authenticated');
        return session;
      default:
        this.hooks.violation('gateway-protocol', `Unknown gateway opcode ${payload.op}.`);
        socket.close(GatewayCloseCodes.UnknownOpcode, 'Unknown opcode');
        return session;
    }
  }

  private identify(socket: WebSocket, data: GatewayIdentifyData): GatewaySession | null {
    if (data.token !== this.hooks.token) {
      socket.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed');
      return null;
    }
    if (typeof data.intents !== 'number') {
      socket.close(GatewayCloseCodes.InvalidIntents, 'Invalid intent(s)');
      return null;
    }
    const allGuilds = this.hooks.guildIds();
    const admission = this.hooks.shardRules.admit(data.shard, allGuilds, this.liveSessions);
    if (!admission.admitted) {
      this.hooks.violation(admission.kind, admission.message);
      if (admission.refusal === 'invalid-session') this.send(socket, false, { op: GatewayOpcodes.InvalidSession, d: false });
      else socket.close(admission.refusal.close, admission.refusal.reason);
      return null;
    }
    const shard: ShardPair = data.shard ? [data.shard[0], data.shard[1]] : [0, 1];
    for (const problem of admission.problems) this.hooks.violation(problem.kind, problem.message);
    const session: GatewaySession = {
      id: randomBytes(16).toString('hex'),
      shard,
      intents: data.intents,
      compress: data.compress === true,
      sequence: 0,
      sent: [],
      socket,
      resumes: 0,
    };
    this.sessions.set(session.id, session);
    this.hooks.shardRules.started(session);
    this.identifies += 1;
    const guildIds = allGuilds.filter((id) => shardOf(id, shard[1]) === shard[0]);
    this.sendDispatch(session, GatewayDispatchEvents.Ready, this.hooks.ready(session.id, this.hooks.resumeUrl(), shard, guildIds));
    for (const guildId of guildIds) this.sendDispatch(session, GatewayDispatchEvents.GuildCreate, this.hooks.guildCreate(guildId));
    this.hooks.changed('identified');
    return session;
  }

  private resume(socket: WebSocket, data: GatewayResumeData): GatewaySession | null {
    const session = this.sessions.get(data.session_id);
    if (!session || data.token !== this.hooks.token) {
      this.send(socket, false, { op: GatewayOpcodes.InvalidSession, d: false });
      return null;
    }
    if (session.socket && session.socket !== socket) session.socket.terminate();
    session.socket = socket;
    for (const frame of session.sent) {
      if (frame.s <= data.seq) continue;
      this.send(socket, session.compress, frame);
      this.replayed += 1;
    }
    this.sendDispatch(session, GatewayDispatchEvents.Resumed, null);
    session.resumes += 1;
    this.resumes += 1;
    this.hooks.changed('resumed');
    return session;
  }

  private sendDispatch(session: GatewaySession, event: string, data: unknown): void {
    session.sequence += 1;
    const frame: DispatchFrame = { op: GatewayOpcodes.Dispatch, t: event, s: session.sequence, d: data };
    session.sent.push(frame);
    if (session.sent.length > REPLAY_LIMIT) session.sent.shift();
    if (session.socket) this.send(session.socket, session.compress, frame);
  }

  private send(socket: WebSocket, compress: boolean, payload: object): void {
    if (socket.readyState !== socket.OPEN) return;
    const text = JSON.stringify(payload);
    // IDENTIFY {compress: true} asks for each payload zlib-deflated in a binary frame.
    if (compress) socket.send(deflateSync(text));
    else socket.send(text);
  }
}

function parse(raw: RawData): { op: number; d: unknown } | null {
  try {
    const text = Array.isArray(raw) ? Buffer.concat(raw).toString('utf8') : Buffer.from(raw as ArrayBuffer).toString('utf8');
    const value = JSON.parse(text) as unknown;
    if (typeof value === 'object' && value !== null && typeof (value as { op?: unknown }).op === 'number') {
      return value as { op: number; d: unknown };
    }
    return null;
  } catch {
    return null;
  }
}

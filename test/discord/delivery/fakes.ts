import { DiscordAPIError, HTTPError } from 'discord.js';
import type { ChannelGuilds, Scheduler } from '../../../src/discord/delivery/worker.js';
import type { CreateMessageBody, MessageSender } from '../../../src/discord/delivery/sender.js';
import type { MessageBody } from '../../../src/discord/delivery/message-body.js';

export class FakeClock {
  constructor(public time = Date.UTC(2025, 7, 20, 9, 0)) {}
  now = (): number => this.time;
  advance(ms: number): void {
    this.time += ms;
  }
}

/** Records timers instead of running them: tests move the clock and call drain(). */
export class FakeScheduler implements Scheduler {
  readonly timers = new Map<number, { callback: () => void; ms: number }>();
  private nextHandle = 1;
  setTimeout(callback: () => void, ms: number): unknown {
    const handle = this.nextHandle++;
    this.timers.set(handle, { callback, ms });
    return handle;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  /** Fires the timers armed now, as if their delays had passed. */
  fireAll(): void {
    const armed = [...this.timers.values()];
    this.timers.clear();
    for (const timer of armed) timer.callback();
  }
  /** Delays of the timers still armed. */
  delays(): number[] {
    return [...this.timers.values()].map((timer) => timer.ms);
  }
}

export interface PostedMessage {
  id: string;
  channelId: string;
  body: MessageBody;
  nonce: string;
  edits: MessageBody[];
}

/** 'posted-but-lost': Discord posted it but the answer never arrived; 'posted-then-crash': the answer never comes. */
type Outcome = 'ok' | 'posted-but-lost' | 'posted-then-crash' | Error;

/**
 * Stands in for Discord: keeps messages per channel, honours enforce_nonce like Discord does (a repeated nonce
 * returns the message already created) and fails calls as scripted per channel.
 */
export class FakeSender implements MessageSender {
  readonly messages: PostedMessage[] = [];
  readonly calls: { op: 'create' | 'edit'; channelId: string; nonce?: string; messageId?: string }[] = [];
  private readonly scripts = new Map<string, Outcome[]>();
  private readonly waiters: { count: number; resolve: () => void }[] = [];
  private nextId = 1000;

  /** The next calls to this channel end like this, in order; after the script, calls succeed. */
  script(channelId: string, ...outcomes: Outcome[]): void {
    this.scripts.set(channelId, [...(this.scripts.get(channelId) ?? []), ...outcomes]);
  }

  async createMessage(channelId: string, body: CreateMessageBody): Promise<{ id: string }> {
    this.calls.push({ op: 'create', channelId, nonce: body.nonce });
    const outcome = this.nextOutcome(channelId);
    if (outcome instanceof Error) throw outcome;
    const { nonce, enforce_nonce: _enforce, ...message } = body;
    const existing = this.messages.find((posted) => posted.channelId === channelId && posted.nonce === nonce);
    const posted = existing ?? { id: String(this.nextId++), channelId, body: message, nonce, edits: [] };
    if (!existing) this.messages.push(posted);
    for (const waiter of this.waiters.filter((entry) => this.messages.length >= entry.count)) waiter.resolve();
    if (outcome === 'posted-but-lost') throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    if (outcome === 'posted-then-crash') return new Promise<never>(() => {});
    return { id: posted.id };
  }

  async editMessage(channelId: string, messageId: string, body: MessageBody): Promise<{ id: string }> {
    this.calls.push({ op: 'edit', channelId, messageId });
    const outcome = this.nextOutcome(channelId);
    if (outcome instanceof Error) throw outcome;
    const posted = this.messages.find((message) => message.id === messageId && message.channelId === channelId);
    if (!posted) throw discordError(404, 10008, 'Unknown Message');
    posted.edits.push(body);
    return { id: messageId };
  }

  /** Resolves once Discord holds this many messages. */
  messagesReach(count: number): Promise<void> {
    if (this.messages.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  inChannel(channelId: string): PostedMessage[] {
    return this.messages.filter((message) => message.channelId === channelId);
  }

  private nextOutcome(channelId: string): Outcome {
    const script = this.scripts.get(channelId);
    return script?.shift() ?? 'ok';
  }
}

export function discordError(status: number, code: number, message: string): DiscordAPIError {
  return new DiscordAPIError({ code, message }, code, status, 'POST', 'https://discord.com/api/v10/channels/1/messages', { body: undefined, files: undefined });
}

export function serverError(status = 502): HTTPError {
  return new HTTPError(status, 'Bad Gateway', 'POST', 'https://discord.com/api/v10/channels/1/messages', { body: undefined, files: undefined });
}

export function networkError(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:443'), { code: 'ECONNREFUSED' });
}

export function rateLimited(retryAfterSeconds: number): DiscordAPIError {
  return new DiscordAPIError(
    { code: 0, message: 'You are being rate limited.', retry_after: retryAfterSeconds, global: false } as never,
    0,
    429,
    'POST',
    'https://discord.com/api/v10/channels/1/messages',
    { body: undefined, files: undefined },
  );
}

export function notice(text: string): MessageBody {
  return { embeds: [{ description: text }], allowed_mentions: { parse: [] } };
}

/** Discord-shaped snowflakes for readable tests. */
export const ids = {
  guild: '111111111111111111',
  otherGuild: '222222222222222222',
  channelA: '300000000000000001',
  channelB: '300000000000000002',
  channelC: '300000000000000003',
  systemChannel: '300000000000000009',
  moderator: '400000000000000001',
};

/** Where the channels above live: channel C in the other guild, the rest in the guild. */
export const fakeChannelGuilds: ChannelGuilds = {
  guildOf: async (channelId) => (channelId === ids.channelC ? ids.otherGuild : ids.guild),
};

import { Routes, type REST } from 'discord.js';
import type { OutboxMessage, OutboxStore } from '../../store/outbox.js';
import type { MessageBody } from './message-body.js';
import type { MessageSender } from './sender.js';
import { matchingTags, readThreadStart, type ThreadStart } from './thread-start.js';

/** The Discord calls threads and forum posts need. Errors are thrown as discord.js throws them. */
export interface ThreadSender {
  /** Starts a thread on a message; one that already has its thread answers with that thread's id (the message's). */
  startThread(channelId: string, messageId: string, name: string): Promise<{ id: string }>;
  /** Starts a forum post; its first message has the post's id. Must not be retried blindly: see findForumPost. */
  createForumPost(forumId: string, post: { name: string; appliedTags: string[]; message: MessageBody }): Promise<{ id: string }>;
  /** The forum's tags. */
  forumTags(forumId: string): Promise<{ id: string; name: string }[]>;
  /** Active forum posts wirewatch itself started in this forum: id and name. */
  ownForumPosts(guildId: string, forumId: string): Promise<{ id: string; name: string }[]>;
}

export type ThreadDelivery = { ok: true; messageId: string; threadId: string | null } | { ok: false; reason: string };

/** Discord's snowflake epoch: an id's creation time is its top bits plus this (ms). */
const DISCORD_EPOCH = 1_420_070_400_000n;
/** How much earlier than our first attempt (clock skew) a post may be dated and still be ours. */
const ATTEMPT_SKEW_MS = 60_000;

export interface ThreadDeliveryDeps {
  outbox: OutboxStore;
  sender: MessageSender;
  threads: ThreadSender;
  now: () => number;
}

/** Whether a row is delivered through threads: it starts one, or is posted inside one. */
export function usesThread(row: OutboxMessage): boolean {
  return row.threadStartJson !== null || row.inThreadOf !== null;
}

/**
 * Sends a row that starts a thread or goes into one, exactly once across crashes and retries:
 * - a reply goes into the thread its row started, with the row's nonce (enforce_nonce), like any message;
 * - a thread on an alert: the message first (nonce), recorded, then the thread on it (a message has at most one
 *   thread, with the message's id, so asking again after a lost answer finds it);
 * - a forum post carries no nonce, so before asking for it the row records the attempt, and a retry first looks
 *   among the forum's active posts for one wirewatch started with that name since then, not recorded by any row.
 */
export async function deliverThreaded(row: OutboxMessage, body: MessageBody, deps: ThreadDeliveryDeps): Promise<ThreadDelivery> {
  const { outbox, sender, threads } = deps;
  if (row.inThreadOf !== null) {
    const starter = await outbox.byId(row.inThreadOf);
    if (!starter?.threadId) return { ok: false, reason: `the thread this is posted in was not started (${starter ? starter.status : 'missing'})` };
    const message = await sender.createMessage(starter.threadId, { ...body, nonce: row.nonce, enforce_nonce: true });
    return { ok: true, messageId: message.id, threadId: null };
  }
  const start = row.threadStartJson === null ? null : readThreadStart(row.threadStartJson);
  if (!start) return { ok: false, reason: 'the stored thread start is unreadable' };
  if (start.forum) return deliverForumPost(row, body, start, deps);
  const messageId = row.messageId ?? (await sender.createMessage(row.channelId, { ...body, nonce: row.nonce, enforce_nonce: true })).id;
  if (row.messageId === null) await outbox.recordMessage(row.id, messageId);
  const thread = await threads.startThread(row.channelId, messageId, start.name);
  return { ok: true, messageId, threadId: thread.id };
}

async function deliverForumPost(row: OutboxMessage, body: MessageBody, start: ThreadStart, deps: ThreadDeliveryDeps): Promise<ThreadDelivery> {
  const { outbox, threads, now } = deps;
  if (row.threadAttemptedAt !== null) {
    const earlier = await findUnrecordedPost(row, start, row.threadAttemptedAt, deps);
    if (earlier !== null) return { ok: true, messageId: earlier, threadId: earlier };
  } else {
    await outbox.markThreadAttempt(row.id, now());
  }
  const appliedTags = matchingTags(await threads.forumTags(row.channelId), start.topics);
  const post = await threads.createForumPost(row.channelId, { name: start.name, appliedTags, message: body });
  return { ok: true, messageId: post.id, threadId: post.id };
}

/** A post wirewatch made in this forum with this name since the first attempt, that no outbox row owns. */
async function findUnrecordedPost(row: OutboxMessage, start: ThreadStart, attemptedAt: number, deps: ThreadDeliveryDeps): Promise<string | null> {
  const posts = await deps.threads.ownForumPosts(row.guildId, row.channelId);
  const candidates = [];
  for (const post of posts) {
    if (post.name === start.name && createdAt(post.id) >= attemptedAt - ATTEMPT_SKEW_MS && !(await deps.outbox.hasThread(post.id))) candidates.push(post);
  }
  candidates.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  return candidates[0]?.id ?? null;
}

function createdAt(snowflake: string): number {
  return Number((BigInt(snowflake) >> 22n) + DISCORD_EPOCH);
}

/**
 * The production sender. `rest` is the client's; `noRetryRest` is the same API without automatic retries, for the
 * one call that carries no nonce (a forum post): discord.js would otherwise repeat it after a 5xx or a timeout,
 * and a post whose answer was lost would be made twice. The delivery worker retries it instead, after looking.
 */
export function restThreadSender(rest: Pick<REST, 'get' | 'post'>, noRetryRest: Pick<REST, 'post'>, botUserId: () => Promise<string>): ThreadSender {
  return {
    async startThread(channelId, messageId, name) {
      try {
        return idOf(await rest.post(Routes.threads(channelId, messageId), { body: { name } }));
      } catch (error) {
        // "A thread has already been created for this message": an earlier attempt made it, with the message's id.
        if ((error as { code?: unknown }).code === 160004) return { id: messageId };
        throw error;
      }
    },
    async createForumPost(forumId, post) {
      return idOf(await noRetryRest.post(Routes.threads(forumId), { body: { name: post.name, applied_tags: post.appliedTags, message: post.message } }));
    },
    async forumTags(forumId) {
      const channel = (await rest.get(Routes.channel(forumId))) as { available_tags?: { id: string; name: string }[] };
      return (channel.available_tags ?? []).map(({ id, name }) => ({ id, name }));
    },
    async ownForumPosts(guildId, forumId) {
      const active = (await rest.get(Routes.guildActiveThreads(guildId))) as { threads?: { id: string; name?: string; parent_id?: string; owner_id?: string }[] };
      const ownerId = await botUserId();
      return (active.threads ?? [])
        .filter((thread) => thread.parent_id === forumId && thread.owner_id === ownerId)
        .map((thread) => ({ id: thread.id, name: thread.name ?? '' }));
    },
  };
}

function idOf(response: unknown): { id: string } {
  const id = typeof response === 'object' && response !== null ? (response as { id?: unknown }).id : undefined;
  if (typeof id !== 'string') throw new Error('Discord answered a thread request without an id');
  return { id };
}

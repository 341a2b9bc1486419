import type { Logger } from '../../logging.js';
import type { OutboxMessage, OutboxStore } from '../../store/outbox.js';
import type { SubscriptionStore } from '../../store/subscriptions.js';
import { renderPausedNotice } from '../render/notice.js';
import { readStoredPayload, type MessageBody } from './message-body.js';
import { classifyDeliveryError, DEFAULT_BACKOFF, retryDelayMs, type BackoffOptions, type DeliveryFailure } from './errors.js';
import type { MessageSender } from './sender.js';
import { deliverThreaded, usesThread, type ThreadSender } from './thread-delivery.js';

/** Channel heads taken per look at the queue for each of the worker's parallel senders. */
const HEADS_PER_SENDER = 8;

/** Where to tell a guild that wirewatch lost access to one of its channels. The Discord client layer implements it. */

export interface GuildNoticeChannels {
  /**
   * A channel of the guild where wirewatch may post (the system channel, else the first text channel where it
   * can send messages and embeds), other than `unavailableChannelId`; null when there is none.
   */
  findNoticeChannel(guildId: string, unavailableChannelId: string): Promise<string | null>;
}

/** Which guild a channel belongs to, as Discord says (null: no channel wirewatch can see). */
export interface ChannelGuilds {
  guildOf(channelId: string): Promise<string | null>;
}

export interface Scheduler {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Real timers, unref'd: a pending retry never keeps the process alive on its own. */
export const timerScheduler: Scheduler = {
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface DeliveryWorkerOptions {
  outbox: OutboxStore;
  subscriptions: SubscriptionStore;
  sender: MessageSender;
  /** Forum posts and threads; without it, rows that need them fail. */
  threads?: ThreadSender;
  noticeChannels: GuildNoticeChannels;
  channelGuilds: ChannelGuilds;
  now: () => number;
  scheduler?: Scheduler;
  random?: () => number;
  logger?: Pick<Logger, 'info' | 'warn' | 'error'>;
  /** Attempts before a transiently failing row is given up (default 10: about two hours with the default backoff). */
  maxAttempts?: number;
  /** How many channels are sent to at once (rows within a channel are always one at a time, in order). */
  concurrency?: number;
  backoff?: BackoffOptions;
  /** Called after each row is sent (metrics). */
  onSent?: (row: OutboxMessage, sentAt: number) => void;
  /**
   * While running and idle, look at the outbox this often: rows queued by other instances sharing the database come
   * with no kick here. Without it (one instance alone on its database), kicks and retries alone wake the worker.
   */
  lookEveryMs?: number;
}

/**
 * Sends the outbox: each channel's rows in creation order, retrying transient failures with backoff,
 * pausing a channel's subscriptions (and telling its guild once) when wirewatch cannot post there.
 */
export class DeliveryWorker {
  private running = false;
  private cycle: Promise<void> | null = null;
  private kickedDuringCycle = false;
  private timer: unknown = null;
  private readonly scheduler: Scheduler;
  private readonly random: () => number;
  private readonly maxAttempts: number;
  private readonly concurrency: number;
  private readonly backoff: BackoffOptions;

  constructor(private readonly options: DeliveryWorkerOptions) {
    this.scheduler = options.scheduler ?? timerScheduler;
    this.random = options.random ?? Math.random;
    this.maxAttempts = options.maxAttempts ?? 10;
    this.concurrency = options.concurrency ?? 4;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
  }

  /** Starts sending; rows left pending by an earlier run go out first. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.kick();
  }

  /** Stops after the sends in flight finish; nothing new is started. */
  async stop(): Promise<void> {
    this.running = false;
    this.clearTimer();
    await this.cycle;
  }

  /** New rows were added. Safe to call inside a database transaction: the work starts after the current task. */
  kick(): void {
    if (!this.running) return;
    if (this.cycle) {
      this.kickedDuringCycle = true;
      return;
    }
    this.cycle = Promise.resolve()
      .then(() => this.runCycle())
      .catch((error: unknown) => this.options.logger?.error({ err: error }, 'delivery cycle failed'))
      .finally(() => {
        this.cycle = null;
        if (this.kickedDuringCycle) {
          this.kickedDuringCycle = false;
          this.kick();
        }
      });
  }

  /** Resolves once nothing is due: every pending row is sent, given up, or waiting for a later retry. */
  async drain(): Promise<void> {
    for (;;) {
      if (this.cycle) {
        await this.cycle;
        continue;
      }
      if (!this.running || (await this.options.outbox.dueHeads(this.options.now(), 1)).length === 0) return;
      this.kick();
    }
  }

  private async runCycle(): Promise<void> {
    this.clearTimer();
    while (this.running) {
      // Many channel heads per look: finding them reads the whole pending queue, which a busy hour makes long.
      const due = await this.options.outbox.dueHeads(this.options.now(), this.concurrency * HEADS_PER_SENDER);
      if (due.length === 0) break;
      let next = 0;
      const sender = async (): Promise<void> => {
        for (let row = due[next++]; row !== undefined && this.running; row = due[next++]) await this.deliver(row);
      };
      await Promise.all(Array.from({ length: this.concurrency }, sender));
    }
    if (this.running) await this.scheduleNextLook();
  }

  /** Wakes for the next retry that is due, or sooner to look for rows other instances queued. */
  private async scheduleNextLook(): Promise<void> {
    const at = await this.options.outbox.nextAttemptAt();
    const retryInMs = at === null ? Infinity : Math.max(0, at - this.options.now());
    const waitMs = Math.min(retryInMs, this.options.lookEveryMs ?? Infinity);
    if (waitMs === Infinity || !this.running) return;
    this.timer = this.scheduler.setTimeout(() => {
      this.timer = null;
      this.kick();
    }, waitMs);
  }

  private clearTimer(): void {
    if (this.timer === null) return;
    this.scheduler.clearTimeout(this.timer);
    this.timer = null;
  }

  private async deliver(row: OutboxMessage): Promise<void> {
    const { outbox, sender, now } = this.options;
    const payload = readStoredPayload(row.payloadJson);
    if (!payload.ok) {
      await outbox.markFailed(row.id, payload.error, false);
      this.options.logger?.error({ outbox_id: row.id, channel_id: row.channelId, reason: payload.error }, 'outbox payload unreadable');
      return;
    }
    if (usesThread(row)) {
      await this.deliverThreaded(row, payload.body);
      return;
    }
    let editedMessageId: string | null = null;
    if (row.kind === 'alert-edit') {
      // Rows of a channel go out in order, so the alert an edit targets has been sent or given up on by now.
      const original = row.editsOutboxId === null ? null : await outbox.byId(row.editsOutboxId);
      if (!original?.messageId || original.status !== 'sent') {
        await outbox.markFailed(row.id, `the alert this edits was not posted (${original ? original.status : 'missing'})`, false);
        return;
      }
      editedMessageId = original.messageId;
    }
    const body = payload.body;
    let messageId: string;
    try {
      if (!(await this.inOwnGuild(row))) return;
      messageId = editedMessageId === null
        ? (await sender.createMessage(row.channelId, { ...body, nonce: row.nonce, enforce_nonce: true })).id
        : (await sender.editMessage(row.channelId, editedMessageId, body)).id;
    } catch (error) {
      await this.handleFailure(row, classifyDeliveryError(error));
      return;
    }
    const sentAt = now();
    await outbox.markSent(row.id, messageId, sentAt);
    this.options.onSent?.(row, sentAt);
  }

  /** A forum post, a thread on an alert, or a message inside one (see deliverThreaded). */
  private async deliverThreaded(row: OutboxMessage, body: MessageBody): Promise<void> {
    const { outbox, sender, threads, now } = this.options;
    if (!threads) {
      await outbox.markFailed(row.id, 'this wirewatch cannot post threads', false);
      return;
    }
    let result: Awaited<ReturnType<typeof deliverThreaded>>;
    try {
      if (!(await this.inOwnGuild(row))) return;
      result = await deliverThreaded(row, body, { outbox, sender, threads, now });
    } catch (error) {
      await this.handleFailure(row, classifyDeliveryError(error));
      return;
    }
    if (!result.ok) {
      await outbox.markFailed(row.id, result.reason, false);
      return;
    }
    const sentAt = now();
    await outbox.markSent(row.id, result.messageId, sentAt, result.threadId);
    this.options.onSent?.(row, sentAt);
  }

  /**
   * A row is posted only in a channel of the guild it was queued for (its subscription's): whatever put another
   * guild's channel in a subscription, nothing is posted there. A refused row fails without pausing anything.
   */
  private async inOwnGuild(row: OutboxMessage): Promise<boolean> {
    const subscription = row.subscriptionId === null ? null : await this.options.subscriptions.byId(row.subscriptionId);
    const expected = subscription?.guildId ?? row.guildId;
    const actual = await this.options.channelGuilds.guildOf(row.channelId);
    if (actual === expected && row.guildId === expected) return true;
    const reason = `channel ${row.channelId} is not in server ${expected}`;
    await this.options.outbox.markFailed(row.id, reason, false);
    this.options.logger?.warn({ outbox_id: row.id, channel_id: row.channelId, guild_id: expected, channel_guild_id: actual }, 'refused to post in a channel of another server');
    return false;
  }

  private async handleFailure(row: OutboxMessage, failure: DeliveryFailure): Promise<void> {
    const { outbox, now, logger } = this.options;
    const context = { outbox_id: row.id, channel_id: row.channelId, guild_id: row.guildId, kind: row.kind, reason: failure.reason };
    if (failure.kind === 'retry') {
      const attempts = row.attempts + 1;
      if (attempts >= this.maxAttempts) {
        await outbox.markFailed(row.id, `gave up after ${attempts} attempts: ${failure.reason}`);
        logger?.error({ ...context, attempts }, 'delivery given up');
        return;
      }
      await outbox.markRetry(row.id, failure.reason, now() + retryDelayMs(attempts, failure.retryAfterMs, this.random, this.backoff));
      logger?.warn({ ...context, attempts }, 'delivery failed, will retry');
      return;
    }
    await outbox.markFailed(row.id, failure.reason);
    if (failure.kind === 'rejected') {
      logger?.warn(context, 'Discord rejected the message');
      return;
    }
    await this.pauseChannel(row, failure.reason);
  }

  /** A notice that cannot be posted only fails: it must never pause anything or cause another notice. */
  private async pauseChannel(row: OutboxMessage, reason: string): Promise<void> {
    if (row.kind === 'notice') return;
    const { outbox, subscriptions, now, logger } = this.options;
    const paused = await subscriptions.pauseChannel(row.channelId, reason, now());
    await outbox.failPendingForChannel(row.channelId, `wirewatch cannot post in this channel: ${reason}`);
    logger?.warn({ channel_id: row.channelId, guild_id: row.guildId, paused, reason }, 'cannot post in channel; subscriptions paused');
    if (paused === 0) return;
    const noticeChannel = await this.options.noticeChannels.findNoticeChannel(row.guildId, row.channelId);
    if (noticeChannel === null) {
      logger?.warn({ guild_id: row.guildId, channel_id: row.channelId }, 'no channel to tell the guild its subscriptions were paused');
      return;
    }
    await outbox.enqueue(
      {
        guildId: row.guildId,
        channelId: noticeChannel,
        kind: 'notice',
        noticeKey: `paused:${row.channelId}`,
        payload: renderPausedNotice({ channelId: row.channelId, reason, pausedCount: paused }),
      },
      now(),
    );
    this.kick();
  }
}

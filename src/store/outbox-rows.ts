import { randomFillSync } from 'node:crypto';
import type { NewOutboxMessage, OutboxMessage } from './outbox.js';

/** What both outbox backends share: a new row's parameters and nonce, the row as written, flood control's reads. */

const SALT_BYTES = 9;
const saltPool = { bytes: Buffer.alloc(SALT_BYTES * 512), used: Infinity };

/** 9 random bytes as 12 characters for a nonce, drawn from a pool refilled every 512 (a fan-out writes thousands). */
export function randomSalt(): string {
  if (saltPool.used + SALT_BYTES > saltPool.bytes.length) {
    randomFillSync(saltPool.bytes);
    saltPool.used = 0;
  }
  const salt = saltPool.bytes.toString('base64url', saltPool.used, saltPool.used + SALT_BYTES);
  saltPool.used += SALT_BYTES;
  return salt;
}

/** A nonce Discord accepts (≤ 25 characters): the row id plus a random salt, so it is unique even across databases. */
export function nonceFor(id: number, salt: string): string {
  return `w${id.toString(36)}.${salt}`.slice(0, 25);
}

/** What flood control reads about a channel (see alertActivity). */
export interface ChannelAlertActivity {
  channelId: string;
  alertsSince: number;
  lastNoticeAt: number | null;
}

/** Both backends' alertActivity: a record per channel asked about, from the rows of its two queries. */
export function channelActivity(
  channelIds: readonly string[],
  counts: readonly { channelId: string; alerts: number }[],
  notices: readonly { channelId: string; at: number }[],
): ChannelAlertActivity[] {
  const alerts = new Map(counts.map((row) => [row.channelId, Number(row.alerts)]));
  const noticed = new Map(notices.map((row) => [row.channelId, Number(row.at)]));
  return channelIds.map((channelId) => ({ channelId, alertsSince: alerts.get(channelId) ?? 0, lastNoticeAt: noticed.get(channelId) ?? null }));
}

type OutboxRowParams = Pick<
  OutboxMessage,
  'guildId' | 'channelId' | 'subscriptionId' | 'kind' | 'storyId' | 'editsOutboxId' | 'noticeKey' | 'payloadJson' | 'threadStartJson' | 'inThreadOf'
> & { status: 'pending' | 'held'; now: number };

/** The columns of a new outbox row as named parameters, for both backends (the nonce aside). */
export function outboxRowParams(message: NewOutboxMessage, now: number): OutboxRowParams {
  return {
    guildId: message.guildId,
    channelId: message.channelId,
    subscriptionId: message.subscriptionId ?? null,
    kind: message.kind,
    storyId: message.storyId ?? null,
    editsOutboxId: message.editsOutboxId ?? null,
    noticeKey: message.noticeKey ?? null,
    payloadJson: JSON.stringify(message.payload),
    status: message.status ?? 'pending',
    now,
    threadStartJson: message.threadStart === undefined ? null : JSON.stringify(message.threadStart),
    inThreadOf: message.inThreadOf ?? null,
  };
}

/** A row just written, as byId would read it back (read again, it costs a query per row of a fan-out). */
export function newOutboxRow(id: number, nonce: string, params: OutboxRowParams): OutboxMessage {
  return {
    id,
    guildId: params.guildId,
    channelId: params.channelId,
    subscriptionId: params.subscriptionId,
    kind: params.kind,
    storyId: params.storyId,
    editsOutboxId: params.editsOutboxId,
    noticeKey: params.noticeKey,
    payloadJson: params.payloadJson,
    nonce,
    status: params.status,
    attempts: 0,
    nextAttemptAt: params.now,
    lastError: null,
    messageId: null,
    createdAt: params.now,
    sentAt: null,
    threadStartJson: params.threadStartJson,
    inThreadOf: params.inThreadOf,
    threadId: null,
    threadAttemptedAt: null,
  };
}

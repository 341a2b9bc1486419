import type { OutboxStore } from '../../store/outbox.js';
import type { FeedStore, StoredFeed } from '../../store/feeds.js';
import type { SubscriptionStore } from '../../store/subscriptions.js';
import { redactedUrl, redactUrlsIn } from '../../ingest/redact-url.js';
import { renderFeedDisabledNotice } from '../render/notice.js';

export interface FeedHealthDeps {
  feeds: Pick<FeedStore, 'owners'>;
  subscriptions: SubscriptionStore;
  outbox: OutboxStore;
  now: () => number;
}

/**
 * Tells the subscribed channels of every guild that depends on a feed that it was disabled, with the reason.
 * Every configured feed serves every topic subscription, so that is every guild with an active subscription;
 * a feed guilds added concerns those guilds only, each told under its own name for the outlet. The notice is
 * posted where every member reads it, so the URL is shown without credentials, query or fragment. A channel is
 * told once per failure streak: not again unless the feed has worked since the last notice. Returns how many
 * notices were queued; call the worker's kick().
 */
export async function enqueueFeedDisabledNotices(
  deps: FeedHealthDeps,
  feed: Pick<StoredFeed, 'id' | 'outlet' | 'url' | 'origin' | 'lastSuccessAt'>,
  reason: string,
): Promise<number> {
  const { subscriptions, outbox } = deps;
  const now = deps.now();
  const noticeKey = `feed-disabled:${feed.id}`;
  const outletIn = new Map((await deps.feeds.owners(feed.id)).map((owner) => [owner.guildId, owner.outlet]));
  const channels: { guildId: string; channelId: string }[] = [];
  if (feed.origin === 'guild') for (const guildId of outletIn.keys()) channels.push(...(await subscriptions.activeChannels(guildId)));
  else channels.push(...(await subscriptions.activeChannels()));
  let queued = 0;
  for (const { guildId, channelId } of channels) {
    const payload = renderFeedDisabledNotice({ outlet: outletIn.get(guildId) ?? feed.outlet, url: redactedUrl(feed.url), reason: redactUrlsIn(reason) });
    const toldAt = await outbox.lastNoticeAt(channelId, noticeKey);
    if (toldAt !== null && toldAt >= (feed.lastSuccessAt ?? -Infinity)) continue;
    await outbox.enqueue({ guildId, channelId, kind: 'notice', noticeKey, payload }, now);
    queued += 1;
  }
  return queued;
}

import type { OutboxStore } from '../../store/outbox.js';
import type { StoredFeed } from '../../store/feeds.js';
import type { SubscriptionStore } from '../../store/subscriptions.js';
import { renderFeedDisabledNotice } from '../render/notice.js';

export interface FeedHealthDeps {
  subscriptions: SubscriptionStore;
  outbox: OutboxStore;
  now: () => number;
}

/**
 * Tells the subscribed channels of every guild that depends on a feed that it was disabled, with the reason.
 * Every configured feed serves every topic subscription, so that is every guild with an active subscription;
 * a feed a guild added concerns that guild only. A channel is told once per failure streak: not again unless
 * the feed has worked since the last notice. Returns how many notices were queued; call the worker's kick().
 */
export function enqueueFeedDisabledNotices(
  deps: FeedHealthDeps,
  feed: Pick<StoredFeed, 'id' | 'outlet' | 'url' | 'origin' | 'addedByGuild' | 'lastSuccessAt'>,
  reason: string,
): number {
  const { subscriptions, outbox } = deps;
  const now = deps.now();
  const noticeKey = `feed-disabled:${feed.id}`;
  const channels = feed.origin === 'guild' && feed.addedByGuild !== null
    ? subscriptions.activeChannels(feed.addedByGuild)
    : subscriptions.activeChannels();
  const payload = renderFeedDisabledNotice({ outlet: feed.outlet, url: feed.url, reason });
  let queued = 0;
  for (const { guildId, channelId } of channels) {
    const toldAt = outbox.lastNoticeAt(channelId, noticeKey);
    if (toldAt !== null && toldAt >= (feed.lastSuccessAt ?? -Infinity)) continue;
    outbox.enqueue({ guildId, channelId, kind: 'notice', noticeKey, payload }, now);
    queued += 1;
  }
  return queued;
}

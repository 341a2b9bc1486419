import type { AppConfig } from '../config/app-config.js';
import type { FeedStore } from '../store/feeds.js';

/** Registers the feeds of config/feeds.json and retires configured feeds it no longer lists. */
export async function syncConfiguredFeeds(config: Readonly<AppConfig>, feeds: FeedStore, now: number): Promise<void> {
  const { polling, feeds: configured } = config.feeds;
  for (const feed of configured) {
    await feeds.register(
      {
        url: feed.url,
        outlet: feed.outlet,
        fullText: feed.fullText,
        intervalSeconds: Math.round((feed.intervalMinutes ?? polling.defaultIntervalMinutes) * 60),
        origin: 'config',
        country: feed.country ?? null,
        perspective: feed.perspective,
      },
      now,
    );
  }
  await feeds.retireConfigFeedsExcept(configured.map((feed) => feed.url), now);
}

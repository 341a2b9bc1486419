import { refreshFeed, type FetchSettings } from '../../src/ingest/poll/refresh-feed.js';
import { openStores, type StoreLocation } from '../../src/store/index.js';
import type { ScaleFeeds } from './scale-feeds.js';

/** A channel that follows some of the shipped topics (what /subscribe writes). */
export interface SeedSubscriber {
  guildId: string;
  channelId: string;
  topicIds: readonly string[];
}

export interface ScaleSeed {
  location: StoreLocation;
  feeds: ScaleFeeds;
  subscribers: readonly SeedSubscriber[];
  intervalSeconds: number;
  fetchSettings: FetchSettings;
  /** At most this many seeding polls at once. */
  concurrency: number;
}

const FAR_FUTURE = Date.UTC(2100, 0, 1);

/**
 * Brings a fresh database to the state before the measured cycle, through the stores the instances use: every feed
 * registered as config/feeds.json lists it (so the instances' start-up sync changes nothing) and polled before, with
 * the validators the feed server gave then. Updating feeds are polled for real (refreshFeed, as the instances poll), so
 * their items are known and their validators are the server's; their first-poll items are marked processed (history:
 * never alerted, and not what the cycle measures). Unchanged feeds get the validators written directly: their items
 * do not matter to a cycle in which they answer 304. No feed falls due until `scheduleCycle` says when.
 */
export async function seedScaleDatabase(seed: ScaleSeed): Promise<void> {
  const backend = await openStores(seed.location);
  const { stores } = backend;
  try {
    const now = Date.now();
    const updating: number[] = [];
    await stores.transaction(async (tx) => {
      for (let feed = 0; feed < seed.feeds.feedUrls.length; feed += 1) {
        const state = seed.feeds.seedState(feed);
        const stored = await tx.feeds.register({ url: state.url, outlet: state.outlet, fullText: false, intervalSeconds: seed.intervalSeconds, origin: 'config' }, now);
        if (seed.feeds.updating(feed)) {
          updating.push(stored.id);
          continue;
        }
        await tx.feeds.recordSuccess(stored.id, { polledAt: now, nextPollAt: FAR_FUTURE, etag: state.etag, lastModified: state.lastModified });
        await tx.feeds.markSeeded(stored.id);
      }
    });
    const deps = { feeds: stores.feeds, items: stores.items, fetchSettings: seed.fetchSettings, disableAfterFailures: 10, maxFullTextFetches: 0, now: Date.now, random: () => 0.5, instanceId: 'scale-seed' };
    let next = 0;
    const worker = async () => {
      while (next < updating.length) {
        const feed = await stores.feeds.byId(updating[next++] as number);
        if (!feed) continue;
        const outcome = await refreshFeed(feed, deps);
        if (outcome.kind !== 'stored') throw new Error(`seeding poll of ${feed.url} gave ${outcome.kind}${outcome.kind === 'failed' ? `: ${outcome.message}` : ''}`);
        for (const id of outcome.newItemIds) await stores.items.markProcessed(id, Date.now());
        await stores.feeds.enable(feed.id, FAR_FUTURE);
      }
    };
    await Promise.all(Array.from({ length: seed.concurrency }, worker));
    await stores.transaction(async (tx) => {
      for (const subscriber of seed.subscribers) {
        for (const target of subscriber.topicIds) {
          await tx.subscriptions.add(
            { guildId: subscriber.guildId, channelId: subscriber.channelId, kind: 'topic', target, mode: 'alerts', digestTime: '08:00', timezone: 'UTC', quietNote: false, createdBy: 'scale-bench' },
            now,
          );
        }
      }
    });
  } finally {
    await backend.close();
  }
}

/**
 * Makes every feed due at one moment at least `leadMs` after the schedule is committed; returns that moment, the
 * cycle's start. Writing takes a while on a loaded machine: the start allows a millisecond per feed for it.
 */
export async function scheduleCycle(location: StoreLocation, leadMs: number): Promise<number> {
  const backend = await openStores(location);
  try {
    const feeds = await backend.stores.feeds.all();
    const at = Date.now() + leadMs + feeds.length;
    await backend.stores.transaction(async (tx) => {
      for (const feed of feeds) await tx.feeds.enable(feed.id, at);
    });
    if (at - Date.now() < leadMs) throw new Error(`writing the schedule of ${feeds.length} feeds took over ${feeds.length} ms: the instances might not see it before the start`);
    return at;
  } finally {
    await backend.close();
  }
}

import { DEFAULT_PERSPECTIVE } from '../../analysis/sides/types.js';
import type { BotContext } from '../context.js';

/** Each added feed is polled for as long as it exists: a bound keeps one server from filling the poller. */
export const MAX_FEEDS_PER_GUILD = 25;

export type FeedAddOutcome =
  | { kind: 'added'; outlet: string; intervalSeconds: number; itemCount: number }
  /** The server already sees this URL (configured, or added here). */
  | { kind: 'present'; outlet: string }
  /** The server has added as many feeds as it may. */
  | { kind: 'full'; added: number }
  /** The fetch check failed: a private address, not a feed, unreachable… */
  | { kind: 'refused'; reason: string };

/**
 * Adds a feed for a server, checked as /feeds add checks it (and /feeds import checks each feed of a list): not one
 * it already sees, within the per-server limit, then fetched once through the SSRF-safe fetcher and parsed.
 * `beforeFetch` runs once the quick checks pass (a slash command defers its reply there). A feed another server
 * added is added here too, as if it were new: only what this server may see is named.
 */
export async function addGuildFeed(
  context: BotContext,
  guildId: string,
  feed: { url: string; outlet: string | null; country?: string | null; perspective?: string },
  beforeFetch: () => Promise<unknown> = async () => undefined,
): Promise<FeedAddOutcome> {
  const visible = await context.stores.feeds.visibleTo(guildId);
  const known = visible.find((candidate) => candidate.sourceUrl === feed.url);
  if (known) return { kind: 'present', outlet: known.outlet };
  const added = visible.filter((candidate) => candidate.addedHere).length;
  if (added >= MAX_FEEDS_PER_GUILD) return { kind: 'full', added };
  await beforeFetch();
  const check = await context.backends.validateFeed(feed.url);
  if (!check.ok) return { kind: 'refused', reason: check.reason };
  const outlet = feed.outlet?.trim() || check.value.title.trim() || new URL(feed.url).hostname;
  const stored = await context.stores.feeds.addForGuild(
    guildId,
    { url: feed.url, outlet, fullText: false, intervalSeconds: context.newFeedIntervalSeconds, country: feed.country ?? null, perspective: feed.perspective ?? DEFAULT_PERSPECTIVE },
    context.now(),
  );
  context.feedsChanged();
  return { kind: 'added', outlet, intervalSeconds: stored.intervalSeconds, itemCount: check.value.itemCount };
}

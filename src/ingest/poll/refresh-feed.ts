import { decodeFeedBytes } from '../decode/index.js';
import { DEFAULT_TOTAL_TIMEOUT_MS, fetchUrl, isPublicHttpsUrl, type FetchOptions, type FetchResult } from '../fetch/index.js';
import { extractArticle } from '../fulltext/index.js';
import { dedupeWithinFeed, itemIdentity } from '../identity.js';
import { pageImageUrls, parseFeed, type FeedItem } from '../parse/index.js';
import type { FeedStore, StoredFeed } from '../../store/feeds.js';
import type { IncomingItem, ItemStore } from '../../store/items.js';
import { nextPollAfterFailure, nextPollAfterSuccess } from './schedule.js';
import { feedErrorCode } from '../../text/user-errors.js';

export type FetchSettings = Omit<FetchOptions, 'etag' | 'lastModified'>;

export interface RefreshDependencies {
  /** This instance (WIREWATCH_INSTANCE_ID): a poll's outcome write releases this instance's lease on the feed. */
  instanceId: string;
  feeds: FeedStore;
  items: ItemStore;
  fetchSettings: FetchSettings;
  disableAfterFailures: number;
  /**
   * Article pages fetched for full text per poll at most; the rest keep their feed summary. The pages of one poll
   * share one fetch timeout in all, so a poll ends within about two timeouts (see fullTextBudget).
   */
  maxFullTextFetches: number;
  now: () => number;
  random: () => number;
}

export type RefreshOutcome =
  | { kind: 'stored'; feed: StoredFeed; newItemIds: number[]; initialPoll: boolean }
  | { kind: 'not-modified'; feed: StoredFeed }
  | { kind: 'failed'; feed: StoredFeed; code: string; message: string; disabled: boolean };

/**
 * One poll of one feed, top to bottom: conditional GET → not modified? reschedule → decode → parse →
 * keep only items the feed has not stored yet → full text for those → store → reschedule.
 * Every expected failure is recorded on the feed's health and returned as a value.
 */
export async function refreshFeed(feed: StoredFeed, deps: RefreshDependencies): Promise<RefreshOutcome> {
  const response = await fetchUrl(feed.url, { ...deps.fetchSettings, etag: feed.etag, lastModified: feed.lastModified });
  if (response.kind === 'failed') {
    return recordPollFailure(feed, deps, feedErrorCode(response.code, response.status), response.message, response.retryAfterSeconds ?? null);
  }

  if (response.permanentRedirect) await deps.feeds.moveTo(feed.id, response.permanentRedirect, deps.now());
  if (response.kind === 'not-modified') {
    await recordSuccess(feed, deps, response, null, null);
    return { kind: 'not-modified', feed };
  }

  // Discord loads an alert's image, wirewatch never does: only https addresses on public hosts are kept.
  const parsed = parseFeed(decodeFeedBytes(response.body, response.contentType), { baseUrl: response.url, acceptImage: isPublicHttpsUrl });
  if (!parsed.ok) return recordPollFailure(feed, deps, 'not-a-feed', parsed.error, null);

  const incoming = dedupeWithinFeed(parsed.items).map(toIncoming);
  const known = await deps.items.knownIdentities(feed.id, incoming.map((item) => item.identity));
  const fresh = incoming.filter((item) => !known.has(item.identity));
  if (feed.fullText) await addFullText(fresh, deps);

  const initialPoll = !feed.seeded;
  const newItemIds = await deps.items.insertNew(feed.id, fresh, deps.now(), initialPoll);
  if (initialPoll) await deps.feeds.markSeeded(feed.id);
  await recordSuccess(feed, deps, response, parsed.feed.ttlMinutes, parsed.feed.title);
  return { kind: 'stored', feed, newItemIds, initialPoll };
}

function toIncoming(item: FeedItem): IncomingItem {
  return {
    identity: itemIdentity(item),
    guid: item.guid,
    link: item.link,
    title: item.title,
    author: item.author,
    summary: item.summary,
    content: item.content,
    published: item.published,
    imageUrl: item.images[0] ?? null,
  };
}

/**
 * Article pages are fetched within one fetch timeout in all (measured on the monotonic clock): with the feed's own
 * fetch that bounds a poll to about two timeouts, which the poll's lease outlasts (poller.ts, leaseMsFor).
 */
async function addFullText(items: IncomingItem[], deps: RefreshDependencies): Promise<void> {
  const deadline = performance.now() + fetchTimeoutMs(deps.fetchSettings);
  for (const item of items.slice(0, deps.maxFullTextFetches)) {
    const left = Math.floor(deadline - performance.now());
    if (left <= 0) break;
    if (!item.link) continue;
    const page = await fetchUrl(item.link, { ...deps.fetchSettings, totalTimeoutMs: left, accept: 'text/html,application/xhtml+xml' });
    if (page.kind !== 'ok') continue;
    const html = decodeFeedBytes(page.body, page.contentType);
    item.imageUrl ??= pageImageUrls(html, page.url, isPublicHttpsUrl)[0] ?? null;
    const article = await extractArticle(html, page.url);
    if (article && article.text.length > item.content.length) item.content = article.text;
  }
}

/** The timeout of one fetch with these settings. */
export function fetchTimeoutMs(settings: FetchSettings): number {
  return settings.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS;
}

async function recordSuccess(
  feed: StoredFeed,
  deps: RefreshDependencies,
  response: Extract<FetchResult, { kind: 'ok' | 'not-modified' }>,
  ttlMinutes: number | null,
  title: string | null,
): Promise<void> {
  const now = deps.now();
  await deps.feeds.recordSuccess(feed.id, {
    polledAt: now,
    nextPollAt: nextPollAfterSuccess({
      now,
      intervalMs: feed.intervalSeconds * 1000,
      ttlMinutes,
      maxAgeSeconds: response.maxAgeSeconds,
      random: deps.random(),
    }),
    etag: response.etag,
    lastModified: response.lastModified,
    title: title || null,
    leaseOwner: deps.instanceId,
  });
}

/** Records a failed poll on the feed's health, backs off, and disables the feed after too many in a row. */
export async function recordPollFailure(
  feed: StoredFeed,
  deps: RefreshDependencies,
  code: string,
  message: string,
  retryAfterSeconds: number | null,
): Promise<RefreshOutcome> {
  const now = deps.now();
  const failures = feed.consecutiveFailures + 1;
  const disabled = failures >= deps.disableAfterFailures;
  await deps.feeds.recordFailure(feed.id, {
    polledAt: now,
    nextPollAt: nextPollAfterFailure({ now, intervalMs: feed.intervalSeconds * 1000, failures, retryAfterSeconds, random: deps.random() }),
    code,
    message,
    disable: disabled,
    leaseOwner: deps.instanceId,
  });
  return { kind: 'failed', feed, code, message, disabled };
}

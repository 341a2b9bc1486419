import { createHash } from 'node:crypto';
import type { FeedItem } from './parse/types.js';

/** Query parameters that only say where a click came from; they never change the page. */
const TRACKING_PARAMS = new Set([
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'li_fat_id', 'igshid',
  'mc_cid', 'mc_eid', 'mkt_tok', 'ref_src', 'ref_url', 'cmpid', 'cmp', 'ocid', 'ito', 'smid', 'smtyp',
  's_cid', 'soc_src', 'soc_trk', 'at_medium', 'at_campaign', 'at_custom1', 'at_custom2', 'at_custom3',
  'at_custom4', '_ga', '_gl', 'guccounter', 'guce_referrer', 'guce_referrer_sig', 'ns_mchannel',
  'ns_source', 'ns_campaign', 'ns_linkname', 'ns_fee', 'sr_share',
]);
const TRACKING_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hsa_', 'oly_', 'vero_'];

function isTrackingParam(name: string): boolean {
  const lower = name.toLowerCase();
  return TRACKING_PARAMS.has(lower) || TRACKING_PREFIXES.some((prefix) => lower.startsWith(prefix));
}

/**
 * One spelling per article URL: lower-case scheme and host (URL does that), no default port, no
 * fragment, no tracking parameters, remaining parameters sorted. Unparsable input comes back trimmed.
 */
export function canonicalizeLink(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return url.trim();
  }
  parsed.hash = '';
  const kept = [...parsed.searchParams].filter(([name]) => !isTrackingParam(name));
  kept.sort(([a, av], [b, bv]) => (a === b ? (av < bv ? -1 : av > bv ? 1 : 0) : a < b ? -1 : 1));
  parsed.search = new URLSearchParams(kept).toString();
  return parsed.href;
}

/** The key that says "same item" within a feed: guid, else canonical link, else a hash of title and date. */
export function itemIdentity(item: FeedItem): string {
  if (item.guid) return `guid:${item.guid}`;
  if (item.link) return `link:${canonicalizeLink(item.link)}`;
  const digest = createHash('sha256').update(`${item.title}\u0000${item.published ?? ''}`).digest('hex');
  return `hash:${digest}`;
}

/**
 * Removes repeats within one fetch of a feed and repairs guids that are not unique.
 *
 * Some feeds (misconfigured CMS templates) give every item the same guid, or reuse one guid for
 * different stories. A guid that labels items with different links or titles identifies nothing,
 * so those items lose it and are identified by their canonical link (or title/date hash) instead.
 * Items that repeat the same guid with the same link and title are one item listed twice; after
 * that, the first item with a given identity wins.
 */
export function dedupeWithinFeed(items: FeedItem[]): FeedItem[] {
  const fingerprint = (item: FeedItem) => `${item.link ? canonicalizeLink(item.link) : ''}\u0000${item.title}`;
  const fingerprintsByGuid = new Map<string, Set<string>>();
  for (const item of items) {
    if (!item.guid) continue;
    const seen = fingerprintsByGuid.get(item.guid) ?? new Set<string>();
    seen.add(fingerprint(item));
    fingerprintsByGuid.set(item.guid, seen);
  }
  const seenIdentities = new Set<string>();
  const unique: FeedItem[] = [];
  for (const item of items) {
    const ambiguousGuid = item.guid !== null && (fingerprintsByGuid.get(item.guid)?.size ?? 0) > 1;
    const candidate = ambiguousGuid ? { ...item, guid: null } : item;
    const identity = itemIdentity(candidate);
    if (seenIdentities.has(identity)) continue;
    seenIdentities.add(identity);
    unique.push(candidate);
  }
  return unique;
}

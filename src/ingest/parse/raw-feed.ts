import { normalizeDate } from './dates.js';
import { collapseWhitespace, htmlToInlineText, looksLikeHtml } from './html-text.js';
import { imageUrls } from './images.js';
import { blockText, inlineText, markupOf, type TextConstruct } from './text-construct.js';
import type { FeedInfo, FeedItem, ParseOptions, ParseResult } from './types.js';

/** What a source (rss-parser, the tolerant DOM reader, JSON Feed) extracts, before clean-up. */
export interface RawEntry {
  title: TextConstruct | null;
  /** The entry's link as written (may be relative). */
  link: string | null;
  guid: string | null;
  /** RSS guid isPermaLink: the guid can stand in for a missing link. */
  guidIsPermaLink: boolean;
  /** Candidate dates, best first (published before updated). */
  dates: Array<string | null | undefined>;
  author: string | null;
  summary: TextConstruct | null;
  content: TextConstruct | null;
  /** xml:base in scope for the entry, as written. */
  base: string | null;
  /** Image URLs the entry names (see images.ts), as written, best first. */
  images: string[];
}

export interface RawFeed {
  title: TextConstruct | null;
  link: string | null;
  ttlMinutes: number | null;
  base: string | null;
  entries: RawEntry[];
}

const SUMMARY_FALLBACK_CHARS = 1000;

const MINUTES_PER_PERIOD: Record<string, number> = { hourly: 60, daily: 1440, weekly: 10080, monthly: 43200, yearly: 525600 };

/** RSS <ttl> in minutes, else the syndication module's updatePeriod / updateFrequency. */
export function ttlFromChannel(ttl: unknown, updatePeriod: unknown, updateFrequency: unknown): number | null {
  const minutes = Number(typeof ttl === 'string' ? ttl.trim() : NaN);
  if (Number.isInteger(minutes) && minutes > 0) return minutes;
  const period = typeof updatePeriod === 'string' ? MINUTES_PER_PERIOD[updatePeriod.trim().toLowerCase()] : undefined;
  if (period === undefined) return null;
  const frequency = Number(typeof updateFrequency === 'string' ? updateFrequency.trim() : 1);
  return Number.isFinite(frequency) && frequency >= 1 ? Math.max(1, Math.round(period / frequency)) : period;
}

/** Resolves `href` against a chain of bases; only absolute http(s) URLs come out. */
function resolveUrl(href: string | null | undefined, ...bases: Array<string | null | undefined>): string | null {
  const trimmed = href?.trim();
  if (!trimmed) return null;
  let base: URL | undefined;
  for (const candidate of bases.filter((b): b is string => !!b?.trim())) {
    try {
      base = new URL(candidate.trim(), base);
    } catch {
      // An unusable base is skipped; the next one (or none) applies.
    }
  }
  try {
    const url = new URL(trimmed, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** "jane@example.com (Jane Doe)" → "Jane Doe"; markup and entities removed. */
function cleanAuthor(author: string | null): string | null {
  if (!author) return null;
  let text = looksLikeHtml(author) ? htmlToInlineText(author) : collapseWhitespace(author);
  const named = /^\S+@\S+\s*\((.+)\)$/.exec(text);
  if (named?.[1]) text = named[1].trim();
  return text === '' ? null : text;
}

function shorten(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const cut = text.slice(0, limit);
  const space = cut.lastIndexOf(' ');
  return `${(space > limit * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function finishEntry(entry: RawEntry, feedBase: string | null, { baseUrl, acceptImage }: ParseOptions): FeedItem {
  const guid = entry.guid ? collapseWhitespace(entry.guid) || null : null;
  const link =
    resolveUrl(entry.link, baseUrl, feedBase, entry.base) ??
    (entry.guidIsPermaLink ? resolveUrl(guid?.startsWith('http') ? guid : null) : null);
  const content = blockText(entry.content);
  const summary = entry.summary ? inlineText(entry.summary) : shorten(collapseWhitespace(content), SUMMARY_FALLBACK_CHARS);
  let published: string | null = null;
  for (const candidate of entry.dates) {
    published = normalizeDate(candidate);
    if (published) break;
  }
  return {
    title: inlineText(entry.title),
    link,
    guid,
    published,
    author: cleanAuthor(entry.author),
    summary,
    content,
    contentHtml: markupOf(entry.content),
    images: imageUrls(entry.images, (href) => resolveUrl(href, baseUrl, feedBase, entry.base), acceptImage),
  };
}

/** Turns a source's raw extraction into the public result: plain text, absolute links, ISO dates. */
export function finishFeed(raw: RawFeed, options: ParseOptions): ParseResult {
  const { baseUrl } = options;
  const feed: FeedInfo = {
    title: inlineText(raw.title),
    link: resolveUrl(raw.link, baseUrl, raw.base),
    ttlMinutes: raw.ttlMinutes,
  };
  return { ok: true, feed, items: raw.entries.map((entry) => finishEntry(entry, raw.base, options)) };
}

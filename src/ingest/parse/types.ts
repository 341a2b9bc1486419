/** One entry of a feed, in plain strings. Every later stage works from this shape. */
export interface FeedItem {
  /** Plain text; '' when the entry has none. */
  title: string;
  /** Absolute http(s) URL, resolved against xml:base / the feed URL; null when absent or unusable. */
  link: string | null;
  guid: string | null;
  /** ISO-8601 (UTC); null when missing or unparsable. */
  published: string | null;
  author: string | null;
  /**
   * Plain text, whitespace collapsed to single spaces: the feed's description/summary, or when it
   * has none, the start of the content (at most ~1000 characters).
   */
  summary: string;
  /** Plain text of the full content, paragraphs separated by "\n\n"; '' when the feed carries none. */
  content: string;
  /** The markup `content` was made from, when the feed carries HTML/XHTML content. */
  contentHtml: string | null;
  /** The article's image as absolute https URLs, best first (at most 4); never fetched. See images.ts. */
  images: string[];
}

export interface FeedInfo {
  /** Plain text; '' when the feed has none. */
  title: string;
  link: string | null;
  /** How often the publisher asks to be polled (RSS <ttl>, or sy:updatePeriod/Frequency). */
  ttlMinutes: number | null;
}

export type ParseResult = { ok: true; feed: FeedInfo; items: FeedItem[] } | { ok: false; error: string };

export interface ParseOptions {
  /** The URL the document was fetched from (after redirects): the base for relative links. */
  baseUrl?: string;
  /**
   * Which image URLs (absolute https) an item may keep, e.g. only those on public hosts; default: all. Judged before
   * the per-item cap, so a feed cannot crowd a usable image out with refused ones.
   */
  acceptImage?: (url: string) => boolean;
}

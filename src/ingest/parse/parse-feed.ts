import { readTolerantly } from './tolerant-source.js';
import { readJsonFeed } from './json-feed.js';
import { finishFeed, type RawFeed } from './raw-feed.js';
import { readWithRssParser } from './rss-parser-source.js';
import type { ParseOptions, ParseResult } from './types.js';
import { stripDoctype } from './xml-prepare.js';

function titleCount(feed: RawFeed): number {
  const present = (construct: RawFeed['title']) => (construct && construct.value.trim() !== '' ? 1 : 0);
  return present(feed.title) + feed.entries.reduce((sum, entry) => sum + present(entry.title), 0);
}

/**
 * rss-parser matches element names exactly and knows no title fallbacks (media:title,
 * <Title>); when it comes back with titles missing, the tolerant reader gets a look too.
 */
function preferFuller(strict: RawFeed, xml: string): RawFeed {
  const expected = 1 + strict.entries.length;
  const found = titleCount(strict);
  if (found === expected) return strict;
  const tolerant = readTolerantly(xml);
  return tolerant.ok && tolerant.feed.entries.length >= strict.entries.length && titleCount(tolerant.feed) > found
    ? tolerant.feed
    : strict;
}

/** Larger documents are refused outright; the fetcher's cap is 10 MB of bytes. */
const MAX_TEXT_LENGTH = 20 * 1024 * 1024;

/**
 * Decoded feed text (decodeFeedBytes: characters XML forbids already removed) → feed info and items. JSON Feed is
 * read directly. XML goes to rss-parser first; when it refuses (rss-parser is strict XML: one stray `&` or HTML
 * entity loses the whole feed), our tolerant reader takes over. The DOCTYPE is always removed first (simple literal
 * entities substituted), which keeps entity-expansion attacks out. Never throws for bad input. The text is not
 * cleaned again here: on a 2 MB feed that was a tenth of the work parseFeed adds to rss-parser's.
 */
export function parseFeed(text: string, options: ParseOptions = {}): ParseResult {
  if (text.length > MAX_TEXT_LENGTH) return { ok: false, error: `the document is too large (${text.length} characters)` };
  // Only leading whitespace goes: trimming the end would make the whole document a slice of the decoded text, which
  // sax reads character by character ~8% more slowly; whitespace after the root element is allowed anyway.
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed === '') return { ok: false, error: 'the document is empty' };
  if (trimmed.startsWith('{')) {
    const json = readJsonFeed(trimmed);
    return json.ok ? finishFeed(json.feed, options) : json;
  }
  if (!trimmed.startsWith('<')) return { ok: false, error: 'the document is neither XML nor JSON' };

  const xml = stripDoctype(trimmed);
  const strict = readWithRssParser(xml);
  if (strict.ok) return finishFeed(preferFuller(strict.feed, xml), options);
  const tolerant = readTolerantly(xml);
  if (tolerant.ok) return finishFeed(tolerant.feed, options);
  return { ok: false, error: `${tolerant.error} (strict parser: ${strict.error})` };
}

import { z } from 'zod';
import type { RawEntry, RawFeed } from './raw-feed.js';

/** JSON Feed 1.0 / 1.1 (https://jsonfeed.org/version/1.1), validated leniently: unknown fields pass. */
const author = z.object({ name: z.string().optional() }).passthrough();
const optionalString = z.string().nullish().catch(undefined);

const jsonFeedItem = z
  .object({
    id: z.union([z.string(), z.number()]).nullish().catch(undefined),
    url: optionalString,
    external_url: optionalString,
    title: optionalString,
    content_html: optionalString,
    content_text: optionalString,
    summary: optionalString,
    date_published: optionalString,
    date_modified: optionalString,
    author: author.nullish().catch(undefined),
    authors: z.array(author).nullish().catch(undefined),
    image: optionalString,
    banner_image: optionalString,
  })
  .passthrough();

const jsonFeed = z
  .object({
    version: z.string().regex(/^https?:\/\/jsonfeed\.org\/version\//, 'version must be a jsonfeed.org version URL'),
    title: optionalString,
    home_page_url: optionalString,
    feed_url: optionalString,
    items: z.array(z.unknown()),
  })
  .passthrough();

function toEntry(input: unknown): RawEntry | null {
  const parsed = jsonFeedItem.safeParse(input);
  if (!parsed.success) return null;
  const item = parsed.data;
  const html = item.content_html ?? null;
  return {
    // Plain text by the spec, but publishing tools often leave HTML entities in titles.
    title: item.title ? { type: 'guess', value: item.title } : null,
    link: item.url ?? item.external_url ?? null,
    guid: item.id === undefined || item.id === null ? null : String(item.id),
    guidIsPermaLink: false,
    dates: [item.date_published, item.date_modified],
    author: item.authors?.[0]?.name ?? item.author?.name ?? null,
    summary: item.summary ? { type: 'text', value: item.summary } : null,
    content: html ? { type: 'html', value: html } : item.content_text ? { type: 'text', value: item.content_text } : null,
    base: null,
    images: [item.image, item.banner_image].filter((url): url is string => typeof url === 'string'),
  };
}

export function readJsonFeed(text: string): { ok: true; feed: RawFeed } | { ok: false; error: string } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `not valid JSON: ${(error as Error).message}` };
  }
  const parsed = jsonFeed.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `not a JSON Feed: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}` };
  }
  const feed = parsed.data;
  return {
    ok: true,
    feed: {
      title: feed.title ? { type: 'guess', value: feed.title } : null,
      link: feed.home_page_url ?? null,
      ttlMinutes: null,
      base: feed.feed_url ?? null,
      entries: feed.items.map(toEntry).filter((e): e is RawEntry => e !== null),
    },
  };
}

import { describe, expect, it } from 'vitest';
import { canonicalizeLink, dedupeWithinFeed, itemIdentity } from '../../src/ingest/identity.js';
import type { FeedItem } from '../../src/ingest/parse/index.js';

const item = (overrides: Partial<FeedItem>): FeedItem => ({
  title: 'Talks resume in Geneva',
  link: null,
  guid: null,
  published: '2025-03-11T17:20:00.000Z',
  author: null,
  summary: '',
  content: '',
  contentHtml: null,
  images: [],
  ...overrides,
});

describe('canonicalizeLink', () => {
  it.each([
    ['HTTPS://News.Example.COM:443/World/Story?b=2&a=1#comments', 'https://news.example.com/World/Story?a=1&b=2'],
    ['http://news.example.com:80/story', 'http://news.example.com/story'],
    ['http://news.example.com:8080/story', 'http://news.example.com:8080/story'],
    [
      'https://news.example.com/story?utm_source=rss&utm_medium=feed&UTM_Campaign=x&id=7',
      'https://news.example.com/story?id=7',
    ],
    ['https://news.example.com/story?fbclid=abc&gclid=def&mc_cid=1&mc_eid=2&igshid=3', 'https://news.example.com/story'],
    ['https://news.example.com/story?ref_src=twsrc&cmpid=rss&ocid=msn&page=2', 'https://news.example.com/story?page=2'],
    ['  https://news.example.com/story  ', 'https://news.example.com/story'],
    ['not a url', 'not a url'],
  ])('%s → %s', (input, expected) => {
    expect(canonicalizeLink(input)).toBe(expected);
  });

  it('keeps parameters that select content, and repeated values in order', () => {
    expect(canonicalizeLink('https://x.example/a?tag=b&tag=a&q=peace%20talks')).toBe('https://x.example/a?q=peace+talks&tag=a&tag=b');
  });
});

describe('itemIdentity', () => {
  it('prefers the guid, then the canonical link, then a hash of title and date', () => {
    expect(itemIdentity(item({ guid: 'abc', link: 'https://x.example/1' }))).toBe('guid:abc');
    expect(itemIdentity(item({ link: 'https://X.example/1?utm_source=rss#top' }))).toBe('link:https://x.example/1');
    const hashed = itemIdentity(item({}));
    expect(hashed).toMatch(/^hash:[0-9a-f]{64}$/);
    expect(itemIdentity(item({}))).toBe(hashed);
    expect(itemIdentity(item({ published: null }))).not.toBe(hashed);
  });
});

describe('dedupeWithinFeed', () => {
  it('drops items listed twice', () => {
    const story = item({ guid: 'g1', link: 'https://x.example/1' });
    expect(dedupeWithinFeed([story, { ...story }, item({ guid: 'g2', link: 'https://x.example/2' })])).toHaveLength(2);
  });

  it('falls back to link identity when one guid labels different stories', () => {
    const items = [
      item({ guid: 'https://x.example/', link: 'https://x.example/ceasefire', title: 'Ceasefire holds' }),
      item({ guid: 'https://x.example/', link: 'https://x.example/sanctions', title: 'New sanctions' }),
      item({ guid: 'unique-3', link: 'https://x.example/aid', title: 'Aid convoy' }),
    ];
    const result = dedupeWithinFeed(items);
    expect(result.map(itemIdentity)).toEqual([
      'link:https://x.example/ceasefire',
      'link:https://x.example/sanctions',
      'guid:unique-3',
    ]);
    expect(result[0]?.guid).toBeNull();
  });

  it('still removes link duplicates after the fallback', () => {
    const items = [
      item({ guid: 'same', link: 'https://x.example/a?utm_source=rss', title: 'A' }),
      item({ guid: 'same', link: 'https://x.example/b', title: 'B' }),
      item({ guid: 'same', link: 'https://x.example/a', title: 'A (updated)' }),
    ];
    expect(dedupeWithinFeed(items).map((i) => i.title)).toEqual(['A', 'B']);
  });

  it('does not change items with unique guids', () => {
    const items = [item({ guid: 'a', link: 'https://x.example/1' }), item({ guid: 'b', link: 'https://x.example/1' })];
    expect(dedupeWithinFeed(items)).toEqual(items);
  });
});

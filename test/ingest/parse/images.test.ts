import { describe, expect, it } from 'vitest';
import { pageImageUrls, parseFeed } from '../../../src/ingest/parse/index.js';

const MEDIA = 'xmlns:media="http://search.yahoo.com/mrss/"';

function rss(itemXml: string): string {
  return `<?xml version="1.0"?><rss version="2.0" ${MEDIA}><channel><title>Wire</title><link>https://wire.example/</link>
    <item><title>Talks in Geneva</title><link>https://wire.example/talks</link>${itemXml}</item></channel></rss>`;
}

function imagesOf(text: string, baseUrl = 'https://wire.example/feed.xml'): string[] {
  const parsed = parseFeed(text, { baseUrl });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.items[0]?.images ?? [];
}

/** The same document with a stray "&" that the strict parser refuses, so the tolerant reader reads it. */
const tolerantly = (xml: string) => xml.replace('<title>Talks in Geneva</title>', '<title>Talks & more</title>');

describe('the article image a feed names', () => {
  const cases: [string, string, string[]][] = [
    ['an RSS enclosure of an image type', '<enclosure url="https://img.example/a.jpg" type="image/jpeg" length="1"/>', ['https://img.example/a.jpg']],
    ['media:content with medium="image"', '<media:content url="https://img.example/b.png" medium="image"/>', ['https://img.example/b.png']],
    ['media:content known by its file name', '<media:content url="https://img.example/c.webp?w=800"/>', ['https://img.example/c.webp?w=800']],
    ['media:thumbnail', '<media:thumbnail url="https://img.example/d.jpg" width="120"/>', ['https://img.example/d.jpg']],
    ['media:group children', '<media:group><media:content url="https://img.example/e.jpg" type="image/jpeg"/></media:group>', ['https://img.example/e.jpg']],
    ['a relative URL, resolved against the feed', '<media:thumbnail url="/pics/f.jpg"/>', ['https://wire.example/pics/f.jpg']],
    ['the full image before the thumbnail', '<media:thumbnail url="https://img.example/small.jpg"/><enclosure url="https://img.example/big.jpg" type="image/jpeg"/>', ['https://img.example/big.jpg', 'https://img.example/small.jpg']],
  ];
  for (const [what, xml, expected] of cases) {
    it(`reads ${what}, strictly and tolerantly`, () => {
      expect(imagesOf(rss(xml))).toEqual(expected);
      expect(imagesOf(tolerantly(rss(xml)))).toEqual(expected);
    });
  }

  it('ignores audio and video enclosures, media that are not images, and plain http', () => {
    const xml =
      '<enclosure url="https://cdn.example/episode.mp3" type="audio/mpeg"/><media:content url="https://cdn.example/clip.mp4" medium="video"/>' +
      '<media:thumbnail url="http://img.example/insecure.jpg"/><media:content url="javascript:alert(1)" medium="image"/>';
    expect(imagesOf(rss(xml))).toEqual([]);
    expect(imagesOf(tolerantly(rss(xml)))).toEqual([]);
  });

  it('reads an Atom enclosure link and media:thumbnail', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom" ${MEDIA}><title>Wire</title><entry><title>Talks in Geneva</title><id>urn:1</id>
      <link rel="alternate" href="https://wire.example/talks"/><link rel="enclosure" type="image/jpeg" href="https://img.example/atom.jpg"/>
      <media:thumbnail url="https://img.example/atom-thumb.jpg"/></entry></feed>`;
    expect(imagesOf(atom)).toEqual(['https://img.example/atom.jpg', 'https://img.example/atom-thumb.jpg']);
    expect(imagesOf(tolerantly(atom))).toEqual(['https://img.example/atom.jpg', 'https://img.example/atom-thumb.jpg']);
  });

  it('reads a JSON Feed item’s image, then its banner image', () => {
    const json = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'Wire',
      items: [{ id: '1', url: 'https://wire.example/talks', title: 'Talks', image: 'https://img.example/j.jpg', banner_image: 'https://img.example/banner.jpg' }],
    });
    expect(imagesOf(json)).toEqual(['https://img.example/j.jpg', 'https://img.example/banner.jpg']);
  });
});

describe('pageImageUrls', () => {
  it('reads og:image (entities decoded, resolved against the page), then twitter:image', () => {
    const html = `<html><head><meta name="twitter:image" content="https://img.example/tw.jpg">
      <meta content="/img/og.jpg?a=1&amp;b=2" property="og:image" /></head><body>…</body></html>`;
    expect(pageImageUrls(html, 'https://news.example/story')).toEqual(['https://news.example/img/og.jpg?a=1&b=2', 'https://img.example/tw.jpg']);
  });

  it('finds nothing in a page without them', () => {
    expect(pageImageUrls('<html><head><meta name="description" content="x"></head></html>', 'https://news.example/')).toEqual([]);
  });
});

describe('acceptImage', () => {
  it('is judged before the cap, so refused candidates cannot crowd out a usable one', () => {
    const refused = [1, 2, 3, 4, 5].map((n) => `<media:content url="https://10.0.0.${n}/a.jpg" medium="image"/>`).join('');
    const parsed = parseFeed(rss(`${refused}<media:thumbnail url="https://img.example/ok.jpg"/>`), { acceptImage: (url) => !url.startsWith('https://10.') });
    expect(parsed.ok && parsed.items[0]?.images).toEqual(['https://img.example/ok.jpg']);
  });
});

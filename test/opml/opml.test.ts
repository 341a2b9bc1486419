import { describe, expect, it } from 'vitest';
import { OPML_LIMITS, readOpml, writeOpml } from '../../src/opml/index.js';

const FEEDS = [
  { outlet: 'Kyiv Independent', url: 'https://kyivindependent.com/news-archive/rss/' },
  { outlet: 'R&D "Wire" <Europe>', url: 'https://wire.example/feed?lang=en&token=s3cret' },
];

function outlines(count: number): string {
  return Array.from({ length: count }, (_, index) => `<outline text="Feed ${index}" xmlUrl="https://feeds.example/${index}.xml"/>`).join('');
}

describe('OPML', () => {
  it('reads back what it writes: the same feeds, names and URLs, special characters included', () => {
    const text = writeOpml('wirewatch feeds', FEEDS, new Date(Date.UTC(2025, 7, 18)));
    expect(readOpml(text)).toEqual({ ok: true, title: 'wirewatch feeds', feeds: FEEDS });
  });

  it('reads OPML 1.0 with folders, in document order, xmlUrl in any case and title when text is missing', () => {
    const text = `<?xml version="1.0"?><opml version="1.0"><head/><body>
      <outline text="Ukraine"><outline text="A" xmlUrl="https://a.example/rss"/><outline title="B" XMLURL="https://b.example/rss"/></outline>
      <outline text="a link, not a feed" htmlUrl="https://c.example/"/><outline text="D" xmlurl=" https://d.example/rss "/></body></opml>`;
    expect(readOpml(text)).toEqual({
      ok: true,
      title: null,
      feeds: [
        { outlet: 'A', url: 'https://a.example/rss' },
        { outlet: 'B', url: 'https://b.example/rss' },
        { outlet: 'D', url: 'https://d.example/rss' },
      ],
    });
  });

  it('refuses what is not an OPML feed list, saying why', () => {
    const cases: [string, RegExp][] = [
      ['just some text', /not XML/u],
      ['<opml version="2.0"><body><outline text="x"></body></opml>', /not XML/u],
      ['<rss version="2.0"><channel/></rss>', /not OPML \(its root element is <rss>/u],
      ['<opml version="3.0"><body/></opml>', /version 3\.0/u],
      ['<opml version="2.0"><head/></opml>', /no <body>/u],
      ['<!DOCTYPE opml [<!ENTITY a "aaaa">]><opml><body/></opml>', /DOCTYPE/u],
      [`<opml version="2.0"><body>${outlines(5000)}</body></opml>`, /5,000 outlines; wirewatch reads at most 1,000/u],
      [`<opml version="2.0"><body><outline text="${'x'.repeat(OPML_LIMITS.bytes)}"/></body></opml>`, /at most 1 MB/u],
    ];
    for (const [text, error] of cases) {
      const reading = readOpml(text);
      expect(reading.ok, text.slice(0, 60)).toBe(false);
      if (!reading.ok) expect(reading.error).toMatch(error);
    }
  });

  it('walks deeply nested folders without running out of stack', () => {
    const depth = 900;
    const text = `<opml version="2.0"><body>${'<outline text="f">'.repeat(depth)}<outline text="deep" xmlUrl="https://deep.example/rss"/>${'</outline>'.repeat(depth)}</body></opml>`;
    expect(readOpml(text)).toMatchObject({ ok: true, feeds: [{ outlet: 'deep', url: 'https://deep.example/rss' }] });
  });
});

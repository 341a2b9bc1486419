import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeFeedBytes } from '../../../src/ingest/decode/index.js';
import { parseFeed, type ParseResult } from '../../../src/ingest/parse/index.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/ingest/${name}`, import.meta.url));
const parseFixture = (name: string, baseUrl?: string) => parseFeed(decodeFeedBytes(fixture(name), null), { baseUrl });

function ok(result: ParseResult) {
  if (!result.ok) throw new Error(`expected a parsed feed, got: ${result.error}`);
  return result;
}

describe('parseFeed: RSS 2.0', () => {
  const { feed, items } = ok(parseFixture('rss2-world-news.xml', 'https://www.example-news.com/world/europe/rss.xml'));

  it('reads the channel', () => {
    expect(feed).toEqual({ title: 'World News – Europe', link: 'https://www.example-news.com/world/europe/', ttlMinutes: 15 });
  });

  it('reads items with plain-text summaries and full content', () => {
    expect(items).toHaveLength(3);
    const [first] = items;
    expect(first?.title).toBe('Ukraine and Russia delegations meet in Istanbul for second round of talks');
    expect(first?.guid).toBe('example-news-2025-06-02-001');
    expect(first?.published).toBe('2025-06-02T11:31:07.000Z');
    expect(first?.author).toBe('Olena Kovalenko, Pavel Ivanov');
    expect(first?.summary).toBe(
      'Delegations from Kyiv and Moscow met in Istanbul on Monday for a second round of direct talks, the Turkish foreign ministry said.',
    );
    expect(first?.content).toBe(
      'Delegations from Kyiv and Moscow met in Istanbul on Monday for a second round of direct talks.\n\n' +
        '“We are ready for a ceasefire,” Ukraine’s defence minister Rustem Umerov told reporters.\n\n' +
        'Delegates arrive at Ciragan Palace',
    );
    expect(first?.contentHtml).toContain('<p>Delegations from Kyiv');
    expect(first?.content).not.toContain('trackArticle');
  });

  it('resolves relative links against the feed URL and decodes doubly escaped titles', () => {
    expect(items[1]?.link).toBe('https://www.example-news.com/world/europe/prisoner-exchange-2025-06-02/');
    expect(items[1]?.title).toBe('Zelensky says prisoner exchange "agreed in principle"');
    expect(items[1]?.author).toBe('Newsdesk');
  });

  it('uses a permalink guid when the link is missing, and leaves unreadable dates null', () => {
    expect(items[2]?.link).toBe('https://www.example-news.com/world/europe/kremlin-no-date-2025-06-01/');
    expect(items[2]?.published).toBeNull();
    expect(items[2]?.summary).toBe('Kremlin spokesman Dmitry Peskov said no date had been set.');
  });
});

describe('parseFeed: Atom 1.0', () => {
  const { feed, items } = ok(parseFixture('atom-analysis.xml', 'https://analysis.example.org/feeds/all.atom.xml'));

  it('turns html and xhtml titles into plain text, in order', () => {
    expect(feed.title).toBe('Peace Process Monitor');
    expect(items[0]?.title).toBe('What the Alaska summit means for Kyiv');
    expect(items[1]?.title).toBe('Ceasefire monitoring: 3 < 5 options on the table');
  });

  it('resolves links through nested xml:base and prefers the alternate link', () => {
    expect(feed.link).toBe('https://analysis.example.org/');
    expect(items[0]?.link).toBe('https://analysis.example.org/2025/08/alaska-summit-kyiv.html');
  });

  it('reads published before updated, author names and xhtml content', () => {
    expect(items[0]?.published).toBe('2025-08-16T06:30:00.000Z');
    expect(items[1]?.published).toBe('2025-08-14T12:00:00.000Z');
    expect(items[0]?.author).toBe('Maria Schmidt');
    expect(items[0]?.summary).toBe('Trump and Putin met in Anchorage. Kyiv was not at the table.');
    expect(items[0]?.content).toBe(
      "Trump and Putin met in Anchorage on Friday.\n\nKyiv was not at the table, and European leaders warned against any deal over Ukraine's head.",
    );
  });

  it('keeps plain-text content as text, paragraphs intact', () => {
    expect(items[1]?.content).toBe('Option one: OSCE observers.\n\nOption two: a UN mission.');
    expect(items[1]?.contentHtml).toBeNull();
    expect(items[1]?.summary).toBe('Option one: OSCE observers. Option two: a UN mission.');
  });
});

describe('parseFeed: RSS 1.0 (RDF) in ISO-8859-1', () => {
  it('reads items outside the channel, dc:date, dc:creator and the syndication schedule', () => {
    const { feed, items } = ok(parseFixture('rdf-digest.xml'));
    expect(feed).toEqual({ title: 'Nachrichten-Digest', link: 'https://digest.example.de/', ttlMinutes: 30 });
    expect(items[0]).toMatchObject({
      title: 'Gespräche in Genf: Außenminister beraten über Waffenruhe',
      guid: 'https://digest.example.de/artikel/1',
      published: '2025-03-11T17:20:00.000Z',
      author: 'Jürgen Müller',
    });
  });
});

describe('parseFeed: broken XML', () => {
  it('recovers bare ampersands, HTML entities, stray tags and a truncated end', () => {
    const { feed, items } = ok(parseFixture('broken-regional.xml'));
    expect(feed.title).toBe('Regional Wire \u00a0| Kyiv & Odesa');
    expect(items.map((item) => item.title)).toEqual([
      'Energy talks: Naftogaz & Gazprom transit deal “not on agenda”',
      'Black Sea grain corridor: new inspections begin',
      'Truncated item that never clo',
    ]);
    expect(items[0]?.link).toBe('https://regional-wire.example.ua/news/energy-talks?id=17&lang=en');
    expect(items[0]?.summary).toBe('Officials said the transit contract expired on 1 January — no talks are planned. More soon');
    expect(items[0]?.published).toBe('2025-01-14T07:12:44.000Z');
  });

  it('keeps a feed whose Atom date rss-parser cannot read', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
      <entry><title>Talks resume</title><id>urn:x:1</id><published>yesterday</published><updated>2025-02-01T10:00:00Z</updated></entry></feed>`;
    const { items } = ok(parseFeed(atom));
    expect(items[0]).toMatchObject({ title: 'Talks resume', published: '2025-02-01T10:00:00.000Z' });
  });
});

describe('parseFeed: JSON Feed', () => {
  it('reads items and resolves relative URLs against feed_url', () => {
    const { feed, items } = ok(parseFixture('json-feed.json'));
    expect(feed.title).toBe('Diplomacy Briefing');
    expect(items[0]).toMatchObject({
      title: 'European leaders join Zelensky in Washington',
      guid: '2025-08-18-washington',
      author: 'Claire Dubois',
      published: '2025-08-18T21:00:00.000Z',
      summary: 'Leaders from France, Germany and the UK joined the meeting.',
      content: 'European leaders flew to Washington on Monday.\n\nThey met President Trump at the White House.',
    });
    expect(items[1]).toMatchObject({ guid: '42', link: 'https://briefing.example.com/2025/08/17/sunday-brief', published: null });
  });

  it('explains what is wrong with JSON that is not a JSON Feed', () => {
    const result = parseFeed('{"version": "1", "items": []}');
    expect(result).toEqual({ ok: false, error: expect.stringContaining('version') });
  });
});

describe('parseFeed: refusals and limits', () => {
  it('refuses HTML pages, empty and non-XML documents with a reason', () => {
    expect(parseFeed('<!doctype html><html><body><p>Hello</p></body></html>')).toEqual({
      ok: false,
      error: expect.stringContaining('<html>'),
    });
    expect(parseFeed('   ')).toMatchObject({ ok: false });
    expect(parseFeed('just some text')).toMatchObject({ ok: false });
  });

  it('does not expand nested DOCTYPE entities (billion laughs)', () => {
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
    const bomb = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">${levels}]><rss version="2.0"><channel><title>&lol9;</title><item><title>&lol0;</title></item></channel></rss>`;
    const started = Date.now();
    const result = ok(parseFeed(bomb));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(result.feed.title.length).toBeLessThan(100);
    expect(result.items[0]?.title).toBe('lol');
  });

  it('handles 10,000 items and 10,000-character titles in bounded time', () => {
    const items = Array.from(
      { length: 10_000 },
      (_, i) =>
        `<item><title>Update ${i}: talks &amp; truce</title><link>https://wire.example/${i}</link><guid>g${i}</guid>` +
        `<pubDate>Fri, 15 Aug 2025 10:00:00 GMT</pubDate><description>&lt;p&gt;Day ${i} of talks.&lt;/p&gt;</description></item>`,
    ).join('');
    const longTitle = 'Ceasefire '.repeat(1000);
    const started = Date.now();
    const big = ok(parseFeed(`<rss version="2.0"><channel><title>${longTitle}</title>${items}</channel></rss>`));
    const broken = ok(parseFeed(`<rss version="2.0"><channel><title>${longTitle} & more</title>${items}`));
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(big.items).toHaveLength(10_000);
    expect(broken.items).toHaveLength(10_000);
    expect(big.feed.title).toBe(longTitle.trim());
    expect(big.items[9_999]).toMatchObject({ title: 'Update 9999: talks & truce', summary: 'Day 9999 of talks.' });
  });

  it('never lets an object leak into a string field', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><b>Bold</b> feed</div></title>
      <entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">An <i>italic</i> title</div></title><id>urn:1</id>
      <author><name><b>Ann</b></name></author><link href="https://x.example/1"/></entry></feed>`;
    const result = ok(parseFeed(atom));
    expect(JSON.stringify(result)).not.toContain('[object Object]');
    expect(result.feed.title).toBe('Bold feed');
    expect(result.items[0]?.title).toBe('An italic title');
  });
});

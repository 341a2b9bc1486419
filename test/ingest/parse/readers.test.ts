import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { readWithRssParser } from '../../../src/ingest/parse/rss-parser-source.js';
import { atomConstruct, inlineText } from '../../../src/ingest/parse/text-construct.js';
import { readTolerantly } from '../../../src/ingest/parse/tolerant-source.js';
import { innerMarkup, parseTolerantXml, textContent } from '../../../src/ingest/parse/tolerant-xml.js';

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>
  <item><title>Talks in Riyadh</title><link>https://wire.example/1</link><guid>g1</guid></item>
  <item><title>Truce holds</title><link>https://wire.example/2</link><guid>g2</guid></item></channel></rss>`;

describe('readWithRssParser', () => {
  it('sees the same feed as rss-parser’s own asynchronous parseString', async () => {
    const reference = await new Parser({ defaultRSS: 2 }).parseString(RSS);
    const ours = readWithRssParser(RSS);
    if (!ours.ok) throw new Error(ours.error);
    expect(ours.feed.entries.map((e) => e.title?.value)).toEqual(reference.items.map((i) => i.title));
    expect(ours.feed.entries.map((e) => e.link)).toEqual(reference.items.map((i) => i.link));
    expect(ours.feed.title?.value).toBe(reference.title);
  });

  it('reports what the strict parser refused', () => {
    expect(readWithRssParser('<rss version="2.0"><channel><title>A & B</title></channel></rss>')).toMatchObject({ ok: false });
    expect(readWithRssParser('<html><body/></html>')).toEqual({ ok: false, error: 'the document is neither RSS nor Atom' });
  });

  it('hands inline XHTML to the tolerant reader, whose tree keeps mixed content in order', () => {
    const atom = '<feed xmlns="http://www.w3.org/2005/Atom"><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><b>B</b> after</div></title></feed>';
    expect(readWithRssParser(atom)).toMatchObject({ ok: false });
    const tolerant = readTolerantly(atom);
    expect(tolerant.ok && inlineText(tolerant.feed.title)).toBe('B after');
  });
});

describe('parseTolerantXml', () => {
  it('closes unclosed elements and ignores stray end tags', () => {
    const root = parseTolerantXml('<rss><channel><title>A</b></title><item><title>B</channel>');
    expect(textContent(root)).toBe('AB');
    expect(innerMarkup(root)).toBe('<rss><channel><title>A</title><item><title>B</title></item></channel></rss>');
  });

  it('keeps CDATA literal and decodes entities in text and attributes', () => {
    const root = parseTolerantXml('<t a="x &amp; y">&lt;b&gt; &eacute; <![CDATA[&amp; <i>raw</i>]]></t>');
    expect(textContent(root)).toBe('<b> é &amp; <i>raw</i>');
    expect(innerMarkup(root)).toBe('<t a="x &amp; y">&lt;b&gt; é &amp;amp; &lt;i&gt;raw&lt;/i&gt;</t>');
  });
});

describe('readTolerantly', () => {
  it('reads prefixed Atom by namespace', () => {
    const result = readTolerantly(
      '<a:feed xmlns:a="http://www.w3.org/2005/Atom"><a:title>Prefixed</a:title><a:entry><a:title>One</a:title><a:link href="https://x.example/1"/></a:entry></a:feed>',
    );
    expect(result.ok && [inlineText(result.feed.title), result.feed.entries[0]?.link]).toEqual(['Prefixed', 'https://x.example/1']);
  });

  it('does not mistake module elements for core ones', () => {
    const result = readTolerantly(
      '<rss xmlns:media="http://search.yahoo.com/mrss/"><channel><item><media:title>Media</media:title><title>Core</title></item></channel></rss>',
    );
    expect(result.ok && inlineText(result.feed.entries[0]?.title ?? null)).toBe('Core');
  });

  it('names the root element of a document that is not a feed', () => {
    expect(readTolerantly('<opml><body/></opml>')).toEqual({ ok: false, error: 'the document is not a feed: its root element is <opml>' });
  });
});

describe('atomConstruct', () => {
  it.each([
    [{ type: undefined, text: 'a <b> c' }, { type: 'text', value: 'a <b> c' }],
    [{ type: 'html', text: 'a <b>c</b>' }, { type: 'html', value: 'a <b>c</b>' }],
    [{ type: 'text/html', mode: 'escaped', text: '<i>x</i>' }, { type: 'html', value: '<i>x</i>' }],
    [{ type: 'text/plain', mode: 'base64', text: 'SGVsbG8=' }, { type: 'guess', value: 'Hello' }],
    [{ type: 'application/octet-stream', text: 'PHA+SGk8L3A+' }, { type: 'guess', value: '<p>Hi</p>' }],
    [{ type: 'xhtml', text: 'ignored', markup: '<div>A <b>B</b></div>' }, { type: 'html', value: '<div>A <b>B</b></div>' }],
  ])('%o → %o', (element, expected) => {
    expect(atomConstruct({ mode: undefined, markup: null, ...element })).toEqual(expected);
  });
});

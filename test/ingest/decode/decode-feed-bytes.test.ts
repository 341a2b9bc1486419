import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeFeedBytes } from '../../../src/ingest/decode/decode-feed-bytes.js';

const TITLE = 'Переговоры: «мир» — Zelensky’s café';
const feedWith = (declaration: string) =>
  `${declaration}<rss version="2.0"><channel><title>${TITLE}</title></channel></rss>`;
const titleOf = (text: string) => /<title>(.*?)<\/title>/.exec(text)?.[1];

describe('decodeFeedBytes', () => {
  it.each([
    ['utf-8', Buffer.from([0xef, 0xbb, 0xbf])],
    ['utf-16le', Buffer.from([0xff, 0xfe])],
    ['utf-16be', Buffer.from([0xfe, 0xff])],
    ['utf-32le', Buffer.from([0xff, 0xfe, 0, 0])],
    ['utf-32be', Buffer.from([0, 0, 0xfe, 0xff])],
  ])('honours a %s byte-order mark over any label', (encoding, bom) => {
    const bytes = Buffer.concat([bom, iconv.encode(feedWith('<?xml version="1.0" encoding="iso-8859-1"?>'), encoding)]);
    const text = decodeFeedBytes(bytes, 'text/xml; charset=iso-8859-1');
    expect(titleOf(text)).toBe(TITLE);
    expect(text.startsWith('<?xml')).toBe(true);
  });

  it.each(['utf-16le', 'utf-16be', 'utf-32le', 'utf-32be'])('sniffs %s without a BOM from "<?xml"', (encoding) => {
    const bytes = iconv.encode(feedWith(`<?xml version="1.0" encoding="${encoding}"?>`), encoding);
    expect(titleOf(decodeFeedBytes(bytes, null))).toBe(TITLE);
  });

  it('lets the HTTP charset win over the XML declaration', () => {
    const text = 'Переговоры в Стамбуле — «мир»';
    const bytes = iconv.encode(`<?xml version="1.0" encoding="utf-8"?><title>${text}</title>`, 'windows-1251');
    expect(titleOf(decodeFeedBytes(bytes, 'application/rss+xml; charset="windows-1251"'))).toBe(text);
  });

  it('uses the XML declaration when HTTP names no charset', () => {
    const text = 'Ελληνικά νέα';
    const bytes = iconv.encode(`<?xml version="1.0" encoding="iso-8859-7"?><title>${text}</title>`, 'iso-8859-7');
    expect(titleOf(decodeFeedBytes(bytes, 'text/xml'))).toBe(text);
  });

  it.each([
    ['koi8-r', 'Новости'],
    ['big5', '和平談判'],
    ['gb2312', '和平谈判'],
    ['euc-kr', '평화 회담'],
    ['shift_jis', '和平交渉'],
    ['iso-8859-2', 'Łódź'],
  ])('decodes legacy %s', (encoding, text) => {
    const bytes = iconv.encode(`<?xml version="1.0" encoding="${encoding}"?><title>${text}</title>`, encoding);
    expect(titleOf(decodeFeedBytes(bytes, null))).toBe(text);
  });

  it('falls back to windows-1252 when undeclared bytes are not UTF-8', () => {
    const bytes = iconv.encode('<title>“Peace” talks in Genève</title>', 'windows-1252');
    expect(titleOf(decodeFeedBytes(bytes, null))).toBe('“Peace” talks in Genève');
  });

  it('keeps UTF-8 when a server stamps its default Latin-1 charset on a UTF-8 feed', () => {
    const bytes = Buffer.from(feedWith('<?xml version="1.0" encoding="UTF-8"?>'));
    expect(titleOf(decodeFeedBytes(bytes, 'text/xml; charset=ISO-8859-1'))).toBe(TITLE);
  });

  it('ignores a UTF-16 label on bytes that are not UTF-16', () => {
    const bytes = Buffer.from(feedWith('<?xml version="1.0" encoding="utf-16"?>'));
    expect(titleOf(decodeFeedBytes(bytes, null))).toBe(TITLE);
  });

  it('reads an HTML meta charset for article pages', () => {
    const bytes = iconv.encode('<html><head><meta charset="windows-1251"><title>Мир</title></head></html>', 'windows-1251');
    expect(titleOf(decodeFeedBytes(bytes, 'text/html'))).toBe('Мир');
  });

  it('removes characters XML forbids and reads C1 controls as windows-1252', () => {
    const text = decodeFeedBytes(Buffer.from('<title>don\u0092t\u0000 \u000bstop\u0085</title>'), null);
    expect(titleOf(text)).toBe('don’t stop…');
  });

  it('ignores unknown charsets', () => {
    expect(titleOf(decodeFeedBytes(Buffer.from(`<title>${TITLE}</title>`), 'text/xml; charset=bogus'))).toBe(TITLE);
  });
});

describe('decodeFeedBytes on arbitrary bytes', () => {
  it('never throws and never returns characters XML forbids', () => {
    const contentTypes = fc.constantFrom(null, 'text/xml', 'application/rss+xml; charset=utf-16', 'text/html; charset=shift_jis', 'text/xml; charset=nonsense');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), contentTypes, (bytes, contentType) => {
        const text = decodeFeedBytes(Buffer.from(bytes), contentType);
        expect(text).not.toMatch(/(?![\t\n\r\u007f-\u009f])\p{Cc}|[\ufffe\uffff]/u);
      }),
      { numRuns: 300 },
    );
  });
});

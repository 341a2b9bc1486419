import { describe, expect, it } from 'vitest';
import { collapseWhitespace, decodeEntities, htmlToInlineText, htmlToText, looksLikeHtml } from '../../../src/ingest/parse/html-text.js';

describe('htmlToText', () => {
  it('keeps paragraphs as blank-line-separated blocks and <br> as a line break', () => {
    expect(htmlToText('<p>First  paragraph\n spans lines.</p><p>Second<br/>line two</p><ul><li>one</li><li>two</li></ul>')).toBe(
      'First paragraph spans lines.\n\nSecond\nline two\n\none\n\ntwo',
    );
  });

  it('decodes named and numeric entities, including ones XML does not know', () => {
    expect(htmlToText('&ldquo;Peace&rdquo; &amp; security &#8212; Z&uuml;rich &#x2019;25 &hellip;')).toBe('“Peace” & security — Zürich ’25 …');
  });

  it('drops scripts, styles and comments', () => {
    expect(htmlToText('<style>p{color:red}</style><p>Text<!-- hidden --></p><script>var x = "<p>";</script>')).toBe('Text');
  });

  it('leaves a stray "<" and bare "&" as text', () => {
    expect(htmlToText('1 < 2 & 3 > 2')).toBe('1 < 2 & 3 > 2');
    expect(htmlToText('<b>AT&T</b> profits')).toBe('AT&T profits');
  });

  it('copes with unquoted attribute values containing quotes and with ">" inside quoted ones', () => {
    expect(htmlToText('<a href=http://example.com/">example</a>')).toBe('example');
    expect(htmlToText('<img alt="a > b" src="x.png">caption')).toBe('caption');
    expect(htmlToText('<img alt="cat<br />dog" src="x.png">')).toBe('');
  });

  it('keeps no-break and thin spaces, collapses ASCII whitespace', () => {
    expect(htmlToInlineText('<p>10&nbsp;km</p>\n<p>away\t now</p>')).toBe('10\u00a0km away now');
    expect(collapseWhitespace('  a \n\t b  ')).toBe('a b');
  });

  it('maps C1 control references to windows-1252 characters', () => {
    expect(htmlToText('don&#146;t')).toBe('don’t');
  });
});

describe('looksLikeHtml', () => {
  it.each([
    ['Plain title', false],
    ['1 < 2', false],
    ['AT&T', false],
    ['Tom &amp; Jerry', true],
    ['<b>bold</b>', true],
    ['line<br/>break', true],
    ['caf&#233;', true],
  ])('%s → %s', (text, expected) => expect(looksLikeHtml(text)).toBe(expected));
});

describe('decodeEntities', () => {
  it('decodes references and leaves unknown names and bare ampersands', () => {
    expect(decodeEntities('&eacute;t&eacute; &bogus; & &#65;')).toBe('été &bogus; & A');
  });
});

describe('htmlToText on hostile input', () => {
  it('stays fast when tags never close', () => {
    const started = Date.now();
    expect(htmlToText('<a "'.repeat(50_000)).length).toBeGreaterThan(0);
    expect(htmlToText(`<p title='${'x'.repeat(100_000)}`).length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

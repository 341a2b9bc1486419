import { describe, expect, it } from 'vitest';
import { stripDoctype } from '../../../src/ingest/parse/xml-prepare.js';

describe('stripDoctype', () => {
  it('removes a DOCTYPE with an external identifier', () => {
    const xml = '<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss/>';
    expect(stripDoctype(xml)).toBe('<?xml version="1.0"?><rss/>');
  });

  it('substitutes simple literal entities from the internal subset once', () => {
    const xml = '<!DOCTYPE rss [ <!ENTITY id "tag:example.com,"> ]><rss><guid>&id;2006:/blog/</guid></rss>';
    expect(stripDoctype(xml)).toBe('<rss><guid>tag:example.com,2006:/blog/</guid></rss>');
  });

  it('leaves entities built from other entities undefined, so nothing expands', () => {
    const xml = '<!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><r>&b;</r>';
    expect(stripDoctype(xml)).toBe('<r>&b;</r>');
  });

  it('honours brackets and ">" inside quoted strings of the subset', () => {
    const xml = '<!DOCTYPE r [<!ENTITY gt2 "x > y"><!-- ] --> ]><r>&gt2;</r>';
    expect(stripDoctype(xml)).toBe('<r>x > y</r>');
  });

  it('leaves documents without a DOCTYPE alone', () => {
    expect(stripDoctype('<rss version="2.0"/>')).toBe('<rss version="2.0"/>');
  });
});

describe('stripDoctype outside the prolog', () => {
  it('does not touch a DOCTYPE that is part of the content', () => {
    const xml = '<rss><item><description><![CDATA[<!DOCTYPE html><p>x</p>]]></description></item></rss>';
    expect(stripDoctype(xml)).toBe(xml);
  });
});

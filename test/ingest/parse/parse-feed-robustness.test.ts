import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFeed } from '../../../src/ingest/parse/index.js';

const fixtures = ['rss2-world-news.xml', 'atom-analysis.xml', 'broken-regional.xml', 'json-feed.json'].map((name) =>
  readFileSync(new URL(`../../fixtures/ingest/${name}`, import.meta.url), 'utf8'),
);

const noise = fc.constantFrom('<', '>', '&', '"', "'", ']]>', '<![CDATA[', '</item>', '<item>', '&nbsp;', '&#0;', '<!--', '{', '\u0000', '\uFFFF', '\uD800');

describe('parseFeed on damaged input', () => {
  it('never throws and never leaks objects, whatever is cut or inserted', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...fixtures),
        fc.array(fc.tuple(fc.nat(), fc.oneof(noise, fc.string({ maxLength: 8 }))), { maxLength: 6 }),
        fc.nat(),
        (source, insertions, cut) => {
          let text = source.slice(0, (cut % source.length) + 1);
          for (const [at, piece] of insertions) {
            const index = at % (text.length + 1);
            text = text.slice(0, index) + piece + text.slice(index);
          }
          const result = parseFeed(text, { baseUrl: 'https://feeds.example/feed' });
          expect(JSON.stringify(result)).not.toContain('[object Object]');
          if (result.ok) for (const item of result.items) expect(typeof item.title).toBe('string');
          else expect(result.error.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

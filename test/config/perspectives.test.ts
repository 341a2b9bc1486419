import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAppConfig } from '../../src/config/app-config.js';
import { loadPerspectives } from '../../src/config/perspectives.js';
import { makeConfigDir } from '../support/config-dir.js';
import { problemsOf } from '../support/config-problems.js';

function dirWithPerspectives(perspectives: unknown, feeds: unknown[] = []): string {
  const dir = makeConfigDir();
  writeFileSync(join(dir, 'perspectives.json'), JSON.stringify({ perspectives }));
  writeFileSync(join(dir, 'feeds.json'), JSON.stringify({ polling: { contactUrl: 'https://example.org/bot' }, feeds }));
  return dir;
}

describe('perspectives', () => {
  it('ships six sides and labels every shipped feed with a country and one of them', () => {
    const config = loadAppConfig('config');
    expect(config.perspectives.map((perspective) => perspective.id)).toEqual(['ukrainian', 'russian-state', 'russian-independent', 'western', 'gulf', 'other']);
    const ids = new Set(config.perspectives.map((perspective) => perspective.id));
    for (const feed of config.feeds.feeds) expect(ids.has(feed.perspective), feed.outlet).toBe(true);
    expect(config.feeds.feeds.find((feed) => feed.outlet === 'TASS')).toMatchObject({ country: 'RU', perspective: 'russian-state' });
  });

  it('names the feed, its JSON path and the known ids when a feed’s perspective is not listed', () => {
    const dir = dirWithPerspectives([{ id: 'other', label: 'Other', emoji: '▫️' }], [{ url: 'https://a.example/rss', outlet: 'A', perspective: 'ukranian' }]);
    expect(problemsOf(() => loadAppConfig(dir))).toEqual([expect.stringMatching(/feeds\.json: feeds\[0\]\.perspective: "ukranian" is not a perspective; use one of other/)]);
  });

  it('refuses a country that is not an ISO 3166 two-letter code, and accepts lower case', () => {
    const dir = dirWithPerspectives([{ id: 'other', label: 'Other', emoji: '▫️' }], [
      { url: 'https://a.example/rss', outlet: 'A', country: 'UKR' },
      { url: 'https://b.example/rss', outlet: 'B', country: 'ua' },
    ]);
    expect(problemsOf(() => loadAppConfig(dir))).toEqual([expect.stringMatching(/feeds\.json: feeds\[0\]\.country: "UKR" is not an ISO 3166 two-letter country code; write e\.g\. "UA"/)]);
  });

  it('names perspectives.json, the JSON path and the fix for a bad list', () => {
    const dir = dirWithPerspectives([
      { id: 'Ukrainian', label: 'Ukrainian media', emoji: '🇺🇦' },
      { id: 'western', label: '', emoji: '🌐' },
      { id: 'western', label: 'Western media', emoji: '🌐' },
    ]);
    expect(problemsOf(() => loadAppConfig(dir))).toEqual([
      expect.stringMatching(/perspectives\.json: perspectives\[0\]\.id: write the id in lower case/),
      expect.stringMatching(/perspectives\.json: perspectives\[1\]\.label: give the side a name/),
      expect.stringMatching(/perspectives\.json: perspectives\[2\]\.id: "western" is listed twice/),
      expect.stringMatching(/perspectives\.json: perspectives: add a perspective with id "other"/),
    ]);
  });

  it('labels every outlet "other" without a perspectives.json', () => {
    expect(loadPerspectives(mkdtempSync(join(tmpdir(), 'wirewatch-config-'))).map((perspective) => perspective.id)).toEqual(['other']);
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config/load-json.js';
import { loadRetention } from '../../src/config/retention.js';

function folderWith(json: string | null): string {
  const dir = mkdtempSync(join(tmpdir(), 'wirewatch-retention-'));
  if (json !== null) writeFileSync(join(dir, 'retention.json'), json);
  return dir;
}

function problems(json: string): string[] {
  try {
    loadRetention(folderWith(json));
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('config/retention.json', () => {
  it('is optional: 180 days for everything, quotes outlive their items', () => {
    expect(loadRetention(folderWith(null))).toEqual({ keepDays: { items: 180, matches: 180, stories: 180 }, quotesOutliveItems: true });
    expect(loadRetention(folderWith('{"keepDays": {"matches": 30}, "quotesOutliveItems": false}'))).toEqual({
      keepDays: { items: 180, matches: 30, stories: 180 },
      quotesOutliveItems: false,
    });
  });

  it('names the file, the JSON path and the fix', () => {
    expect(problems('{"keepDays": {"stories": 1}}')).toEqual([expect.stringMatching(/retention\.json: keepDays\.stories: keep stories at least 2 days \(the story window\); e\.g\. 180$/u)]);
    expect(problems('{"keepDays": {"items": 30, "matches": 90}}')).toEqual([
      expect.stringMatching(/retention\.json: keepDays\.matches: matches go with their items: keep them at most as long as items \(30 days\); lower it or raise keepDays\.items$/u),
    ]);
    expect(problems('{"keepDays": {"item": 30}}')[0]).toMatch(/retention\.json: keepDays: Unrecognized key\(s\) in object: 'item'; remove it or correct the spelling$/u);
    expect(problems('{"quotesOutliveItems": "yes"}')[0]).toMatch(/retention\.json: quotesOutliveItems: quotesOutliveItems is true or false/u);
  });
});

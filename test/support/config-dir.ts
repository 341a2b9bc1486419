import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestFeed {
  url: string;
  outlet: string;
  fullText?: boolean;
  country?: string;
  perspective?: string;
}

/** A temporary config folder: the shipped people, topics and perspectives, and the given feeds. */
export function makeConfigDir(feeds: readonly TestFeed[] = [], polling: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'wirewatch-config-'));
  copyFileSync('config/people.json', join(dir, 'people.json'));
  copyFileSync('config/topics.json', join(dir, 'topics.json'));
  copyFileSync('config/perspectives.json', join(dir, 'perspectives.json'));
  writeFeedsFile(dir, feeds, polling);
  return dir;
}

export function writeFeedsFile(dir: string, feeds: readonly TestFeed[], polling: Record<string, unknown> = {}): void {
  writeFileSync(join(dir, 'feeds.json'), JSON.stringify({ polling: { contactUrl: 'https://example.org/bot', ...polling }, feeds }));
}

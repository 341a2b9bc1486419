/**
 * `../shared` beside the checkout holds the seed article, its annotations and the feed corpus. CI has it; a
 * newcomer's clone does not. Tests that read it are declared with `describeWithShared` / `itWithShared`: where it
 * is absent they are skipped, with one line saying what is skipped and why, and `readShared` returns '' so that
 * module-level reads do not throw while the skipped tests are collected.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';

const SHARED_ROOT = fileURLToPath(new URL('../../../shared/', import.meta.url));

export const sharedAvailable = existsSync(SHARED_ROOT);

export function sharedPath(relativePath: string): string {
  return SHARED_ROOT + relativePath;
}

export function readShared(relativePath: string): string {
  return sharedAvailable ? readFileSync(sharedPath(relativePath), 'utf8') : '';
}

function sayWhatIsSkipped(name: string): void {
  if (!sharedAvailable) console.log(`skipped "${name}": it reads ../shared (seed article, annotations, feed corpus), which is not beside this checkout`);
}

export function describeWithShared(name: string, body: () => void): void {
  sayWhatIsSkipped(name);
  describe.skipIf(!sharedAvailable)(name, body);
}

export function itWithShared(name: string, body: () => void | Promise<void>, timeout?: number): void {
  sayWhatIsSkipped(name);
  it.skipIf(!sharedAvailable)(name, body, timeout);
}

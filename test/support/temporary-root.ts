import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest global setup: every temporary file of the run (config folders, databases, the bot processes' own) goes under
 * one folder, removed when the run ends. Test workers and the processes they start inherit TMPDIR, so os.tmpdir()
 * points there for all of them, and no test has to clean up after itself to leave /tmp as it was.
 */
export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'wirewatch-tests-'));
  process.env.TMPDIR = root;
  return () => rmSync(root, { recursive: true, force: true });
}

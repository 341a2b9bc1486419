import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('shutdown', () => {
  it('leaves no open handles: a bot session process exits by itself after destroy() and close()', async () => {
    const script = fileURLToPath(new URL('./fixtures/bot-session.ts', import.meta.url));
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script], { timeout: 20_000 });
    expect(JSON.parse(stdout.trim())).toEqual({ reply: 'Digest', violations: 0 });
  });
});

import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logging.js';

function capture(): { stream: Writable; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { stream, lines };
}

describe('logs', () => {
  it('never contain the token: not in token fields, not quoted inside a message or an error', () => {
    const token = 'MTAxNDk.secret-token-value.x9';
    const { stream, lines } = capture();
    const logger = createLogger({ level: 'info', pretty: false, secrets: [token], destination: stream });
    logger.info({ token, client: { token } }, 'connecting');
    logger.error({ err: new Error(`login failed for ${token}`) }, `could not use ${token}`);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).not.toContain(token);
    expect(lines[0]).toContain('"token":"[redacted]"');
    expect(lines[1]).toContain('could not use [redacted]');
  });
});

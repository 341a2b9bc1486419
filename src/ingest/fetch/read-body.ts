import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';

export type BodyOutcome =
  | { kind: 'ok'; body: Buffer }
  | { kind: 'too-large'; message: string }
  | { kind: 'network'; message: string };

/** A decoder for a Content-Encoding value, or null for identity / unknown codings. */
function decoderFor(contentEncoding: string | null, firstByte: number | undefined) {
  switch (contentEncoding?.trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'br':
      return createBrotliDecompress();
    case 'deflate':
      // "deflate" should be zlib-wrapped (RFC 9110) but some servers send raw DEFLATE; a zlib
      // stream starts with a CMF byte whose low nibble is 8.
      return firstByte !== undefined && (firstByte & 0x0f) === 8 ? createInflate() : createInflateRaw();
    default:
      return null;
  }
}

/**
 * Reads a response body, decompressing it, and gives up as soon as either the bytes on the
 * wire or the decompressed bytes exceed `maxBytes` (so a compression bomb stops at the cap).
 * Rejects with `signal.reason` when the signal aborts.
 */
export function readCappedBody(
  response: Readable,
  contentEncoding: string | null,
  maxBytes: number,
  signal: AbortSignal,
): Promise<BodyOutcome> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let wireBytes = 0;
    let decodedBytes = 0;
    let decoder: ReturnType<typeof decoderFor> | undefined;
    let settled = false;

    const finish = (outcome: BodyOutcome | Error) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (outcome instanceof Error || outcome.kind !== 'ok') {
        response.destroy();
        decoder?.destroy();
      }
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const tooLarge = (what: string) =>
      finish({ kind: 'too-large', message: `${what} exceeds the limit of ${maxBytes} bytes` });
    const onAbort = () => finish(signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason)));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });

    const collect = (chunk: Buffer) => {
      decodedBytes += chunk.length;
      if (decodedBytes > maxBytes) return tooLarge('the decompressed body');
      chunks.push(chunk);
    };

    response.on('data', (chunk: Buffer) => {
      if (settled) return;
      wireBytes += chunk.length;
      if (wireBytes > maxBytes) return tooLarge('the body');
      if (decoder === undefined) {
        decoder = decoderFor(contentEncoding, chunk[0]);
        if (decoder) {
          decoder.on('data', collect);
          decoder.on('error', (error) =>
            finish({ kind: 'network', message: `could not decompress the ${contentEncoding} body: ${error.message}` }),
          );
          decoder.on('end', () => finish({ kind: 'ok', body: Buffer.concat(chunks) }));
        }
      }
      if (decoder) decoder.write(chunk);
      else collect(chunk);
    });
    response.on('end', () => {
      if (decoder) decoder.end();
      else finish({ kind: 'ok', body: Buffer.concat(chunks) });
    });
    response.on('error', (error) => finish({ kind: 'network', message: `the connection failed: ${error.message}` }));
    response.on('close', () => {
      if (!response.readableEnded) finish({ kind: 'network', message: 'the connection closed before the body was complete' });
    });
  });
}

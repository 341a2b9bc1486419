import { describe, expect, it } from 'vitest';
import { MAXIMUM_INTERVAL_MS, nextPollAfterFailure, nextPollAfterSuccess } from '../../../src/ingest/poll/schedule.js';

const MINUTE = 60_000;
const middle = 0.5; // no jitter

describe('next poll after a success', () => {
  it('uses the configured interval when it is the longest', () => {
    expect(nextPollAfterSuccess({ now: 0, intervalMs: 5 * MINUTE, ttlMinutes: null, maxAgeSeconds: null, random: middle })).toBe(5 * MINUTE);
  });

  it('never polls faster than every two minutes', () => {
    expect(nextPollAfterSuccess({ now: 0, intervalMs: 10_000, ttlMinutes: null, maxAgeSeconds: null, random: middle })).toBe(2 * MINUTE);
  });

  it("honours the feed's ttl and the server's max-age when longer", () => {
    expect(nextPollAfterSuccess({ now: 0, intervalMs: 5 * MINUTE, ttlMinutes: 30, maxAgeSeconds: 60, random: middle })).toBe(30 * MINUTE);
    expect(nextPollAfterSuccess({ now: 0, intervalMs: 5 * MINUTE, ttlMinutes: 10, maxAgeSeconds: 3600, random: middle })).toBe(60 * MINUTE);
  });

  it('spreads polls by at most 15% either way', () => {
    const low = nextPollAfterSuccess({ now: 0, intervalMs: 10 * MINUTE, ttlMinutes: null, maxAgeSeconds: null, random: 0 });
    const high = nextPollAfterSuccess({ now: 0, intervalMs: 10 * MINUTE, ttlMinutes: null, maxAgeSeconds: null, random: 0.999999 });
    expect(low).toBe(8.5 * MINUTE);
    expect(high).toBeGreaterThan(11.49 * MINUTE);
    expect(high).toBeLessThanOrEqual(11.5 * MINUTE);
  });

  it('caps the wait at six hours whatever the ttl says', () => {
    expect(nextPollAfterSuccess({ now: 0, intervalMs: 5 * MINUTE, ttlMinutes: 10_000, maxAgeSeconds: null, random: 0.99 })).toBe(MAXIMUM_INTERVAL_MS);
  });
});

describe('next poll after a failure', () => {
  it('backs off exponentially from the interval', () => {
    const waits = [1, 2, 3, 4].map((failures) =>
      nextPollAfterFailure({ now: 0, intervalMs: 5 * MINUTE, failures, retryAfterSeconds: null, random: middle }),
    );
    expect(waits).toEqual([5 * MINUTE, 10 * MINUTE, 20 * MINUTE, 40 * MINUTE]);
  });

  it('caps the backoff at six hours', () => {
    expect(nextPollAfterFailure({ now: 0, intervalMs: 5 * MINUTE, failures: 30, retryAfterSeconds: null, random: 0.99 })).toBe(MAXIMUM_INTERVAL_MS);
  });

  it('waits at least as long as Retry-After asks', () => {
    expect(nextPollAfterFailure({ now: 1000, intervalMs: 5 * MINUTE, failures: 1, retryAfterSeconds: 3600, random: middle })).toBe(1000 + 60 * MINUTE);
  });
});

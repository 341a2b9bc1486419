/** When to poll a feed next. Pure: the clock and the dice are passed in. */

const MINUTE = 60_000;
export const MINIMUM_INTERVAL_MS = 2 * MINUTE;
export const MAXIMUM_INTERVAL_MS = 6 * 60 * MINUTE;
const JITTER = 0.15;

export interface SuccessTiming {
  now: number;
  intervalMs: number;
  /** The feed's own <ttl>, in minutes. */
  ttlMinutes: number | null;
  /** Cache-Control max-age from the response. */
  maxAgeSeconds: number | null;
  /** A number in [0, 1): Math.random in production, fixed in tests. */
  random: number;
}

/**
 * The longest of our interval, the feed's TTL and the server's max-age, spread by ±15% so feeds
 * configured together drift apart, and never beyond six hours.
 */
export function nextPollAfterSuccess(timing: SuccessTiming): number {
  const wanted = Math.max(
    timing.intervalMs,
    MINIMUM_INTERVAL_MS,
    (timing.ttlMinutes ?? 0) * MINUTE,
    (timing.maxAgeSeconds ?? 0) * 1000,
  );
  return timing.now + Math.min(jitter(wanted, timing.random), MAXIMUM_INTERVAL_MS);
}

export interface FailureTiming {
  now: number;
  intervalMs: number;
  /** Consecutive failures including this one (1 after the first). */
  failures: number;
  retryAfterSeconds: number | null;
  random: number;
}

/** Exponential backoff from the interval, doubled per failure, capped at six hours; Retry-After wins when later. */
export function nextPollAfterFailure(timing: FailureTiming): number {
  const base = Math.max(timing.intervalMs, MINIMUM_INTERVAL_MS);
  const backoff = Math.min(base * 2 ** Math.max(0, timing.failures - 1), MAXIMUM_INTERVAL_MS);
  const retryAfter = Math.min((timing.retryAfterSeconds ?? 0) * 1000, MAXIMUM_INTERVAL_MS);
  return timing.now + Math.max(Math.min(jitter(backoff, timing.random), MAXIMUM_INTERVAL_MS), retryAfter);
}

function jitter(ms: number, random: number): number {
  return Math.round(ms * (1 - JITTER + 2 * JITTER * random));
}

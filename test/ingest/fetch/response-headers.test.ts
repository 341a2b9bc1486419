import { describe, expect, it } from 'vitest';
import { parseMaxAge, parseRetryAfter } from '../../../src/ingest/fetch/response-headers.js';

describe('parseRetryAfter', () => {
  const now = new Date('2025-08-15T12:00:00Z');
  it('reads delta-seconds', () => expect(parseRetryAfter('120', now)).toBe(120));
  it('reads an HTTP date relative to now', () =>
    expect(parseRetryAfter('Fri, 15 Aug 2025 12:05:00 GMT', now)).toBe(300));
  it('never goes negative for a past date', () => expect(parseRetryAfter('Fri, 15 Aug 2025 11:00:00 GMT', now)).toBe(0));
  it('returns null for garbage or absence', () => {
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});

describe('parseMaxAge', () => {
  it('reads max-age among other directives', () => {
    expect(parseMaxAge('public, max-age=600')).toBe(600);
    expect(parseMaxAge('max-age=60, must-revalidate')).toBe(60);
  });
  it('ignores s-maxage and missing values', () => {
    expect(parseMaxAge('s-maxage=100')).toBeNull();
    expect(parseMaxAge('no-cache')).toBeNull();
    expect(parseMaxAge(null)).toBeNull();
  });
});

import { RateLimitError } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { classifyDeliveryError, retryDelayMs } from '../../../src/discord/delivery/errors.js';
import { discordError, networkError, rateLimited, serverError } from './fakes.js';

describe('classifyDeliveryError', () => {
  it('treats lost access to the channel as a reason to pause', () => {
    expect(classifyDeliveryError(discordError(403, 50001, 'Missing Access'))).toEqual({ kind: 'no-access', reason: 'Missing Access (Discord error 50001)' });
    expect(classifyDeliveryError(discordError(403, 50013, 'Missing Permissions'))).toMatchObject({ kind: 'no-access' });
    expect(classifyDeliveryError(discordError(404, 10003, 'Unknown Channel'))).toMatchObject({ kind: 'no-access' });
  });

  it('retries server errors, rate limits, timeouts and network failures', () => {
    expect(classifyDeliveryError(serverError(503))).toMatchObject({ kind: 'retry', retryAfterMs: null });
    expect(classifyDeliveryError(rateLimited(2.5))).toMatchObject({ kind: 'retry', retryAfterMs: 2_500 });
    const limit = new RateLimitError({
      timeToReset: 4_000, limit: 5, method: 'POST', hash: 'h', url: '/channels/1/messages', route: '/channels/:id/messages',
      majorParameter: '1', global: false, retryAfter: 4_000, sublimitTimeout: 0, scope: 'user',
    });
    expect(classifyDeliveryError(limit)).toMatchObject({ kind: 'retry', retryAfterMs: 4_000 });
    expect(classifyDeliveryError(networkError())).toMatchObject({ kind: 'retry', reason: expect.stringContaining('ECONNREFUSED') });
    expect(classifyDeliveryError(Object.assign(new Error('This operation was aborted'), { name: 'AbortError' }))).toMatchObject({ kind: 'retry' });
    expect(classifyDeliveryError(new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) }))).toMatchObject({
      kind: 'retry',
      reason: expect.stringContaining('UND_ERR_SOCKET'),
    });
  });

  it('gives up on a message Discord refuses', () => {
    expect(classifyDeliveryError(discordError(400, 50035, 'Invalid Form Body'))).toMatchObject({ kind: 'rejected', reason: expect.stringContaining('50035') });
    expect(classifyDeliveryError(discordError(404, 10008, 'Unknown Message'))).toMatchObject({ kind: 'rejected' });
  });
});

describe('retryDelayMs', () => {
  it('doubles up to a cap, with jitter, never sooner than Discord asked', () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, null, middle))).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(retryDelayMs(20, null, middle)).toBe(15 * 60_000);
    expect(retryDelayMs(1, null, () => 0)).toBe(4_000);
    expect(retryDelayMs(1, null, () => 1)).toBe(6_000);
    expect(retryDelayMs(1, 90_000, middle)).toBe(90_000);
  });
});

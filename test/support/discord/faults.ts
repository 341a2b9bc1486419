import type { RestReply } from './http.js';
import { routeKey } from './http.js';

/** A failure to serve instead of the real answer, for the next `times` requests to `route`. */
export interface FailureSpec {
  /** "METHOD /path/:param" as in Discord's docs, e.g. "POST /channels/:id/messages" (parameter names don't matter). */
  route: string;
  /** 429 for a rate limit, or a 5xx. */
  status: number;
  /** Seconds, for 429 (default 0.05). Sent in Retry-After and the JSON body, as Discord does. */
  retryAfter?: number;
  /** A global rate limit (X-RateLimit-Global) rather than a per-route bucket. */
  global?: boolean;
  times?: number;
  /**
   * Carry the request out, then answer with the failure instead: the work was done but its answer was lost on
   * the way back (a timeout, a dropped connection), so the client cannot tell and may try again.
   */
  afterHandling?: boolean;
}

export interface InjectedFailure {
  reply: RestReply;
  afterHandling: boolean;
}

interface PendingFailure {
  key: string;
  spec: FailureSpec;
  remaining: number;
}

export class FaultPlan {
  private readonly pending: PendingFailure[] = [];

  add(spec: FailureSpec): void {
    if (spec.status < 400) throw new Error(`failNext: status ${spec.status} is not a failure; use 429 or a 5xx.`);
    this.pending.push({ key: routeKey(spec.route), spec, remaining: spec.times ?? 1 });
  }

  /** The injected reply for a request on `route` (a template like "POST /channels/:channelId/messages"), if one is due. */
  take(route: string, nowMs: number): InjectedFailure | null {
    const key = routeKey(route);
    const failure = this.pending.find((candidate) => candidate.key === key);
    if (!failure) return null;
    failure.remaining -= 1;
    if (failure.remaining <= 0) this.pending.splice(this.pending.indexOf(failure), 1);
    const reply = failure.spec.status === 429 ? rateLimited(failure.spec, key, nowMs) : serverError(failure.spec.status);
    return { reply, afterHandling: failure.spec.afterHandling === true };
  }

  get outstanding(): number {
    return this.pending.reduce((sum, failure) => sum + failure.remaining, 0);
  }
}

function rateLimited(spec: FailureSpec, key: string, nowMs: number): RestReply {
  const retryAfter = spec.retryAfter ?? 0.05;
  const global = spec.global === true;
  const headers: Record<string, string> = {
    'retry-after': String(retryAfter),
    'x-ratelimit-limit': '5',
    'x-ratelimit-remaining': '0',
    'x-ratelimit-reset': String((nowMs / 1000 + retryAfter).toFixed(3)),
    'x-ratelimit-reset-after': String(retryAfter),
    'x-ratelimit-bucket': Buffer.from(key).toString('hex').slice(0, 32),
    'x-ratelimit-scope': global ? 'global' : 'user',
  };
  if (global) headers['x-ratelimit-global'] = 'true';
  return {
    status: 429,
    headers,
    body: { message: 'You are being rate limited.', retry_after: retryAfter, global, ...(global ? { code: 0 } : {}) },
  };
}

function serverError(status: number): RestReply {
  return { status, body: { message: `${status}: ${status === 500 ? 'Internal Server Error' : 'Bad Gateway'}`, code: 0 } };
}

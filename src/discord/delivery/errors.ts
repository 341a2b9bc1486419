/**
 * What a failed Discord call means for the outbox row. discord.js retries rate limits and (a few times) 5xx
 * itself; what reaches us is what it gave up on.
 */
export type DeliveryFailure =
  /** wirewatch cannot post in the channel: its subscriptions there are paused and the guild is told. */
  | { kind: 'no-access'; reason: string }
  /** Transient (5xx, 429, network, timeout): try again later. */
  | { kind: 'retry'; reason: string; retryAfterMs: number | null }
  /** Discord refuses this one message (invalid body, the edited message was deleted): give up on the row. */
  | { kind: 'rejected'; reason: string };

const NO_ACCESS_CODES = new Map<number, string>([
  [50001, 'Missing Access'],
  [50013, 'Missing Permissions'],
  [10003, 'Unknown Channel'],
]);

const NETWORK_CODES = /^(E(CONNRESET|CONNREFUSED|CONNABORTED|TIMEDOUT|PIPE|NOTFOUND|AI_AGAIN|NETUNREACH|HOSTUNREACH)|UND_ERR_\w+)$/u;

export function classifyDeliveryError(error: unknown): DeliveryFailure {
  const details = readError(error);
  if (details.status !== null) {
    const code = typeof details.code === 'number' ? details.code : null;
    const known = code === null ? undefined : NO_ACCESS_CODES.get(code);
    if (known) return { kind: 'no-access', reason: `${known} (Discord error ${code})` };
    const reason = `${details.message} (HTTP ${details.status}${code !== null ? `, Discord error ${code}` : ''})`;
    if (details.status === 429 || details.status === 408 || details.status >= 500) {
      return { kind: 'retry', reason, retryAfterMs: details.retryAfterMs };
    }
    return { kind: 'rejected', reason };
  }
  if (details.retryAfterMs !== null) return { kind: 'retry', reason: `rate limited: ${details.message}`, retryAfterMs: details.retryAfterMs };
  const network = typeof details.code === 'string' && NETWORK_CODES.test(details.code);
  const reason = network ? `network error ${String(details.code)}: ${details.message}` : details.message;
  // Anything unrecognised is retried too: the attempt limit ends it if it never clears.
  return { kind: 'retry', reason, retryAfterMs: null };
}

interface ErrorDetails {
  status: number | null;
  code: number | string | null;
  message: string;
  retryAfterMs: number | null;
}

/** Reads DiscordAPIError / HTTPError / RateLimitError / Node system errors by shape, not by class identity. */
function readError(error: unknown): ErrorDetails {
  if (typeof error !== 'object' || error === null) return { status: null, code: null, message: String(error), retryAfterMs: null };
  const record = error as Record<string, unknown>;
  const cause = typeof record.cause === 'object' && record.cause !== null ? (record.cause as Record<string, unknown>) : null;
  const status = typeof record.status === 'number' ? record.status : null;
  const code = typeof record.code === 'number' || typeof record.code === 'string' ? record.code : typeof cause?.code === 'string' ? cause.code : null;
  const message = typeof record.message === 'string' && record.message !== '' ? record.message : String(record.name ?? 'unknown error');
  return { status, code, message: message.slice(0, 300), retryAfterMs: retryAfter(record) };
}

function retryAfter(record: Record<string, unknown>): number | null {
  // RateLimitError.retryAfter is in milliseconds; a raw 429 body's retry_after is in seconds.
  if (typeof record.retryAfter === 'number') return record.retryAfter;
  const raw = record.rawError;
  if (typeof raw === 'object' && raw !== null && typeof (raw as Record<string, unknown>).retry_after === 'number') {
    return Math.ceil(((raw as Record<string, unknown>).retry_after as number) * 1000);
  }
  return null;
}

export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseDelayMs: 5_000, maxDelayMs: 15 * 60_000 };

/** Exponential backoff with ±20% jitter after the `attempt`-th failure (1-based); never sooner than Discord asked. */
export function retryDelayMs(attempt: number, retryAfterMs: number | null, random: () => number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(exponential * (0.8 + 0.4 * random()));
  return Math.max(jittered, retryAfterMs ?? 0);
}

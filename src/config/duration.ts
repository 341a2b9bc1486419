const MINUTE = 60_000;
const UNIT_MS: Record<string, number> = { m: MINUTE, h: 60 * MINUTE, d: 24 * 60 * MINUTE, w: 7 * 24 * 60 * MINUTE };
const DURATION = /^(\d{1,6})\s*(m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)$/u;
export const MAX_SINCE_MS = 90 * 24 * 60 * MINUTE;

export type DurationResult = { ok: true; ms: number } | { ok: false; problem: string };

/** "90m", "24h", "7d", "2w" (also "3 days") → milliseconds, from 1 minute to 90 days; `problem` says how to fix it. */
export function parseDuration(text: string): DurationResult {
  const match = DURATION.exec(text.trim().toLowerCase());
  const ms = match ? Number(match[1]) * (UNIT_MS[(match[2] ?? '').charAt(0)] ?? 0) : Number.NaN;
  if (!match || !(ms >= MINUTE)) return { ok: false, problem: 'is not a time span: write a number and a unit, e.g. 90m, 24h, 7d or 2w' };
  if (ms > MAX_SINCE_MS) return { ok: false, problem: 'reaches back too far: wirewatch looks back at most 90 days (90d)' };
  return { ok: true, ms };
}

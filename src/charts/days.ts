/** Calendar days in UTC, written as ISO dates ("2026-11-12"): the unit of the timeline chart and the sparklines. */
const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC day of an instant (epoch ms). */
export function utcDay(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** The `count` UTC days ending with the day of `until`, oldest first. */
export function daysEnding(until: number, count: number): string[] {
  const last = Date.parse(`${utcDay(until)}T00:00:00Z`);
  return Array.from({ length: count }, (_, index) => utcDay(last - (count - 1 - index) * DAY_MS));
}

/** The UTC days from the day of `since` to the day of `until`, both included, oldest first. */
export function daysBetween(since: number, until: number): string[] {
  const first = Date.parse(`${utcDay(since)}T00:00:00Z`);
  const last = Date.parse(`${utcDay(until)}T00:00:00Z`);
  return daysEnding(until, Math.max(1, Math.round((last - first) / DAY_MS) + 1));
}

/** "12 Nov 2026", or "12 Nov" when `withYear` is false. */
export function dayLabel(day: string, withYear = true): string {
  const date = new Date(`${day}T00:00:00Z`);
  return date.toLocaleDateString('en-GB', { day: 'numeric', month: 'short', ...(withYear ? { year: 'numeric' } : {}), timeZone: 'UTC' });
}

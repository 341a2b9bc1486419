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

/** Month abbreviations as the chart's axis writes them (vega's "%b"), whatever the runtime's locale data says. */
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** "12 Nov 2026", or "12 Nov" when `withYear` is false. */
export function dayLabel(day: string, withYear = true): string {
  const date = new Date(`${day}T00:00:00Z`);
  const label = `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()] ?? ''}`;
  return withYear ? `${label} ${date.getUTCFullYear()}` : label;
}

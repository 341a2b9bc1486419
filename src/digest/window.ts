/** A digest's time window as people read it: minutes, UTC, e.g. "2025-08-18 07:00 → 2025-08-19 07:00 UTC". */
export function formatWindow(start: Date, end: Date): string {
  const format = (date: Date) => date.toISOString().slice(0, 16).replace('T', ' ');
  return `${format(start)} → ${format(end)} UTC`;
}

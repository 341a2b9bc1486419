import { optionErrorText } from './user-errors.js';

/**
 * Quiet hours: a daily window of wall-clock time in a time zone, written "22:00-07:00". A window whose end comes before
 * its start crosses midnight (22:00 to 07:00 the next morning); the start is inside, the end is not.
 */
export interface QuietWindow {
  /** Minutes after local midnight. */
  start: number;
  end: number;
}

const WINDOW = /^(\d{1,2}):(\d{2})\s*[-–]\s*(\d{1,2}):(\d{2})$/u;

export type QuietHoursParse = { ok: true; window: QuietWindow; text: string } | { ok: false; problem: string };

/** Reads "22:00-07:00" (also "7:00–9:30"); `text` is the normalised spelling the store keeps. */
export function parseQuietHours(input: string): QuietHoursParse {
  const match = WINDOW.exec(input.trim());
  if (!match) return { ok: false, problem: optionErrorText('quiet-format') };
  const [startHour, startMinute, endHour, endMinute] = match.slice(1).map(Number) as [number, number, number, number];
  if (startHour > 23 || endHour > 23 || startMinute > 59 || endMinute > 59) return { ok: false, problem: optionErrorText('quiet-clock') };
  const window = { start: startHour * 60 + startMinute, end: endHour * 60 + endMinute };
  if (window.start === window.end) return { ok: false, problem: optionErrorText('quiet-empty') };
  return { ok: true, window, text: `${clock(window.start)}-${clock(window.end)}` };
}

/** Whether the wall clock in `timeZone` at `epoch` is inside the window ("HH:MM-HH:MM"); a window that does not parse never is. */
export function isQuietAt(quietHours: string, timeZone: string, epoch: number): boolean {
  const parsed = parseQuietHours(quietHours);
  if (!parsed.ok) return false;
  const { start, end } = parsed.window;
  const minute = minuteOfDay(epoch, timeZone);
  return start < end ? minute >= start && minute < end : minute >= start || minute < end;
}

/** "22:00–07:00": the window as shown to people. */
export function quietHoursText(quietHours: string): string {
  return quietHours.replace('-', '–');
}

function clock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** One formatter per zone: building one costs far more than using it, and planning asks per item and channel. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function minuteOfDay(epoch: number, timeZone: string): number {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', hour: 'numeric', minute: 'numeric' });
    formatters.set(timeZone, format);
  }
  let hour = 0;
  let minute = 0;
  for (const part of format.formatToParts(new Date(epoch))) {
    if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
  }
  return hour * 60 + minute;
}

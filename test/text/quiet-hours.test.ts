import { describe, expect, it } from 'vitest';
import { isQuietAt, parseQuietHours } from '../../src/text/quiet-hours.js';

describe('quiet hours', () => {
  it('reads a window, normalised, and refuses impossible or empty ones with the option error text', () => {
    expect(parseQuietHours('22:00-07:00')).toEqual({ ok: true, window: { start: 22 * 60, end: 7 * 60 }, text: '22:00-07:00' });
    expect(parseQuietHours(' 7:30 – 9:05 ')).toMatchObject({ ok: true, text: '07:30-09:05' });
    expect(parseQuietHours('25:00-07:00')).toEqual({ ok: false, problem: expect.stringContaining('00:00 to 23:59') });
    expect(parseQuietHours('22:61-07:00')).toMatchObject({ ok: false });
    expect(parseQuietHours('10pm-7am')).toEqual({ ok: false, problem: expect.stringContaining('"22:00-07:00"') });
    expect(parseQuietHours('08:00-08:00')).toEqual({ ok: false, problem: expect.stringContaining('differ') });
  });

  it('crosses midnight in the subscription’s zone: the start is inside, the end is not', () => {
    const kyiv = 'Europe/Kyiv'; // UTC+3 in August
    const at = (hour: number, minute = 0): number => Date.UTC(2025, 7, 18, hour - 3, minute);
    expect(isQuietAt('22:00-07:00', kyiv, at(21, 59))).toBe(false);
    expect(isQuietAt('22:00-07:00', kyiv, at(22))).toBe(true);
    expect(isQuietAt('22:00-07:00', kyiv, at(26))).toBe(true); // 02:00 the next night
    expect(isQuietAt('22:00-07:00', kyiv, at(30, 59))).toBe(true); // 06:59
    expect(isQuietAt('22:00-07:00', kyiv, at(31))).toBe(false); // 07:00
    expect(isQuietAt('12:00-13:00', 'UTC', Date.UTC(2025, 7, 18, 12, 30))).toBe(true);
    expect(isQuietAt('12:00-13:00', 'UTC', Date.UTC(2025, 7, 18, 13, 0))).toBe(false);
  });
});

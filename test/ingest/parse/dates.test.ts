import { describe, expect, it } from 'vitest';
import { normalizeDate } from '../../../src/ingest/parse/dates.js';

describe('normalizeDate', () => {
  it.each([
    ['Mon, 02 Jun 2025 14:31:07 +0300', '2025-06-02T11:31:07.000Z'],
    ['Mon, 2 Jun 2025 11:05:00 GMT', '2025-06-02T11:05:00.000Z'],
    ['Tue, 14 Jan 2025 09:12:44 EET', '2025-01-14T07:12:44.000Z'],
    ['Fri, 15 Aug 2025 10:00:00 EDT', '2025-08-15T14:00:00.000Z'],
    ['15 Aug 2025 10:00 PST', '2025-08-15T18:00:00.000Z'],
    ['Thu, 01 Jan 04 19:48:21 GMT', '2004-01-01T19:48:21.000Z'],
    ['Wednesday, 13-Aug-2025 08:00:00 UT', '2025-08-13T08:00:00.000Z'],
    ['2025-08-16T08:30:00+02:00', '2025-08-16T06:30:00.000Z'],
    ['2025-08-16T08:30:00.123Z', '2025-08-16T08:30:00.123Z'],
    ['2025-08-16 08:30:00Z', '2025-08-16T08:30:00.000Z'],
    ['2025-08-16', '2025-08-16T00:00:00.000Z'],
    ['20250816T083000Z', '2025-08-16T08:30:00.000Z'],
    ['August 16, 2025 8:30 AM UTC', '2025-08-16T08:30:00.000Z'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeDate(raw)).toBe(expected);
  });

  it.each([null, undefined, '', 'yesterday', 'Item 2', '2025-13-45', 'Sunday, June 1st 2025', 'x'.repeat(500)])(
    'returns null for %s',
    (raw) => {
      expect(normalizeDate(raw)).toBeNull();
    },
  );
});

import { describe, expect, it } from 'vitest';
import { eventCues, mainClause } from '../../../src/analysis/stories/event-cues.js';
import { headlineOf, ledeBody } from '../../../src/analysis/stories/features.js';

const DAY_MS = 86_400_000;
const day = (iso: string) => Date.parse(iso) / DAY_MS;
// Friday 26 December 2025, 20:30 UTC.
const friday = new Date('2025-12-26T20:30:00Z');

describe('eventCues', () => {
  it.each([
    ['Zelensky to meet Trump in Florida on Sunday', '', { days: [day('2025-12-28')], preview: true, kind: 'meeting' }],
    ['Trump says he had call with Putin before Zelensky talks', '', { days: [], preview: false, kind: 'call' }],
    ['Russia pounds Kyiv with missiles a day before Zelensky-Trump talks', '', { preview: false, kind: 'strike' }],
    ['Europe seeks US backstop commitment ahead of Paris summit', '', { preview: true, kind: null }],
    ['Death toll from Russian attack on Kyiv rises to two', 'The number killed in the attack on Kyiv on December 25 has risen to two.', { days: [day('2025-12-25')], followUp: true, kind: 'strike' }],
    ['Talks in Abu Dhabi end with agreement to meet again', 'The talks ended on Friday.', { days: [day('2025-12-26')], preview: false, followUp: true }],
    ['What we know about the talks of Jan. 23-24', '', { days: [day('2026-01-23'), day('2026-01-24')], followUp: true }],
    ['US reaches deals to pause attacks at sea', '', { kind: null }],
  ])('%s', (title, lede, expected) => {
    expect(eventCues(title, lede, friday)).toMatchObject(expected);
  });

  it('dates a preview by its event, not by the day it was announced', () => {
    const cues = eventCues('Macron says allies will meet in Paris', 'Macron said on Friday the leaders will meet in Paris on Jan. 6.', friday);
    expect(cues).toMatchObject({ preview: true, days: [day('2026-01-06')] });
  });

  it('reads a weekday a report filed late in the UTC day gives in local time as the next day', () => {
    const lateTuesday = new Date('2025-12-02T23:30:00Z');
    expect(eventCues('Kremlin says no compromise in talks', 'Ushakov said early Wednesday there was no compromise.', lateTuesday).days).toEqual([day('2025-12-03')]);
  });
});

describe('headline and lede clean-up', () => {
  it('cuts the outlet an aggregator appends, the scene-setting clause and agency datelines', () => {
    expect(headlineOf('Zelensky to meet Trump in Florida on Sunday - Reuters')).toBe('Zelensky to meet Trump in Florida on Sunday');
    expect(headlineOf('Trump – Putin call: what was said')).toBe('Trump – Putin call: what was said');
    expect(mainClause('Russia hits Kyiv and Kharkiv as peace talks go on in Abu Dhabi')).toBe('Russia hits Kyiv and Kharkiv');
    expect(ledeBody('MOSCOW, December 25. /TASS/. Moscow is analysing the proposals.')).toBe('Moscow is analysing the proposals.');
  });
});

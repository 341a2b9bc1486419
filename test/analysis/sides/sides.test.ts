import { describe, expect, it } from 'vitest';
import { countBadges, coverageLine, coverageOfOutlets, findBlindspots, groupBySide, type SideReport } from '../../../src/analysis/sides/index.js';
import { loadPerspectives } from '../../../src/config/perspectives.js';

const PERSPECTIVES = loadPerspectives('config');
const HOUR = 3_600_000;
const T0 = Date.UTC(2025, 7, 18, 6);

describe('coverage by side', () => {
  it('counts a story’s outlets per side, most first, equal counts in perspectives.json order', () => {
    const outlets = ['western', 'ukrainian', 'russian-state', 'ukrainian', 'gulf', 'western', 'ukrainian'];
    expect(coverageOfOutlets(outlets, PERSPECTIVES)).toBe('Reported by 7 outlets: 🇺🇦 3 · 🌐 2 · 🇷🇺 state 1 · 🌍 Gulf 1');
    expect(coverageOfOutlets(['russian-independent', 'russian-state'], PERSPECTIVES)).toBe('Reported by 2 outlets: 🇷🇺 state 1 · 🇷🇺 independent 1');
    expect(coverageOfOutlets(['ukrainian'], PERSPECTIVES)).toBe('Reported by 1 outlet: 🇺🇦 1');
    expect(coverageOfOutlets([], PERSPECTIVES)).toBeNull();
  });

  it('counts an outlet whose side perspectives.json no longer lists as "other"', () => {
    expect(coverageOfOutlets(['pro-kremlin-blogs', 'other', 'western'], PERSPECTIVES)).toBe('Reported by 3 outlets: ▫️ other 2 · 🌐 1');
  });

  it('counts the badges an alert stored, equal counts in the order they first appear', () => {
    expect(coverageLine(countBadges(['🇺🇦', '🌐', '🇺🇦', '🇷🇺 state']))).toBe('Reported by 4 outlets: 🇺🇦 2 · 🌐 1 · 🇷🇺 state 1');
  });
});

describe('groupBySide', () => {
  const report = (itemId: number, outlet: string, perspective: string, hoursIn: number): SideReport => ({
    itemId,
    outlet,
    title: `${outlet} report ${itemId}`,
    link: `https://${outlet.toLowerCase().replace(/\W+/gu, '')}.example/${itemId}`,
    publishedAt: T0 + hoursIn * HOUR,
    perspective,
  });

  it('groups a story reported by three sides, the side that reported first first, each with its earliest report', () => {
    const groups = groupBySide(
      [
        report(4, 'Reuters', 'western', 5),
        report(1, 'TASS', 'russian-state', 1),
        report(2, 'Kyiv Independent', 'ukrainian', 2),
        report(3, 'Ukrinform', 'ukrainian', 0.5),
        report(5, 'TASS', 'russian-state', 6),
      ],
      PERSPECTIVES,
    );
    expect(groups.map((group) => [group.perspective.id, group.firstReportAt, group.outlets, group.reports.map((entry) => entry.itemId)])).toEqual([
      ['ukrainian', T0 + 0.5 * HOUR, ['Ukrinform', 'Kyiv Independent'], [3, 2]],
      ['russian-state', T0 + HOUR, ['TASS'], [1, 5]],
      ['western', T0 + 5 * HOUR, ['Reuters'], [4]],
    ]);
  });
});

describe('findBlindspots', () => {
  const window = { since: T0, until: T0 + 24 * HOUR };
  const story = (storyId: string, reports: [perspective: string, hoursIn: number][]) => ({
    storyId,
    reports: reports.map(([perspective, hoursIn]) => ({ perspective, publishedAt: T0 + hoursIn * HOUR })),
  });

  it('finds a story that two or more reports of one side alone covered, and names that side', () => {
    const found = findBlindspots([story('tass-only', [['russian-state', 1], ['russian-state', 3], ['russian-state', 9]])], window, PERSPECTIVES);
    expect(found.map((spot) => [spot.storyId, spot.perspective.label, spot.reports])).toEqual([['tass-only', 'Russian state media', 3]]);
  });

  it('does not count a story both sides covered', () => {
    expect(findBlindspots([story('both', [['russian-state', 1], ['russian-state', 2], ['ukrainian', 3]])], window, PERSPECTIVES)).toEqual([]);
  });

  it('does not count a story with too few reports', () => {
    expect(findBlindspots([story('one', [['ukrainian', 1]])], window, PERSPECTIVES)).toEqual([]);
  });

  it('looks only within the window: another side’s report before it, or one side’s reports after it, do not count', () => {
    const earlierOther = story('earlier-other', [['western', -5], ['ukrainian', 1], ['ukrainian', 2]]);
    const mostlyLater = story('mostly-later', [['gulf', 1], ['gulf', 30]]);
    expect(findBlindspots([earlierOther, mostlyLater], window, PERSPECTIVES).map((spot) => [spot.storyId, spot.perspective.id])).toEqual([['earlier-other', 'ukrainian']]);
  });

  it('treats two unlisted sides as the same "other" side', () => {
    expect(findBlindspots([story('unlisted', [['blogs', 1], ['other', 2]])], window, PERSPECTIVES).map((spot) => spot.perspective.id)).toEqual(['other']);
  });
});

import { describe, expect, it } from 'vitest';
import { timelineAltText, ALT_TEXT_LIMIT } from '../../src/charts/alt-text.js';
import { dayLabel, daysEnding, utcDay } from '../../src/charts/days.js';
import { biggestDays, buildTimeline, topStoriesOfDay, type StoryDayReports } from '../../src/charts/timeline.js';
import { timelineChartData, timelineChartSpec, TIMELINE_CHART_SIZE } from '../../src/charts/timeline-spec.js';

const PERSPECTIVES = [
  { id: 'ukrainian', label: 'Ukrainian' },
  { id: 'russian-state', label: 'Russian state' },
  { id: 'western', label: 'Western' },
];
const DAYS = ['2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13'];

function row(storyId: string, day: string, perspective: string, reports = 1): StoryDayReports {
  return { storyId, day, perspective, reports };
}

const ROWS = [
  row('a', '2026-11-10', 'ukrainian', 2),
  row('a', '2026-11-10', 'western'),
  row('b', '2026-11-10', 'western'),
  row('a', '2026-11-12', 'russian-state'),
  row('c', '2026-11-12', 'ukrainian', 3),
  row('d', '2026-11-12', 'western'),
  row('e', '2026-11-12', 'other-side'),
];

describe('days', () => {
  it('counts UTC days, both ends included', () => {
    expect(utcDay(Date.UTC(2026, 10, 12, 23, 59))).toBe('2026-11-12');
    expect(daysEnding(Date.UTC(2026, 10, 13, 5), 4)).toEqual(DAYS);
    expect(daysEnding(Date.UTC(2026, 2, 2), 3)).toEqual(['2026-02-28', '2026-03-01', '2026-03-02']);
    expect([dayLabel('2026-09-06'), dayLabel('2026-12-31', false)]).toEqual(['6 Sep 2026', '31 Dec']);
  });
});

describe('the timeline of a topic', () => {
  const timeline = buildTimeline({ topicName: 'Peace talks', days: DAYS, perspectives: PERSPECTIVES, rows: ROWS });

  it('counts each story once a day, shared between the sides that reported it that day', () => {
    expect(timeline.days.map((day) => day.stories)).toEqual([2, 0, 4, 0]);
    const first = timeline.days[0]!;
    expect(first.shares.get('ukrainian')).toBeCloseTo(0.5);
    expect(first.shares.get('western')).toBeCloseTo(1.5);
    for (const day of timeline.days) expect([...day.shares.values()].reduce((sum, share) => sum + share, 0)).toBeCloseTo(day.stories);
    expect(timeline.distinctStories).toBe(5);
  });

  it('lists the configured sides in their order, an unknown one last under its id', () => {
    expect(timeline.perspectives.map((perspective) => perspective.label)).toEqual(['Ukrainian', 'Russian state', 'Western', 'other-side']);
  });

  it('finds the biggest days and their most reported stories', () => {
    expect(biggestDays(timeline, 3).map((day) => day.day)).toEqual(['2026-11-12', '2026-11-10']);
    expect(topStoriesOfDay(ROWS, '2026-11-12', 2)).toEqual(['c', 'a']);
    expect(topStoriesOfDay(ROWS, '2026-11-10', 5)).toEqual(['a', 'b']);
  });

  it('puts every day on the axis and the shares in the data, stacked in the sides’ order', () => {
    const spec = timelineChartSpec(timeline) as { data: { values: unknown[] }; encoding: { x: { scale: { domain: string[] } } }; width: number };
    expect(spec.encoding.x.scale.domain).toEqual(DAYS);
    expect(spec.data.values).toEqual(timelineChartData(timeline));
    const onTwelfth = timelineChartData(timeline).filter((datum) => datum.day === '2026-11-12');
    expect(onTwelfth.map((datum) => [datum.side, datum.order])).toEqual([['Ukrainian', 0], ['Russian state', 1], ['Western', 2], ['other-side', 3]]);
    expect(onTwelfth.reduce((sum, datum) => sum + datum.stories, 0)).toBeCloseTo(4);
    expect(spec.width).toBeLessThan(TIMELINE_CHART_SIZE.width);
  });

  it('describes the chart in words, naming the biggest day', () => {
    const text = timelineAltText(timeline);
    expect(text).toContain('Peace talks');
    expect(text).toContain('The biggest day was 12 Nov 2026 with 4 stories');
    expect(text).toContain('5 stories on 2 of 4 days');
    expect(text.length).toBeLessThanOrEqual(ALT_TEXT_LIMIT);
  });

  it('says so when the window has no story', () => {
    const empty = buildTimeline({ topicName: 'Crimea', days: DAYS, perspectives: PERSPECTIVES, rows: [] });
    expect(timelineAltText(empty)).toMatch(/Crimea.*no stories/);
    expect(timelineChartData(empty)).toEqual([]);
  });

  it('keeps a long description within Discord’s alt text limit', () => {
    const many = Array.from({ length: 40 }, (_, index) => ({ id: `side-${index}`, label: `A rather long perspective label ${index}` }));
    const rows = many.map((perspective, index) => row(`s${index}`, '2026-11-12', perspective.id));
    const text = timelineAltText(buildTimeline({ topicName: 'Peace talks', days: DAYS, perspectives: many, rows }));
    expect(text.length).toBeLessThanOrEqual(ALT_TEXT_LIMIT);
    expect(text).toContain('The biggest day was 12 Nov 2026');
  });
});

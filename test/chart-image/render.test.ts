import { describe, expect, it } from 'vitest';
import { renderChartPng, renderChartSvg } from '../../src/chart-image/render.js';
import { daysEnding } from '../../src/charts/days.js';
import { buildTimeline, type StoryDayReports } from '../../src/charts/timeline.js';
import { CHART_FONT_FAMILY, timelineChartData, timelineChartSpec, TIMELINE_CHART_SIZE } from '../../src/charts/timeline-spec.js';
import { readPngSize } from '../support/png.js';

const DAYS = daysEnding(Date.UTC(2026, 11, 4), 30);
const ROWS: StoryDayReports[] = DAYS.flatMap((day, index) =>
  Array.from({ length: index % 4 }, (_, story) => ({ storyId: `${day}-${story}`, day, perspective: story % 2 === 0 ? 'ukrainian' : 'western', reports: 1 })),
);
const TIMELINE = buildTimeline({
  topicName: 'Peace talks',
  days: DAYS,
  perspectives: [{ id: 'ukrainian', label: 'Ukrainian' }, { id: 'western', label: 'Western' }],
  rows: ROWS,
});

describe('rendering a chart', () => {
  it('draws a PNG of the size the spec lays out', async () => {
    const png = await renderChartPng(timelineChartSpec(TIMELINE));
    expect(readPngSize(png)).toEqual({ width: TIMELINE_CHART_SIZE.width, height: TIMELINE_CHART_SIZE.height });
  });

  it('draws one bar segment per stacked value, titled, in the packaged font', async () => {
    const svg = await renderChartSvg(timelineChartSpec(TIMELINE));
    expect(svg).toContain('Peace talks: stories per day');
    expect(svg).toContain(CHART_FONT_FAMILY);
    const bars = [...svg.matchAll(/aria-label="day: ([\d-]+); stories: ([\d.]+); side: (\w+)[^"]*" role="graphics-symbol" aria-roledescription="bar"/g)];
    const drawn = bars.map((bar) => ({ day: bar[1], stories: Number(bar[2]), side: bar[3] }));
    const expected = timelineChartData(TIMELINE).map((datum) => ({ day: datum.day, stories: datum.stories, side: datum.side }));
    expect(drawn).toHaveLength(expected.length);
    expect(drawn).toEqual(expect.arrayContaining(expected));
  });
});

describe('loading the chart libraries', () => {
  it('leaves how Sets serialise as it was (vega-lite defines Set.prototype.toJSON when imported)', async () => {
    await renderChartSvg(timelineChartSpec(TIMELINE));
    expect(JSON.stringify(new Set([1, 2]))).toBe('{}');
    expect(Object.hasOwn(Set.prototype, 'toJSON')).toBe(false);
  });
});

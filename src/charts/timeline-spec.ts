import type { TopLevelSpec } from 'vega-lite';
import { dayLabel } from './days.js';
import type { Timeline } from './timeline.js';

/** The PNG's size in pixels: the spec is laid out to exactly this (autosize "none" with fixed padding). */
export const TIMELINE_CHART_SIZE = { width: 960, height: 400 } as const;
/** The family the chart's text is set in; the renderer loads it from the `dejavu-fonts-ttf` package. */
export const CHART_FONT_FAMILY = 'DejaVu Sans';

const PADDING = { left: 56, right: 190, top: 66, bottom: 40 } as const;
/** At most this many day labels under the bars: one every few days on long windows. */
const MAX_DAY_LABELS = 10;

/**
 * Colours of the shipped perspectives, chosen to read apart (and apart for red-green colour blindness): e.g.
 * ukrainian blue, russian-state red. Other perspectives take the fallback colours in the order they are listed.
 */
const PERSPECTIVE_COLORS: Readonly<Record<string, string>> = {
  ukrainian: '#2f6fde',
  'russian-state': '#c8102e',
  'russian-independent': '#f28e2b',
  western: '#59a14f',
  gulf: '#b07aa1',
  other: '#9c9c9c',
};
const FALLBACK_COLORS = ['#76b7b2', '#edc948', '#ff9da7', '#9c755f', '#4e79a7', '#e15759'] as const;

/** One stacked segment: a perspective's share of a day's stories. */
export interface TimelineChartDatum {
  day: string;
  side: string;
  /** Position in the stack and the legend (the perspective's place in the list). */
  order: number;
  stories: number;
}

/** The stacked values the chart draws, one per day and perspective with a share (what the spec's data holds). */
export function timelineChartData(timeline: Timeline): TimelineChartDatum[] {
  return timeline.days.flatMap((day) =>
    timeline.perspectives.flatMap((perspective, order) => {
      const share = day.shares.get(perspective.id) ?? 0;
      return share > 0 ? [{ day: day.day, side: perspective.label, order, stories: share }] : [];
    }),
  );
}

/** A Vega-Lite spec of the timeline: a bar per day, stacked by perspective, every day of the window on the axis. */
export function timelineChartSpec(timeline: Timeline): TopLevelSpec {
  const days = timeline.days.map((day) => day.day);
  const first = days[0] ?? '';
  const last = days[days.length - 1] ?? '';
  const step = Math.max(1, Math.ceil(days.length / MAX_DAY_LABELS));
  // Labels counted back from the last day, so the latest day is always labelled.
  const labelled = days.filter((_, index) => (days.length - 1 - index) % step === 0);
  let fallback = 0;
  const colors = timeline.perspectives.map((perspective) => PERSPECTIVE_COLORS[perspective.id] ?? FALLBACK_COLORS[fallback++ % FALLBACK_COLORS.length] ?? '#9c9c9c');
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: TIMELINE_CHART_SIZE.width - PADDING.left - PADDING.right,
    height: TIMELINE_CHART_SIZE.height - PADDING.top - PADDING.bottom,
    autosize: { type: 'none' },
    padding: PADDING,
    background: '#ffffff',
    title: {
      text: `${timeline.topicName}: stories per day`,
      subtitle: `${dayLabel(first)} – ${dayLabel(last)} (UTC) · a story reported by several sides is shared between them`,
      anchor: 'start',
      offset: 12,
    },
    data: { values: timelineChartData(timeline) },
    mark: { type: 'bar' },
    encoding: {
      x: {
        field: 'day',
        type: 'ordinal',
        scale: { domain: days, paddingInner: 0.15 },
        axis: { title: null, values: labelled, labelAngle: 0, labelExpr: "utcFormat(toDate(datum.value), '%-d %b')" },
      },
      y: { field: 'stories', type: 'quantitative', stack: 'zero', axis: { title: 'stories', tickMinStep: 1 } },
      color: {
        field: 'side',
        type: 'nominal',
        scale: { domain: timeline.perspectives.map((perspective) => perspective.label), range: colors },
        legend: { title: 'Reported by', orient: 'right' },
      },
      order: { field: 'order', type: 'quantitative' },
    },
    config: { font: CHART_FONT_FAMILY, view: { stroke: null } },
  };
}

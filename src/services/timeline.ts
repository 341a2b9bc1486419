import type { Perspective } from '../analysis/sides/types.js';
import { renderChartPng } from '../chart-image/render.js';
import { timelineAltText } from '../charts/alt-text.js';
import { daysEnding } from '../charts/days.js';
import { biggestDays, buildTimeline, topStoriesOfDay, type StoryDayReports, type Timeline } from '../charts/timeline.js';
import { timelineChartSpec } from '../charts/timeline-spec.js';
import type { ItemStore } from '../store/items.js';
import type { StoryStore } from '../store/stories.js';
import type { Viewer } from '../store/visibility.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** The biggest days listed under a chart, and the headlines listed for each. */
const BIG_DAYS = 3;
const HEADLINES_PER_DAY = 2;
/** Days in a /topics sparkline. */
export const SPARKLINE_DAYS = 7;

export interface TimelineDependencies {
  stories: Pick<StoryStore, 'perspectivesByDay' | 'byId' | 'itemIds'>;
  items: Pick<ItemStore, 'byId'>;
  /** config/perspectives.json: the stack's order and the legend's labels. */
  perspectives: readonly Perspective[];
}

export interface TimelineRequest {
  topicId: string;
  topicName: string;
  /** How many UTC days the chart shows, today included. */
  days: number;
  now: number;
  /** Whose chart: a guild's counts only the reports of outlets it may see. */
  viewer: Viewer;
}

export interface Headline {
  title: string;
  link: string | null;
}

export interface BigDay {
  day: string;
  stories: number;
  /** The day's most reported stories, most first. */
  headlines: Headline[];
}

export interface TimelineChart {
  timeline: Timeline;
  png: Buffer;
  altText: string;
  biggestDays: BigDay[];
}

/** A timeline and the rows it was counted from (which the headlines are picked from). */
export interface TimelineRead {
  timeline: Timeline;
  rows: StoryDayReports[];
}

/** A topic's stories per day over the last `days` UTC days, as the viewer may see them. */
export async function readTimeline(deps: TimelineDependencies, request: TimelineRequest): Promise<TimelineRead> {
  const days = daysEnding(request.now, request.days);
  const since = Date.parse(`${days[0] ?? ''}T00:00:00Z`);
  const until = Date.parse(`${days[days.length - 1] ?? ''}T00:00:00Z`) + DAY_MS;
  const rows = await deps.stories.perspectivesByDay({ since, until, topicIds: [request.topicId] }, request.viewer);
  const perspectives = deps.perspectives.map((perspective) => ({ id: perspective.id, label: perspective.label }));
  return { rows, timeline: buildTimeline({ topicName: request.topicName, days, perspectives, rows }) };
}

/** The chart of a timeline read: the PNG, its alt text, and the biggest days with their top headlines. */
export async function timelineChart(deps: TimelineDependencies, { rows, timeline }: TimelineRead, viewer: Viewer): Promise<TimelineChart> {
  const big: BigDay[] = [];
  for (const day of biggestDays(timeline, BIG_DAYS)) {
    const headlines: Headline[] = [];
    for (const storyId of topStoriesOfDay(rows, day.day, HEADLINES_PER_DAY)) {
      const headline = await headlineOf(deps, storyId, viewer);
      if (headline) headlines.push(headline);
    }
    big.push({ day: day.day, stories: day.stories, headlines });
  }
  return { timeline, png: await renderChartPng(timelineChartSpec(timeline)), altText: timelineAltText(timeline), biggestDays: big };
}

/** A story's title, linked to its first report the viewer may see. */
async function headlineOf(deps: TimelineDependencies, storyId: string, viewer: Viewer): Promise<Headline | null> {
  const story = await deps.stories.byId(storyId, viewer);
  if (!story) return null;
  for (const itemId of await deps.stories.itemIds(storyId)) {
    const item = await deps.items.byId(itemId, viewer);
    if (item) return { title: story.title, link: item.link };
  }
  return { title: story.title, link: null };
}

/** Stories per UTC day over the last week for each topic (oldest day first), as the viewer may see them. */
export async function weeklyStoryCounts(deps: TimelineDependencies, topicIds: readonly string[], now: number, viewer: Viewer): Promise<Map<string, number[]>> {
  const counts = new Map<string, number[]>();
  for (const topicId of topicIds) {
    const { timeline } = await readTimeline(deps, { topicId, topicName: topicId, days: SPARKLINE_DAYS, now, viewer });
    counts.set(topicId, timeline.days.map((day) => day.stories));
  }
  return counts;
}

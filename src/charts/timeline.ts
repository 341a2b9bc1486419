/**
 * The timeline of a topic as plain data: stories per UTC day, each story shared between the perspectives (sides) of
 * the outlets that reported it that day. A story reported that day by Ukrainian and Western outlets adds ½ to each,
 * so a day's bar is as tall as the stories of that day, and its segments show who covered them.
 */

/** One story on one day from one side: how many of its reports from outlets of that side the viewer may see. */
export interface StoryDayReports {
  storyId: string;
  /** UTC day, "2026-11-12". */
  day: string;
  perspective: string;
  reports: number;
}

/** A perspective as the chart names it; the order of the list is the order of the stack and the legend. */
export interface ChartPerspective {
  id: string;
  label: string;
}

export interface TimelineDay {
  day: string;
  /** Distinct stories with a report that day. */
  stories: number;
  /** Each perspective's share of those stories (perspective id → share); the shares add up to `stories`. */
  shares: ReadonlyMap<string, number>;
}

export interface Timeline {
  topicName: string;
  /** Every day of the window, oldest first, days without stories included. */
  days: TimelineDay[];
  /** The perspectives that have a share on some day, in the configured order (unknown ids last, by id). */
  perspectives: ChartPerspective[];
  /** Distinct stories over the window (a story reported on several days counts once here). */
  distinctStories: number;
}

export interface TimelineInput {
  topicName: string;
  /** The window's days, oldest first (see `daysEnding`). */
  days: readonly string[];
  perspectives: readonly ChartPerspective[];
  rows: readonly StoryDayReports[];
}

export function buildTimeline(input: TimelineInput): Timeline {
  const sidesByStoryDay = new Map<string, Map<string, Set<string>>>();
  for (const row of input.rows) {
    if (row.reports <= 0) continue;
    const stories = sidesByStoryDay.get(row.day) ?? new Map<string, Set<string>>();
    sidesByStoryDay.set(row.day, stories);
    stories.set(row.storyId, (stories.get(row.storyId) ?? new Set<string>()).add(row.perspective));
  }
  const used = new Set<string>();
  const days = input.days.map((day): TimelineDay => {
    const stories = sidesByStoryDay.get(day) ?? new Map<string, Set<string>>();
    const shares = new Map<string, number>();
    for (const sides of stories.values()) {
      for (const side of sides) {
        shares.set(side, (shares.get(side) ?? 0) + 1 / sides.size);
        used.add(side);
      }
    }
    return { day, stories: stories.size, shares };
  });
  const inWindow = new Set(input.days);
  const distinct = new Set(input.rows.filter((row) => row.reports > 0 && inWindow.has(row.day)).map((row) => row.storyId));
  return { topicName: input.topicName, days, perspectives: orderedPerspectives(input.perspectives, used), distinctStories: distinct.size };
}

function orderedPerspectives(configured: readonly ChartPerspective[], used: ReadonlySet<string>): ChartPerspective[] {
  const known = configured.filter((perspective) => used.has(perspective.id));
  const unknown = [...used].filter((id) => !configured.some((perspective) => perspective.id === id)).sort();
  return [...known, ...unknown.map((id) => ({ id, label: id }))];
}

/** The days with the most stories, most first; a tie goes to the later day. Days without stories are never listed. */
export function biggestDays(timeline: Timeline, count: number): TimelineDay[] {
  return timeline.days
    .filter((day) => day.stories > 0)
    .sort((a, b) => b.stories - a.stories || b.day.localeCompare(a.day))
    .slice(0, count);
}

/** The stories of a day with the most reports that day, most first (ties by story id, for a stable order). */
export function topStoriesOfDay(rows: readonly StoryDayReports[], day: string, count: number): string[] {
  const reports = new Map<string, number>();
  for (const row of rows) if (row.day === day) reports.set(row.storyId, (reports.get(row.storyId) ?? 0) + row.reports);
  return [...reports.entries()]
    .filter(([, total]) => total > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, count)
    .map(([storyId]) => storyId);
}

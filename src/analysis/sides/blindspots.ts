import { resolvePerspective } from './coverage.js';
import type { Perspective } from './types.js';

export interface StoryReports {
  storyId: string;
  /** Each report's perspective id and publication time (epoch ms). */
  reports: readonly { perspective: string; publishedAt: number }[];
}

/** A story only one side covered in the window. */
export interface Blindspot {
  storyId: string;
  perspective: Perspective;
  /** Its reports in the window. */
  reports: number;
}

/** A story is a blindspot from this many reports of one side on: one report alone says little about the others. */
export const MIN_BLINDSPOT_REPORTS = 2;

/**
 * The stories that, within [since, until], at least `MIN_BLINDSPOT_REPORTS` reports of one side covered and no
 * report of any other side did, in input order.
 */
export function findBlindspots(stories: readonly StoryReports[], window: { since: number; until: number }, perspectives: readonly Perspective[]): Blindspot[] {
  return stories.flatMap((story): Blindspot[] => {
    const inWindow = story.reports.filter((report) => report.publishedAt >= window.since && report.publishedAt <= window.until);
    const sides = new Set(inWindow.map((report) => resolvePerspective(report.perspective, perspectives).id));
    const [only] = sides;
    if (sides.size !== 1 || only === undefined || inWindow.length < MIN_BLINDSPOT_REPORTS) return [];
    return [{ storyId: story.storyId, perspective: resolvePerspective(only, perspectives), reports: inWindow.length }];
  });
}

import { resolvePerspective } from './coverage.js';
import type { Perspective } from './types.js';

/** One report of a story, as /story sides shows it. Times are epoch ms. */
export interface SideReport {
  itemId: number;
  outlet: string;
  title: string;
  link: string | null;
  publishedAt: number;
  /** The outlet's perspective id. */
  perspective: string;
}

/** A story's reports from one side, earliest first. */
export interface SideGroup {
  perspective: Perspective;
  reports: SideReport[];
  /** When this side first reported the story. */
  firstReportAt: number;
  /** Its outlets, in order of their first report. */
  outlets: string[];
}

/** The story's reports grouped by side: the side that reported first comes first. */
export function groupBySide(reports: readonly SideReport[], perspectives: readonly Perspective[]): SideGroup[] {
  const groups = new Map<string, SideGroup>();
  const sorted = [...reports].sort((a, b) => a.publishedAt - b.publishedAt || a.itemId - b.itemId);
  for (const report of sorted) {
    const perspective = resolvePerspective(report.perspective, perspectives);
    let group = groups.get(perspective.id);
    if (!group) {
      group = { perspective, reports: [], firstReportAt: report.publishedAt, outlets: [] };
      groups.set(perspective.id, group);
    }
    group.reports.push(report);
    if (!group.outlets.includes(report.outlet)) group.outlets.push(report.outlet);
  }
  return [...groups.values()];
}

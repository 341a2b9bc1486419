import { DEFAULT_PERSPECTIVE, OTHER_PERSPECTIVE, type Perspective } from './types.js';

/** How many outlets (or reports) of one side covered a story. */
export interface SideCount {
  perspective: Perspective;
  count: number;
}

/** The side as a compact coverage line shows it: its emoji, and its tag when it has one ("🇷🇺 state"). */
export function sideBadge(perspective: Perspective): string {
  return perspective.tag ? `${perspective.emoji} ${perspective.tag}` : perspective.emoji;
}

/**
 * The perspective with this id; an id the list no longer holds (perspectives.json changed since the feed was
 * labelled) counts as "other", which the list always holds.
 */
export function resolvePerspective(id: string, perspectives: readonly Perspective[]): Perspective {
  return (
    perspectives.find((perspective) => perspective.id === id) ??
    perspectives.find((perspective) => perspective.id === DEFAULT_PERSPECTIVE) ??
    OTHER_PERSPECTIVE
  );
}

/** Counts per side, most first; sides with equal counts in the order perspectives.json lists them. */
export function countBySide(perspectiveIds: readonly string[], perspectives: readonly Perspective[]): SideCount[] {
  const counts = new Map<string, SideCount>();
  for (const id of perspectiveIds) {
    const perspective = resolvePerspective(id, perspectives);
    const known = counts.get(perspective.id);
    if (known) known.count += 1;
    else counts.set(perspective.id, { perspective, count: 1 });
  }
  const order = (perspective: Perspective) => perspectives.findIndex((candidate) => candidate.id === perspective.id);
  return [...counts.values()].sort((a, b) => b.count - a.count || order(a.perspective) - order(b.perspective));
}

/** Counts of side badges (as stored with an alert), most first; equal counts in order of first appearance. */
export function countBadges(badges: readonly string[]): { badge: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const badge of badges) counts.set(badge, (counts.get(badge) ?? 0) + 1);
  return [...counts].map(([badge, count]) => ({ badge, count })).sort((a, b) => b.count - a.count);
}

/** "Reported by 4 outlets: 🇺🇦 2 · 🌐 1 · 🇷🇺 state 1"; null when there is nothing to count. */
export function coverageLine(counts: readonly { badge: string; count: number }[]): string | null {
  const total = counts.reduce((sum, entry) => sum + entry.count, 0);
  if (total === 0) return null;
  return `Reported by ${total} outlet${total === 1 ? '' : 's'}: ${counts.map((entry) => `${entry.badge} ${entry.count}`).join(' · ')}`;
}

/** The coverage line of outlets labelled with these perspective ids (one id per outlet). */
export function coverageOfOutlets(perspectiveIds: readonly string[], perspectives: readonly Perspective[]): string | null {
  return coverageLine(countBySide(perspectiveIds, perspectives).map((entry) => ({ badge: sideBadge(entry.perspective), count: entry.count })));
}

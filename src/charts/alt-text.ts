import { dayLabel } from './days.js';
import { biggestDays, type Timeline, type TimelineDay } from './timeline.js';

/** Discord's limit on an attachment's description (its alt text). */
export const ALT_TEXT_LIMIT = 1024;

/** A share as people say it: "3", "4.5", "0.3". */
function amount(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function stories(count: number): string {
  return `${count} ${count === 1 ? 'story' : 'stories'}`;
}

/** At most this many sides are named in a sentence; the rest are counted. */
const SIDES_NAMED = 4;

/** "Ukrainian 2, Western 1.5 and 3 more sides": the largest shares first. */
function sidesText(shares: readonly { label: string; share: number }[], format: (share: number) => string): string {
  const sorted = shares.filter((side) => side.share > 0).sort((a, b) => b.share - a.share);
  const named = sorted.slice(0, SIDES_NAMED).map((side) => `${side.label} ${format(side.share)}`).join(', ');
  const rest = sorted.length - SIDES_NAMED;
  return rest > 0 ? `${named} and ${rest} more side${rest === 1 ? '' : 's'}` : named;
}

function sidesOf(timeline: Timeline, day: TimelineDay): string {
  return sidesText(timeline.perspectives.map((perspective) => ({ label: perspective.label, share: day.shares.get(perspective.id) ?? 0 })), amount);
}

/**
 * The chart in words, for the attachment's alt text: what it shows, the totals, the biggest day (named, with its
 * sides) and the next two, and each side's share of the window.
 */
export function timelineAltText(timeline: Timeline): string {
  const first = timeline.days[0]?.day ?? '';
  const last = timeline.days[timeline.days.length - 1]?.day ?? '';
  const window = `${dayLabel(first)} to ${dayLabel(last)} (UTC)`;
  const [top, ...next] = biggestDays(timeline, 3);
  if (!top) return `Bar chart of stories per day about ${timeline.topicName}, ${window}: no stories in this window.`.slice(0, ALT_TEXT_LIMIT);
  const activeDays = timeline.days.filter((day) => day.stories > 0).length;
  const parts = [
    `Bar chart of stories per day about ${timeline.topicName}, ${window}, each bar stacked by the side of the outlets that reported them.`,
    `${stories(timeline.distinctStories)} on ${activeDays} of ${timeline.days.length} days.`,
    `The biggest day was ${dayLabel(top.day)} with ${stories(top.stories)} (${sidesOf(timeline, top)}).`,
  ];
  if (next.length > 0) parts.push(`Next: ${next.map((day) => `${dayLabel(day.day)} (${day.stories})`).join(', ')}.`);
  const total = timeline.days.reduce((sum, day) => sum + day.stories, 0);
  const overall = timeline.perspectives.map((perspective) => ({
    label: perspective.label,
    share: timeline.days.reduce((sum, day) => sum + (day.shares.get(perspective.id) ?? 0), 0),
  }));
  parts.push(`Share by side: ${sidesText(overall, (share) => `${Math.round((share / total) * 100)}%`)}.`);
  // Sentences are dropped from the end, whole, until the text fits.
  while (parts.length > 1 && parts.join(' ').length > ALT_TEXT_LIMIT) parts.pop();
  return parts.join(' ').slice(0, ALT_TEXT_LIMIT);
}

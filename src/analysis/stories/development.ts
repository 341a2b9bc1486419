import { stripDateline } from '../../text/boilerplate.js';

/**
 * Whether a report that joins a story tells its readers something new. A plain re-report (another outlet, the same
 * facts) is no news; a principal speaking for the first time in the story, a higher count of the dead or wounded,
 * or a new turn of events (talks agreed, a deal signed, a summit cancelled) is.
 */

/** One report as development detection reads it. */
export interface DevelopmentReport {
  title: string;
  lede: string;
  /** Principals the report quotes directly (ids and display names). */
  quotedPrincipals: readonly { id: string; name: string }[];
}

export type Development =
  | { kind: 'first-words'; personId: string; name: string; summary: string }
  | { kind: 'higher-toll'; count: number; previous: number; summary: string }
  | { kind: 'turn'; verb: string; summary: string };

/**
 * Verbs that change what a story is, by the word a summary uses for them. A report using one that no earlier report
 * of the story used is a new turn: "talks agreed" after "talks held", "summit cancelled" after "summit planned".
 */
const TURNS: [summaryWord: string, pattern: RegExp][] = [
  ['agreed', /\b(?:agree[sd]?|agreement reached|reach(?:es|ed)? (?:a |an )?(?:deal|agreement))\b/i],
  ['signed', /\bsign(?:s|ed)\b/i],
  ['cancelled', /\b(?:cancel(?:s|led|ed)|call(?:s|ed) off|scrap(?:s|ped)|shelve[sd]?)\b/i],
  ['postponed', /\b(?:postpone[sd]?|delay(?:s|ed)|put on hold)\b/i],
  ['rejected', /\b(?:reject(?:s|ed)|turn(?:s|ed) down)\b/i],
  ['suspended', /\b(?:suspend(?:s|ed)|halt(?:s|ed)|pause[sd]?)\b/i],
  ['collapsed', /\b(?:collapse[sd]?|walk(?:s|ed) out|break(?:s)? down|broke down)\b/i],
];

/** "kills at least 14", "death toll rises to 18", "18 dead", "wounding 32": the counts a strike story rises by. */
const TOLL_COUNT =
  /\b(?:toll|kill(?:s|ed|ing)?|dead|deaths?|died|wound(?:s|ed|ing)?|injur(?:es|ed|ing|ies)|hurt)\b(?:\s+(?:\w+\s+){0,6}?(?:to|at least|at|of))?\s+(\d[\d,]*)\b|\b(\d[\d,]*)\s+(?:people\s+|civilians\s+|children\s+)?(?:(?:were|are)\s+)?(?:killed|dead|wounded|injured|hurt)\b/gi;

/**
 * The development `report` brings to a story whose earlier reports are `earlier`, or null for a plain re-report.
 * A story's first report is the story itself, never a development.
 */
export function detectDevelopment(report: DevelopmentReport, earlier: readonly DevelopmentReport[]): Development | null {
  if (earlier.length === 0) return null;
  const quotedBefore = new Set(earlier.flatMap((previous) => previous.quotedPrincipals.map((person) => person.id)));
  const firstWords = report.quotedPrincipals.find((person) => !quotedBefore.has(person.id));
  if (firstWords) {
    return { kind: 'first-words', personId: firstWords.id, name: firstWords.name, summary: `${firstWords.name} speaks for the first time in this story` };
  }
  const count = highestCount(report);
  const previous = Math.max(0, ...earlier.map(highestCount));
  if (count > previous && previous > 0) {
    return { kind: 'higher-toll', count, previous, summary: `The count rises to ${count} (earlier reports: ${previous})` };
  }
  const headline = report.title;
  const earlierText = earlier.map((previous) => `${previous.title}\n${previous.lede}`).join('\n');
  for (const [verb, pattern] of TURNS) {
    if (pattern.test(headline) && !pattern.test(earlierText)) return { kind: 'turn', verb, summary: `New: ${verb}` };
  }
  return null;
}

/** The highest casualty count the report's headline or lede gives (0 when it gives none). */
function highestCount(report: DevelopmentReport): number {
  let highest = 0;
  for (const match of `${report.title}\n${stripDateline(report.lede)}`.matchAll(TOLL_COUNT)) {
    const count = Number((match[1] ?? match[2] ?? '').replace(/,/g, ''));
    // A year or a count of drones is no casualty count.
    if (Number.isFinite(count) && count < 1000) highest = Math.max(highest, count);
  }
  return highest;
}

import { splitSentences } from '../../text/sentences.js';

/**
 * What a report says about the event it reports, beyond its words: the day it happens or happened on ("on Sunday",
 * "Dec. 28", "overnight"), whether it is still to come (a preview), what kind of event it is (a strike, a meeting, a
 * call) and whether the report follows up an earlier event (a rising toll, "what we know"). Stories of one beat share
 * their words and their cast; these cues are what tell one meeting or strike from the next.
 */

export type EventKind = 'strike' | 'meeting' | 'call';

export interface EventCues {
  /** UTC day numbers (days since the epoch) the report names for its event; empty when it names none. */
  days: number[];
  preview: boolean;
  kind: EventKind | null;
  followUp: boolean;
}

const DAY_MS = 86_400_000;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

const MONTH_NAME = String.raw`(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)`;
/** "Dec. 28", "January 23-24", "28 December". */
const MONTH_DAY = new RegExp(String.raw`\b${MONTH_NAME}\.?\s+(\d{1,2})(?:\s*[-–]\s*(\d{1,2}))?\b|\b(\d{1,2})\s+${MONTH_NAME}\b`, 'i');
/** "on Sunday", "late on Thursday", "next Tuesday", "Friday's talks". */
const WEEKDAY = /\b(next|last|this)?\s*(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/i;
/** In a preview, the day the plan was announced: "said on Friday (he would meet…)", "announced Dec. 29". */
const ANNOUNCEMENT_DAY = new RegExp(
  String.raw`\b(?:said|says|announced|told [\p{L} ]{1,20}?)\s+(?:late |early )?(?:on )?(?:(?:sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b|${MONTH_NAME}\.?\s+\d{1,2}\b)`,
  'giu',
);
/** An overnight strike reported in the morning happened on the day of the report. */
const OVERNIGHT = /\b(?:overnight|last night|early (?:on )?today|this morning)\b/i;

/** Headline clauses that give the setting, not the news: "… as talks go on in Abu Dhabi", "… ahead of Paris summit". */
const CONTEXT_CLAUSE = /\s(?:as|ahead of|before|after|amid|while|(?:a|one|two|three|hours|days?) (?:before|after))\s/i;
const LEADING_CONTEXT = /^(?:ahead of|before|after|as|amid|while)\b[^,]*,\s*/i;

/** An event announced for later: "to meet", "will hold", "set for", "heads to". */
const FUTURE_EVENT =
  /\b(?:to|will|set to|expected to|plans? to|due to|is to|are to|would)\s+(?:be held|be led|meet|hold|host|attend|visit|travel|sign|gather|convene|join)\b(?!\s+again)|\bset for\b|\b(?:heads|heading) (?:to|for)\b|\bto be held\b|\bwho is going\b/i;
/** "… ahead of Paris summit": a preview when the headline reports no event of its own. */
const AHEAD_OF_EVENT = /\bahead of\b[^,.]*\b(?:summit|talks|meeting|visit|call)\b/i;

/**
 * The words of each kind of event, in the order they are tried on a headline: a call first ("Trump speaks by phone
 * with Putin" is a call though the two "talk"), then a strike ("Russia hits Kyiv"), then a meeting ("meets", "talks").
 */
const KIND_PATTERNS: [EventKind, RegExp][] = [
  ['call', /\b(?:phone|telephone|phoned|call (?:with|between))\b/i],
  ['strike', /\b(?:strikes?|struck|attacks?|attacked|hits?|drones?|missiles?|barrage|shell(?:s|ed|ing)?|bomb\w*|kill(?:s|ed)?|toll|explosions?|pounds?|shaheds?|oreshnik)\b/i],
  ['meeting', /\b(?:meets?|met|meeting|talks|summit|hosts?|hosted|gather(?:s|ed)?|sit down|sat down)\b/i],
];

/** The headline of a meeting's later day: "talks end with…", "delegation wraps up consultations". */
const CONTINUATION = /\b(?:talks|meeting|summit|consultations)\b[^.]*\b(?:end(?:s|ed)?|wrap(?:s|ped)? up|conclude[sd]?|resume[sd]?)\b|\bwraps? up\b|\bsecond day\b/i;
/** Attacks named as what a truce stops ("pause attacks at sea") are no strike. */
const TRUCE = /\b(?:pause|halt|stop|ceasefire|truce|moratorium)\b/i;
/** A report on an earlier event: a rising toll, "what we know", "what was agreed", a death in hospital. */
const FOLLOW_UP = /\b(?:death )?toll\b[^.]*\b(?:rises?|rose|climbs?|reach(?:es)?|jumps?)\b|\bwhat we know\b|\bwhat (?:was|\w+ and \w+|they) agreed\b|\bwhat [^.]* means\b|\bdies in hospital\b/i;

/** The kind of event a clause reports, by the first kind whose words it uses (calls before strikes before meetings). */
export function kindOf(clause: string): EventKind | null {
  const truce = TRUCE.test(clause);
  return KIND_PATTERNS.find(([kind, pattern]) => pattern.test(clause) && !(truce && kind === 'strike'))?.[0] ?? null;
}

/**
 * A lede tells its event in its opening words: the kind whose cue comes first among them. Later words are background
 * ("…to fund repairs to the power grid after weeks of Russian strikes").
 */
const LEDE_OPENING_WORDS = 15;

function firstKindIn(lede: string): EventKind | null {
  const sentence = lede.split(/\s+/).slice(0, LEDE_OPENING_WORDS).join(' ');
  let first: { kind: EventKind; at: number } | null = null;
  const truce = TRUCE.test(sentence);
  for (const [kind, pattern] of KIND_PATTERNS) {
    if (truce && kind === 'strike') continue;
    const at = pattern.exec(sentence)?.index;
    if (at !== undefined && (!first || at < first.at)) first = { kind, at };
  }
  return first?.kind ?? null;
}

/** The headline's news without the clause that sets the scene. */
export function mainClause(title: string): string {
  const withoutLead = title.replace(LEADING_CONTEXT, '');
  const cut = CONTEXT_CLAUSE.exec(withoutLead);
  return cut && cut.index > 0 ? withoutLead.slice(0, cut.index) : withoutLead;
}

/**
 * The event cues of a report. `lede` is the lede without its dateline (a dateline says when the copy was filed);
 * only the headline and the lede's first sentence are read: later mentions of days are background.
 */
export function eventCues(title: string, lede: string, publishedAt: Date): EventCues {
  const main = mainClause(title);
  const firstSentence = splitSentences(lede)[0]?.text ?? '';
  const headlineKind = kindOf(main);
  const kind = headlineKind ?? firstKindIn(firstSentence);
  // A headline that reports an event of its own ("Russia pounds Kyiv … ahead of Florida meeting") is no preview.
  const preview =
    FUTURE_EVENT.test(main) ||
    (headlineKind === null && (AHEAD_OF_EVENT.test(title) || /^ahead of\b/i.test(title))) ||
    (headlineKind === null && FUTURE_EVENT.test(firstSentence) && !/\b(?:met|held|agreed|signed|ended)\b/i.test(firstSentence));
  // In a preview, "said on Friday he would meet…" dates the announcement, not the event.
  const eventText = (text: string) => (preview ? text.replace(ANNOUNCEMENT_DAY, ' ') : text);
  const days = namedDays(eventText(title), publishedAt, preview) ?? namedDays(eventText(firstSentence), publishedAt, preview) ?? [];
  return { days, preview, kind, followUp: CONTINUATION.test(main) || FOLLOW_UP.test(title) || FOLLOW_UP.test(firstSentence) };
}

function namedDays(text: string, publishedAt: Date, preview: boolean): number[] | null {
  const published = Math.floor(publishedAt.getTime() / DAY_MS);
  const date = MONTH_DAY.exec(text);
  if (date) {
    const month = monthIndex(date[1] ?? date[5] ?? '');
    const first = Number(date[2] ?? date[4]);
    const last = date[3] ? Number(date[3]) : first;
    if (month < 0 || first < 1 || first > 31 || last < first) return null;
    const days: number[] = [];
    for (let day = first; day <= Math.min(last, first + 6); day++) days.push(nearestYearDay(publishedAt, month, day));
    return days;
  }
  const weekday = WEEKDAY.exec(text);
  if (weekday) {
    const target = WEEKDAYS.indexOf(weekday[2]!.toLowerCase());
    const today = new Date(published * DAY_MS).getUTCDay();
    const modifier = weekday[1]?.toLowerCase();
    const forward = (target - today + 7) % 7;
    const future = modifier === 'next' || (modifier !== 'last' && preview);
    if (future) return [published + (modifier === 'next' && forward === 0 ? 7 : forward)];
    // A report filed late in the UTC day may already name the next local day ("early Wednesday" in Moscow).
    const back = (today - target + 7) % 7;
    return [back === 6 ? published + 1 : published - back];
  }
  return OVERNIGHT.test(text) ? [published] : null;
}

function monthIndex(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase());
}

/** The day of that month and day closest to publication (a January report about "Dec. 28" means last year's). */
function nearestYearDay(publishedAt: Date, month: number, day: number): number {
  const year = publishedAt.getUTCFullYear();
  const candidates = [year - 1, year, year + 1].map((y) => Date.UTC(y, month, day) / DAY_MS);
  const published = publishedAt.getTime() / DAY_MS;
  return candidates.reduce((best, candidate) => (Math.abs(candidate - published) < Math.abs(best - published) ? candidate : best));
}

import {
  ANONYMOUS_SOURCES, AUDIENCES, CITIES_UNDER_FIRE, DATELINES, ISSUES, NARRATION_VERBS, OUTLETS, PARTIAL_QUOTES, PLATFORMS,
  QUOTE_ACTIONS, QUOTE_CODAS, QUOTE_OPENERS, QUOTE_QUALIFIERS, QUOTE_SUBJECTS, QUOTE_VERBS, SPEAKERS, VENUES, WEEKDAYS, type Speaker,
} from './news-vocabulary.js';
import { between, chance, pick, type Random } from '../../test/support/random.js';

/**
 * Synthetic coverage of the peace talks, varied by a seeded PRNG: events (a round of talks, a strike, a statement),
 * headlines and ledes that several outlets write about one event, and full articles with quotations attributed the
 * ways wires attribute them (said/told, colon introductions, partial quotes, reported speech, anonymous sources).
 */

export interface StoryEvent {
  kind: 'talks' | 'strike' | 'statement' | 'summit';
  speaker: Speaker;
  other: Speaker;
  issue: (typeof ISSUES)[number];
  venue: string;
  city: string;
  weekday: string;
  drones: number;
}

export interface NewsItem {
  title: string;
  lede: string;
  outlet: string;
  /** Names of the people the title and lede mention. */
  people: string[];
}

export function storyEvent(next: Random): StoryEvent {
  const speaker = pick(next, SPEAKERS);
  const others = SPEAKERS.filter((candidate) => candidate.side !== speaker.side);
  return {
    kind: pick(next, ['talks', 'talks', 'strike', 'statement', 'statement', 'summit'] as const),
    speaker,
    other: pick(next, others),
    issue: pick(next, ISSUES),
    venue: pick(next, VENUES),
    city: pick(next, CITIES_UNDER_FIRE),
    weekday: pick(next, WEEKDAYS),
    drones: between(next, 40, 650),
  };
}

export function headline(next: Random, event: StoryEvent): string {
  const { speaker: s, other: o, issue, venue, city } = event;
  const templates: Record<StoryEvent['kind'], string[]> = {
    talks: [
      `${venue} talks end without deal on ${issue.headline}`,
      `Ukrainian and U.S. negotiators meet in ${venue} as ${issue.headline} dominates agenda`,
      `${s.short} calls ${venue} talks ‘${pick(next, PARTIAL_QUOTES)}’`,
      `Kremlin rejects ${issue.headline} proposal as envoys gather in ${venue}`,
      `What we know about the ${venue} talks on ${issue.headline}`,
      `Envoys report progress on ${issue.headline} after talks in ${venue}`,
    ],
    strike: [
      `Russia launches ${event.drones} drones at ${city} as peace push stalls`,
      `Massive Russian attack on ${city} overshadows ${venue} talks`,
      `${s.short} condemns overnight strike on ${city} as talks resume`,
      `Power cut across ${city} after Russian drone and missile barrage`,
    ],
    statement: [
      `${s.short} says ${o.short} must ${pick(next, QUOTE_ACTIONS)}`,
      `${s.short} warns ${o.short} over ${issue.headline}`,
      `${s.short}: ‘${sentenceCase(clause(next))}’`,
      `${s.short} rules out deal on ${issue.headline} ‘${pick(next, QUOTE_QUALIFIERS) || 'for now'}’`,
    ],
    summit: [
      `${s.short} and ${o.short} to meet in ${venue} next week`,
      `European leaders join ${s.short} in ${venue} for talks on ${issue.headline}`,
      `${s.short} heads to ${venue} for summit on ending the war`,
    ],
  };
  return pick(next, templates[event.kind]);
}

function dateline(next: Random, outlet: string): string {
  return `${pick(next, DATELINES)}, Aug ${between(next, 1, 30)} (${outlet}) - `;
}

export function ledeSentence(next: Random, event: StoryEvent): string {
  const { speaker: s, other: o, issue, venue, city, weekday } = event;
  const leads: Record<StoryEvent['kind'], string[]> = {
    talks: [
      `Negotiators from Ukraine, the United States and Europe met in ${venue} on ${weekday} to discuss ${issue.phrase}, with ${s.title} ${s.name} saying the gaps remained wide.`,
      `Talks in ${venue} on ${issue.phrase} ended late on ${weekday} without an agreement, officials said, but both delegations promised to meet again.`,
      `${s.title} ${s.name} described ${weekday}’s talks in ${venue} as “${pick(next, PARTIAL_QUOTES)}”, while ${o.name} said ${issue.phrase} still divided the sides.`,
    ],
    strike: [
      `Russia launched ${event.drones} drones and dozens of missiles at ${city} overnight into ${weekday}, killing at least ${between(next, 2, 25)} people, hours before envoys were due to meet in ${venue}.`,
      `A massive Russian attack on ${city} knocked out power and heating for hundreds of thousands of people, ${s.name} said on ${weekday}, calling it an answer to peace efforts.`,
    ],
    statement: [
      `${s.title} ${s.name} said on ${weekday} that ${o.short} must ${pick(next, QUOTE_ACTIONS)} before any agreement on ${issue.phrase} could be reached.`,
      `${s.name} warned ${o.name} on ${weekday} that there would be no deal on ${issue.phrase} ${pick(next, QUOTE_QUALIFIERS) || 'without concessions'}.`,
    ],
    summit: [
      `${s.name} and ${o.name} will meet in ${venue} next week to discuss ${issue.phrase}, officials said on ${weekday}.`,
      `European leaders will travel to ${venue} with ${s.title} ${s.name} to press for ${issue.phrase}, their offices said on ${weekday}.`,
    ],
  };
  return sentenceCase(pick(next, leads[event.kind]));
}

/** A headline and lede as one outlet writes the event up; rewrites of one event share facts, not wording. */
export function newsItem(next: Random, event: StoryEvent): NewsItem {
  const outlet = pick(next, OUTLETS);
  const title = headline(next, event);
  const lede = `${chance(next, 0.4) ? dateline(next, outlet) : ''}${ledeSentence(next, event)}`;
  const text = `${title} ${lede}`;
  const people = [event.speaker, event.other].filter((person) => text.includes(person.short)).map((person) => person.name);
  return { title, lede, outlet, people };
}

/** "Moscow is not going to freeze the front line": a subject, a verb that agrees with it and an action. */
function clause(next: Random): string {
  const subject = pick(next, QUOTE_SUBJECTS);
  const [singular, plural] = pick(next, QUOTE_VERBS);
  return `${subject.text} ${subject.plural ? plural : singular} ${pick(next, QUOTE_ACTIONS)}`;
}

function quoteStatement(next: Random): string {
  const opener = pick(next, QUOTE_OPENERS);
  const body = [clause(next), pick(next, QUOTE_QUALIFIERS)].filter(Boolean).join(' ');
  const sentence = `${sentenceCase(opener ? `${opener} ${body}` : body)}.`;
  return chance(next, 0.35) ? `${sentence} ${pick(next, QUOTE_CODAS)}` : sentence;
}

function sentenceCase(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}

/** The quotation marks an outlet uses: curly or straight. */
interface Marks {
  open: string;
  close: string;
}

function withoutFinalStop(quote: string): string {
  return quote.replace(/\.$/, '');
}

/** One paragraph quoting somebody, in one of the usual attribution patterns. */
function quoteParagraph(next: Random, event: StoryEvent, mentioned: Set<string>, marks: Marks): string {
  const speaker = chance(next, 0.6) ? event.speaker : chance(next, 0.6) ? event.other : pick(next, SPEAKERS);
  const first = !mentioned.has(speaker.name);
  mentioned.add(speaker.name);
  const ref = first ? `${speaker.title} ${speaker.name}` : speaker.short;
  const q = (text: string) => `${marks.open}${text}${marks.close}`;
  const statement = quoteStatement(next);
  const patterns = [
    () => `${q(`${withoutFinalStop(statement)},`)} ${ref} ${pick(next, ['said', 'told ' + pick(next, AUDIENCES), 'said on ' + event.weekday])}.`,
    () => `${ref} said: ${q(statement)}`,
    () => `${q(`${withoutFinalStop(statement)},`)} said ${speaker.name}, ${speaker.role}. ${q(quoteStatement(next))}`,
    () => `Speaking to ${pick(next, AUDIENCES)}, ${ref} called the proposal on ${event.issue.headline} ${q(pick(next, PARTIAL_QUOTES))}.`,
    () => `${ref} ${pick(next, ['added', 'said', 'insisted', 'argued'])} that ${clause(next)}.`,
    () => `According to ${ref}, the talks were ${q(pick(next, PARTIAL_QUOTES))} and ${pick(next, ['would continue', 'were far from over', 'had stalled'])}.`,
    () => `${ref} wrote on ${pick(next, PLATFORMS)}: ${q(statement)}`,
    () => `${q(`${withoutFinalStop(statement)},`)} ${pick(next, ANONYMOUS_SOURCES)} said, speaking on condition of anonymity because the talks are private.`,
    () => `${q(`${withoutFinalStop(statement)},`)} ${ref} ${pick(next, NARRATION_VERBS)}. ${q(`${quoteStatement(next)} ${pick(next, QUOTE_CODAS)}`)}`,
  ];
  return pick(next, patterns)();
}

/** Background and reporting sentences, as thunks so that a paragraph can draw several different ones. */
function narrationTemplates(next: Random, event: StoryEvent): (() => string)[] {
  const { issue, venue, city } = event;
  return [
    () => `Delegations met in ${venue} for a ${pick(next, ['second', 'third', 'fourth', 'new'])} round of talks on ${issue.phrase}.`,
    () => `The talks came hours after Russia launched ${event.drones} drones and ${between(next, 3, 60)} missiles at ${city}, according to Ukraine’s air force.`,
    () => 'European leaders have pushed for a seat at the table, fearing a deal struck over Ukraine’s head.',
    () => 'Russia occupies about a fifth of Ukraine’s territory, including Crimea, which it annexed in 2014.',
    () => `The draft, first reported by ${pick(next, OUTLETS)}, calls for ${issue.phrase} and ${pick(next, ISSUES).phrase}.`,
    () => `${event.other.name} is expected to travel to ${pick(next, VENUES)} later this week, ${pick(next, OUTLETS)} reported, citing ${pick(next, ANONYMOUS_SOURCES)}.`,
    () => `European stocks rose ${between(next, 1, 19) / 10} percent on hopes of a breakthrough, while oil prices slipped.`,
    () => 'Ukraine has repeatedly said it will not cede land that Russian forces have failed to capture.',
    () => 'Moscow has demanded that Kyiv withdraw from the parts of the Donetsk region it still controls.',
    () => 'The White House did not immediately respond to a request for comment.',
    () => `Officials said ${issue.phrase} remained the most difficult question.`,
    () => `Air defence units shot down ${between(next, 20, 400)} of the drones overnight, the Ukrainian air force said on Telegram.`,
    () => `The U.S. Senate is weighing a bill that would impose sanctions on buyers of Russian oil, a measure ${event.speaker.short} has ${pick(next, ['backed', 'criticised', 'called premature'])}.`,
    () => `Since the full-scale invasion in February 2022, tens of thousands of soldiers and civilians have been killed.`,
    () => `Analysts at the Institute for the Study of War said Russian forces had advanced near ${pick(next, CITIES_UNDER_FIRE)} in the past week.`,
  ];
}

function narrationParagraph(next: Random, event: StoryEvent): string {
  const templates = narrationTemplates(next, event);
  const count = between(next, 1, 3);
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(Math.floor(next() * templates.length));
  return [...chosen].map((index) => templates[index]?.() ?? '').join(' ');
}

/** A news article of about `targetWords` words: dateline lede, then narration and quotation paragraphs. */
export function article(next: Random, event: StoryEvent, targetWords: number): string {
  const outlet = pick(next, OUTLETS);
  const marks: Marks = chance(next, 0.5) ? { open: '“', close: '”' } : { open: '"', close: '"' };
  const mentioned = new Set<string>();
  const paragraphs = [`${dateline(next, outlet)}${ledeSentence(next, event)}`];
  mentioned.add(event.speaker.name);
  let words = countWords(paragraphs[0] ?? '');
  while (words < targetWords) {
    const paragraph = chance(next, 0.5)
      ? quoteParagraph(next, event, mentioned, marks)
      : narrationParagraph(next, event);
    paragraphs.push(paragraph);
    words += countWords(paragraph);
  }
  return paragraphs.join('\n\n');
}

export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}

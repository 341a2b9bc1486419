import { buildArticleNameTable, findNameRuns, resolveArticleName, type NameRun } from '../people/article-names.js';
import { buildPersonIndex, type PersonIndex } from '../people/resolve.js';
import type { Person } from '../people/schema.js';
import { repairMojibake } from '../../text/mojibake.js';
import { splitParagraphs } from '../../text/sentences.js';
import { readSentence, type Attribution } from './attribute.js';
import type { Discourse, Entity } from './entities.js';
import { CLAUSE_OPENERS, PERSON_NOUNS } from './lexicon.js';
import { splitNarration, type NarrationSentence } from './narration.js';
import { scanQuotes, type QuoteSpan } from './scan.js';
import type { ExtractedQuote, QuoteKind } from './types.js';

export interface ExtractQuotesOptions {
  people: readonly Person[];
  /** Also report speech without quotation marks ("Trump said Kyiv would not …") as kind "indirect". Default false. */
  indirect?: boolean;
}

const indexes = new WeakMap<readonly Person[], PersonIndex>();

/**
 * Finds every quotation in an article's text and attributes it to a speaker. Pure; linear in the text. Text with
 * mojibake ("Å imonytÄ—") is read repaired, so names resolve; offsets and quotes still point into the text as given.
 */
export function extractQuotes(text: string, options: ExtractQuotesOptions): ExtractedQuote[] {
  const repaired = repairMojibake(text);
  if (!repaired) return extractFromText(text, options);
  const original = (offset: number): number => repaired.originalOffsets[offset] ?? text.length;
  return extractFromText(repaired.text, options).map((quote) => {
    const start = original(quote.start);
    const end = original(quote.end);
    return { ...quote, quote: text.slice(start, end), start, end };
  });
}

function extractFromText(text: string, options: ExtractQuotesOptions): ExtractedQuote[] {
  let index = indexes.get(options.people);
  if (!index) {
    index = buildPersonIndex(options.people);
    indexes.set(options.people, index);
  }
  const paragraphs = splitParagraphs(text);
  const spans = scanQuotes(text, paragraphs);
  const sentences = splitNarration(text, paragraphs, spans);
  const runs = sentences.map((sentence) => narrationRuns(text, sentence));
  const discourse: Discourse = {
    text,
    index,
    names: buildArticleNameTable(runs.flat()),
    runs: runs.flat(),
    phrases: new Map(),
    previousTopic: null,
    previousTokens: [],
    lastSpeaker: null,
    mentions: [],
    recentNominals: [],
  };
  const results: ExtractedQuote[] = [];
  const context: ContinuationContext = { previous: null, lastQuoteOfParagraph: new Map(), pendingColon: null };

  sentences.forEach((sentence, sentenceIndex) => {
    const persons = subjectLikePersons(discourse, sentence, runs[sentenceIndex] ?? []);
    const earlierPersons = (position: number): Entity[] => persons.filter((person) => person.position < position).map((person) => person.entity);
    const reading = readSentence(discourse, sentence, earlierPersons, options.indirect === true);
    let lastInSentence: Attribution | null = null;
    sentence.quotes.forEach((spanIndex, n) => {
      const span = spans[spanIndex] as QuoteSpan;
      const outcome = reading.quotes[n];
      if (outcome === 'drop' || outcome === undefined) return;
      const attribution = outcome === 'continue' ? continuation(context, sentence, span, n, lastInSentence) : outcome;
      if (attribution.entity) {
        lastInSentence = attribution;
        context.lastQuoteOfParagraph.set(sentence.paragraph, attribution);
        discourse.lastSpeaker = attribution.entity;
      }
      results.push(toExtractedQuote(text, span, attribution, reading.full[n] ? 'full' : 'partial'));
    });
    for (const claim of reading.claims) {
      if (claim.attribution.entity) results.push(toExtractedQuote(text, claim, claim.attribution, 'indirect'));
    }
    // A sentence of quotation only is about whoever its quotation was carried to.
    const topic = reading.topic ?? (lastInSentence as Attribution | null)?.entity ?? null;
    context.previous = { paragraph: sentence.paragraph, topic, lastQuote: lastInSentence };
    context.pendingColon = reading.trailingColon ? { paragraph: sentence.paragraph, attribution: reading.trailingColon } : null;
    discourse.previousTopic = topic;
    discourse.previousTokens = sentence.tokens;
    if (topic && topic.type !== 'person') discourse.recentNominals = [...discourse.recentNominals.slice(-5), topic];
  });
  return results;
}

interface ContinuationContext {
  previous: { paragraph: number; topic: Entity | null; lastQuote: Attribution | null } | null;
  lastQuoteOfParagraph: Map<number, Attribution>;
  /** "Healey said:" ending the previous sentence, waiting for the quotation that opens the next paragraph. */
  pendingColon: { paragraph: number; attribution: Attribution } | null;
}

/**
 * A quotation with no attribution of its own continues what came before: the colon introduction just above it, the
 * quote before it in the sentence or paragraph, the person the previous sentence was about, or the last quote of
 * the previous paragraph when it opens a paragraph of its own. Otherwise: unknown.
 */
function continuation(context: ContinuationContext, sentence: NarrationSentence, span: QuoteSpan, n: number, lastInSentence: Attribution | null): Attribution {
  const { previous, pendingColon } = context;
  const opensParagraph = n === 0 && startsParagraph(sentence, span);
  const carry = (from: Attribution, strength: number): Attribution => ({ ...from, cue: null, to: null, strength });
  if (opensParagraph && pendingColon?.paragraph === sentence.paragraph - 1) return { ...pendingColon.attribution, strength: 0.9 };
  if (lastInSentence) return carry(lastInSentence, 0.85);
  if (previous?.paragraph === sentence.paragraph && previous.lastQuote) return carry(previous.lastQuote, 0.85);
  if (previous?.paragraph === sentence.paragraph && previous.topic) return { entity: previous.topic, cue: null, to: null, strength: 0.6 };
  const carried = opensParagraph ? context.lastQuoteOfParagraph.get(sentence.paragraph - 1) : undefined;
  if (carried) return carry(carried, span.continuesPrevious ? 0.85 : 0.75);
  return { entity: null, cue: null, to: null, strength: 0.25 };
}

function startsParagraph(sentence: NarrationSentence, span: QuoteSpan): boolean {
  return sentence.tokens[0]?.kind === 'quote' && sentence.start === span.open;
}

function narrationRuns(text: string, sentence: NarrationSentence): NameRun[] {
  const runs: NameRun[] = [];
  let from = sentence.start;
  for (const token of sentence.tokens) {
    if (token.kind !== 'quote') continue;
    runs.push(...findNameRuns(text, from, token.start));
    from = token.end;
  }
  runs.push(...findNameRuns(text, from, sentence.end));
  return runs;
}

/**
 * People named in a sentence's narration where a subject stands (sentence start, after a comma or a clause opener),
 * recorded as mentions for "the prime minister" later on.
 */
function subjectLikePersons(discourse: Discourse, sentence: NarrationSentence, runs: readonly NameRun[]): { entity: Entity; position: number }[] {
  const found: { entity: Entity; position: number }[] = [];
  for (const run of runs) {
    const resolved = resolveArticleName(discourse.names, discourse.index, run.name);
    if (!resolved || (!resolved.person && !run.name.includes(' ') && !discourse.names.fullNameBySurname.get(run.name.toLowerCase()))) continue;
    const entity = { type: 'person' as const, name: resolved.name, person: resolved.person, label: run.name, certainty: 0.8 };
    discourse.mentions.push({ entity, titles: `${run.title} ${appositiveAfter(discourse.text, run.end, sentence.end)}` });
    if (discourse.mentions.length > 50) discourse.mentions.shift();
    if (run.possessive) continue;
    const position = sentence.tokens.findIndex((token) => token.start >= run.start);
    const before = sentence.tokens[position - 1];
    const subjectLike = position <= 0 || before?.kind !== 'word' || CLAUSE_OPENERS.has(before.fold) || PERSON_NOUNS.has(before.fold);
    if (subjectLike) found.push({ entity, position });
  }
  return found;
}

/**
 * "Anatoly Berezin, a Kremlin aide who sat in on the talks," / "Berezin, 61, a former finance minister,": the
 * description an article gives a person in apposition, for "the Kremlin aide" and "the 61-year-old" later on.
 */
function appositiveAfter(text: string, from: number, limit: number): string {
  if (text[from] !== ',') return '';
  const match = /^,\s+(?:\d{2},\s+)?(?:a|an|the)\s+([^,;:\u201c\u201d"]{3,80}),/u.exec(text.slice(from, Math.min(limit, from + 100)));
  return match?.[1] ?? '';
}

function toExtractedQuote(text: string, span: { start: number; end: number }, attribution: Attribution, kind: QuoteKind): ExtractedQuote {
  const entity = attribution.entity;
  // Without a speaker the quote is still a quote, but nothing about its attribution is sure.
  const confidence = Math.round((entity ? attribution.strength * entity.certainty : Math.min(attribution.strength, 0.3)) * 100) / 100;
  const base = { quote: text.slice(span.start, span.end), cue: attribution.cue, to: attribution.to, kind, start: span.start, end: span.end, confidence };
  // A phrase that could not be resolved to anyone is no label: the quote is unattributed.
  if (!entity || entity.type === 'unknown') return { ...base, speaker: null, speakerId: null, speakerType: 'unknown', speakerLabel: null };
  if (entity.type === 'person') return { ...base, speaker: entity.name, speakerId: entity.person?.id ?? null, speakerType: 'person', speakerLabel: entity.label };
  return { ...base, speaker: null, speakerId: null, speakerType: entity.type, speakerLabel: entity.label };
}

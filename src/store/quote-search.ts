import type { Db } from './database.js';
import type { Promised } from './promised.js';
import { isStopword } from '../text/terms.js';
import { fragmentScorer, quoteTerms } from './quote-text.js';
import { statement } from './prepared.js';
import { loadStoredQuotes, type StoredQuote } from './quotes.js';
import { spellingCorrections } from './quote-vocabulary.js';
import { viewerParams, visibleSql, type Viewer } from './visibility.js';

/** How a hit was found: verbatim, with all the fragment's content words, or with most of them (or their first letters). */
export type MatchStage = 'phrase' | 'all-words' | 'near';

export interface QuoteHit extends StoredQuote {
  /** How well the fragment matches the quote, 0..1 (1: verbatim). Reported speech is ranked a notch lower. */
  score: number;
  matchedBy: MatchStage;
}

export interface WhoSaidResult {
  /** The quote the fragment most likely comes from; null when nothing matches well enough. */
  best: QuoteHit | null;
  /** Other quotes that match almost as well: when not empty, the answer is ambiguous. Best first. */
  alternatives: QuoteHit[];
}

export interface SearchOptions {
  /** Whose quotes are searched: a guild finds only quotes it may see, and counts only those in planning the search. */
  viewer: Viewer;
  /** At most this many hits in all (best plus alternatives). Default 5. */
  limit?: number;
}

/** Below this a quote shares too little with the fragment to be offered. */
const MIN_SCORE = 0.5;
/** A stage whose best hit scores this well answers the question: later, looser stages are not needed. */
const GOOD_SCORE = 0.75;
/** Alternatives are the quotes within this margin of the best one. */
const AMBIGUITY_MARGIN = 0.1;
/** Reported speech is kept apart: a direct quotation is preferred unless the reported one matches clearly better. */
const INDIRECT_PENALTY = 0.2;
/** A query matching at most this many quotes has every match rescored. */
const RESCORE_ALL = 100;
/**
 * A broader query has its bm25 top candidates rescored, when bm25 is affordable: FTS5 computes each word's document
 * frequency by reading its whole list, so with a word in more than this many quotes the most recent matches are
 * rescored instead (the latency budget is a few milliseconds over 100,000 quotes).
 */
const MAX_RANKED = 400;
const RANKED_CANDIDATES = 40;
/** A long word found in no quote, with no stored word one slip away, is looked up by its first letters (inflected?). */
const PREFIX_FROM_LENGTH = 5;
const PREFIX_LENGTH = 4;
/** The near stage tries this many of the fragment's rarest words (alone when rare enough, else in pairs). */
const NEAR_TERMS = 3;
const VERBATIM = 0.999;

interface Candidate {
  id: number;
  matchKey: string;
  direct: number;
  score: number;
  matchedBy: MatchStage;
}

type CandidateRow = Omit<Candidate, 'score' | 'matchedBy'>;

/** One content word of the fragment as an FTS5 query, and how many quotes it matches (counted up to MAX_RANKED + 1). */
interface Probe {
  query: string;
  matches: number;
}

interface Stage {
  name: MatchStage;
  query: string;
  /** Whether every word in the query is rare enough for bm25 to be cheap. */
  rankable: boolean;
}

function wordsStage(name: MatchStage, probes: readonly Probe[]): Stage {
  return { name, query: probes.map((probed) => probed.query).join(' AND '), rankable: probes.every((probed) => probed.matches <= MAX_RANKED) };
}

/** /whosaid's search: `searchQuotes` over one database. */
export class SqliteQuoteSearch {
  constructor(private readonly db: Db) {}

  search(fragment: string, options: SearchOptions): WhoSaidResult {
    return searchQuotes(this.db, fragment, options);
  }
}

/** /whosaid's search as both backends offer it. */
export type QuoteSearch = Promised<SqliteQuoteSearch>;

/**
 * Who said that? Finds the stored quote a remembered fragment comes from. Candidates come from the full-text index:
 * quotes with all the fragment's content words (when too many, also those with its longest run of content words as
 * a phrase), then, unless one already matches well, quotes with its rarest words alone or in pairs (a word found
 * nowhere is looked up as the stored words one typing slip from it, else by its first letters; a fragment of
 * common words only by its rarest words). Candidates are rescored by how well the fragment lines up with each
 * quote, so the exact phrase comes first, then all the words, then near matches. The fragment is reduced to plain
 * words before it reaches SQLite: quote marks, `*`, `-`, `:`, parentheses or NEAR in it are never FTS5 operators.
 */
export function searchQuotes(db: Db, fragment: string, options: SearchOptions): WhoSaidResult {
  const limit = Math.max(1, options.limit ?? 5);
  const scope = searchScope(db, options.viewer);
  const terms = quoteTerms(fragment);
  if (terms.length === 0) return { best: null, alternatives: [] };
  const score = fragmentScorer(terms);
  const candidates = new Map<number, Candidate>();
  const consider = (stage: Stage): boolean => {
    const { rows, complete } = stageCandidates(db, stage, scope);
    for (const row of rows) {
      if (candidates.has(row.id)) continue;
      const similarity = score(row.matchKey.split(' '));
      const matchedBy = similarity >= VERBATIM ? 'phrase' : stage.name;
      candidates.set(row.id, { ...row, score: similarity - (row.direct ? 0 : INDIRECT_PENALTY), matchedBy });
    }
    return complete;
  };
  const answered = () => [...candidates.values()].some((candidate) => candidate.score >= GOOD_SCORE);
  const plan = planSearch(db, terms, scope);
  // Only when all the words match too many quotes to rescore them all can the exact phrase be among those left out:
  // then the phrase of content words is looked up, and if that is still too common, the whole fragment verbatim.
  if (plan.allWords && !consider(plan.allWords)) {
    const phraseComplete = plan.phrase !== null && consider(plan.phrase);
    const verbatimFound = [...candidates.values()].some((candidate) => candidate.matchedBy === 'phrase');
    if (!phraseComplete && !verbatimFound && plan.wholePhrase) consider(plan.wholePhrase);
  }
  const near = answered() ? [] : plan.near();
  for (const stage of near) {
    if (answered()) break;
    consider(stage);
  }
  const ranked = [...candidates.values()].filter((candidate) => candidate.score >= MIN_SCORE).sort((a, b) => b.score - a.score);
  const top = ranked[0];
  if (top === undefined) return { best: null, alternatives: [] };
  const close = ranked.filter((candidate) => candidate.score >= top.score - AMBIGUITY_MARGIN).slice(0, limit);
  const hits = toHits(db, close, options.viewer);
  return { best: hits[0] ?? null, alternatives: hits.slice(1) };
}

interface SearchPlan {
  allWords: Stage | null;
  /** The longest run of content words. */
  phrase: Stage | null;
  /** The fragment word for word, function words included: costly, the last resort for a common phrase. */
  wholePhrase: Stage | null;
  /** Built only when the stages before them leave the question open: probing every word costs. */
  near: () => Stage[];
}

/**
 * The queries to try. Function words are left to the rescoring: looking them up would read the index's longest
 * lists ("the", "to") for little selectivity; a fragment of function words only is looked up as a phrase. The near
 * stage uses separate small queries, not one OR-of-ANDs expression (FTS5 evaluates those far more slowly), and pairs
 * two words only when one of them is rare enough for the intersection to be cheap.
 */
function planSearch(db: Db, terms: readonly string[], scope: ViewerScope): SearchPlan {
  const content = [...new Set(terms.filter((term) => !isStopword(term)))];
  const whole: Stage = { name: 'phrase', query: quoted(terms.join(' ')), rankable: false };
  // A fragment of common words only, remembered with a word dropped or added, is found by its rarest words.
  if (content.length === 0) return { allWords: whole, phrase: null, wholePhrase: null, near: () => nearStages([...new Set(terms)].map((term) => probe(db, quoted(term), scope)).filter((probed) => probed.matches > 0)) };
  const exact = new Map(content.map((term) => [term, probe(db, quoted(term), scope)]));
  const run = longestContentRun(terms);
  const runMatches = run.map((term) => exact.get(term)?.matches ?? 0);
  const phrase: Stage | null =
    run.length >= 2 && runMatches.every((matches) => matches > 0)
      ? { name: 'phrase', query: quoted(run.join(' ')), rankable: runMatches.every((matches) => matches <= MAX_RANKED) }
      : null;
  const found = content
    .map((term) => {
      const probed = exact.get(term) as Probe;
      return probed.matches === 0 ? (misspelt(db, term, scope) ?? probed) : probed;
    })
    .filter((probed) => probed.matches > 0);
  if (found.length === 0) return { allWords: null, phrase: null, wholePhrase: null, near: () => [] };
  return { allWords: wordsStage('all-words', found), phrase, wholePhrase: run.length < terms.length ? whole : null, near: () => nearStages(found) };
}

/** A word found in no quote: the stored words one typing slip from it, else (for a long word) those it starts like. */
function misspelt(db: Db, term: string, scope: ViewerScope): Probe | null {
  const corrections = spellingCorrections(db, term);
  if (corrections.length > 0) return probe(db, `(${corrections.map(quoted).join(' OR ')})`, scope);
  return term.length >= PREFIX_FROM_LENGTH ? probe(db, `${quoted(term.slice(0, PREFIX_LENGTH))}*`, scope) : null;
}

/** The fragment's rarest words alone when rare enough, else in pairs with a rare enough partner. */
function nearStages(probes: readonly Probe[]): Stage[] {
  const near: Stage[] = [];
  const rarest = [...probes].sort((a, b) => a.matches - b.matches).slice(0, NEAR_TERMS);
  for (const probed of rarest) if (probed.matches <= RESCORE_ALL) near.push(wordsStage('near', [probed]));
  const broad = rarest.filter((probed) => probed.matches > RESCORE_ALL);
  for (let first = 0; first < broad.length; first += 1) {
    for (let second = first + 1; second < broad.length; second += 1) {
      const pair = [broad[first] as Probe, broad[second] as Probe];
      if (pair.some((probed) => probed.matches <= MAX_RANKED)) near.push(wordsStage('near', pair));
    }
  }
  return near;
}

/** The longest stretch of consecutive content words: as a phrase it is selective and never reads a function word's list. */
function longestContentRun(terms: readonly string[]): string[] {
  let longest: string[] = [];
  let current: string[] = [];
  for (const term of terms) {
    current = isStopword(term) ? [] : [...current, term];
    if (current.length > longest.length) longest = current;
  }
  return longest;
}

/** Terms are letters and digits only; quoting them anyway keeps every one a plain string to FTS5. */
function quoted(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

/** The viewer, and whether any stored quote is hidden from them (then every match is checked; else the index alone is read). */
interface ViewerScope {
  parameters: ReturnType<typeof viewerParams>;
  filtered: boolean;
}

function searchScope(db: Db, viewer: Viewer): ViewerScope {
  const parameters = viewerParams(viewer);
  const hidden = statement(db, `SELECT EXISTS (SELECT 1 FROM quotes WHERE private_feed_id IS NOT NULL AND NOT ${visibleSql('private_feed_id')})`)
    .pluck()
    .get(parameters) as number;
  return { parameters, filtered: hidden === 1 };
}

/**
 * A full-text query's matches. Checking each match costs a row look-up, most of a search's time for common words:
 * it is done only when some quote is hidden from the viewer, so a guild's search never counts, ranks or returns one.
 */
function matches(scope: ViewerScope): string {
  return scope.filtered
    ? `quotes_fts JOIN quotes ON quotes.id = quotes_fts.rowid WHERE quotes_fts MATCH @query AND ${visibleSql('quotes.private_feed_id')}`
    : 'quotes_fts WHERE quotes_fts MATCH @query';
}

function probe(db: Db, query: string, scope: ViewerScope): Probe {
  const count = statement(db, `SELECT COUNT(*) FROM (SELECT 1 FROM ${matches(scope)} LIMIT ${MAX_RANKED + 1})`)
    .pluck()
    .get({ ...scope.parameters, query }) as number;
  return { query, matches: count };
}

/** Every match when there are few (complete); else the bm25 best when affordable, or the most recent. */
function stageCandidates(db: Db, stage: Stage, scope: ViewerScope): { rows: CandidateRow[]; complete: boolean } {
  const parameters = { ...scope.parameters, query: stage.query };
  const recent = statement(
    db,
    `SELECT quotes.id, quotes.match_key AS matchKey, quotes.direct
     FROM (SELECT quotes_fts.rowid AS id FROM ${matches(scope)} ORDER BY quotes_fts.rowid DESC LIMIT ${RESCORE_ALL + 1}) AS found
     JOIN quotes ON quotes.id = found.id ORDER BY found.id DESC`,
  ).all(parameters) as CandidateRow[];
  if (recent.length <= RESCORE_ALL) return { rows: recent, complete: true };
  if (!stage.rankable) return { rows: recent.slice(0, RANKED_CANDIDATES), complete: false };
  const ranked = statement(
    db,
    `SELECT quotes.id, quotes.match_key AS matchKey, quotes.direct
     FROM (SELECT quotes_fts.rowid AS id, quotes_fts.rank AS rank FROM ${matches(scope)} ORDER BY quotes_fts.rank LIMIT ${RANKED_CANDIDATES}) AS found
     JOIN quotes ON quotes.id = found.id ORDER BY found.rank`,
  ).all(parameters) as CandidateRow[];
  return { rows: ranked, complete: false };
}

function toHits(db: Db, candidates: readonly Candidate[], viewer: Viewer): QuoteHit[] {
  const byId = new Map(candidates.map((candidate) => [candidate.id, candidate]));
  return loadStoredQuotes(
    db,
    candidates.map((candidate) => candidate.id),
    viewer,
  ).map((quote) => {
    const candidate = byId.get(quote.id);
    return { ...quote, score: Math.max(0, candidate?.score ?? 0), matchedBy: candidate?.matchedBy ?? 'near' };
  });
}

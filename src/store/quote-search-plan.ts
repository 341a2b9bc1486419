import { isStopword } from '../text/terms.js';
import { fragmentScorer, quoteTerms } from './quote-text.js';
import type { StoredQuote } from './quotes.js';
import type { Viewer } from './visibility.js';

/**
 * /whosaid's search, written once for both backends: the plan below asks the full-text index questions (how many
 * quotes match this query, which ones, which stored words are one slip from this one) by yielding them, and a
 * driver per backend answers each: at once on SQLite (quote-search.ts), awaited on PostgreSQL
 * (postgres/quote-search.ts). Queries are FTS5 query text; PostgreSQL translates them to tsquery.
 */

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

/** A match as the index returns it: enough to rescore it. `direct` is 1 for a quotation, 0 for reported speech. */
export interface CandidateRow {
  id: number;
  matchKey: string;
  direct: number;
}

/**
 * What the plan asks the index. `filtered`: whether some stored quote is hidden from the viewer (then every match
 * is checked; else the index alone is read). `count` answers with each query's number of matches (up to `cap`),
 * asked together. `similar`, the last resort when the words found nothing: quotes whose letters resemble the
 * fragment's (PostgreSQL's trigrams; SQLite has none).
 * `narrow`: the query has a word in at most MAX_RANKED quotes, so its matches are few whatever its other words (an
 * index that cannot walk matches newest first, as PostgreSQL's GIN cannot, is then best read whole). `next`: the
 * plan asks next for the newest `limit` matches of andQuery(the counted queries that match) when each matches, or
 * always when `ofMatching`: a client-server database may answer that with the counts.
 */
export type IndexRequest =
  | { kind: 'hidden'; viewer: Viewer }
  | { kind: 'count'; queries: string[]; viewer: Viewer; filtered: boolean; cap: number; next?: { limit: number; ofMatching: boolean } }
  | { kind: 'recent' | 'ranked'; query: string; viewer: Viewer; filtered: boolean; limit: number; narrow: boolean }
  | { kind: 'corrections'; term: string }
  | { kind: 'similar'; text: string; viewer: Viewer; limit: number }
  | { kind: 'load'; ids: number[]; viewer: Viewer };

/** A search in progress: yields requests, is resumed with their answers, returns the result. */
export type SearchPlan = Generator<IndexRequest, WhoSaidResult, unknown>;

/** Asks the index one question; the answer's type is the request's (see IndexRequest). */
function* ask<Answer>(request: IndexRequest): Generator<IndexRequest, Answer, unknown> {
  return (yield request) as Answer;
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

interface Candidate extends CandidateRow {
  score: number;
  matchedBy: MatchStage;
  verbatim: boolean;
}

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
  /** Whether some word in the query is that rare (see IndexRequest). */
  narrow: boolean;
}

interface Scope {
  viewer: Viewer;
  filtered: boolean;
}

/** Queries that must all match, as one. */
export function andQuery(queries: readonly string[]): string {
  return queries.join(' AND ');
}

function wordsStage(name: MatchStage, probes: readonly Probe[]): Stage {
  const query = andQuery(probes.map((probed) => probed.query));
  return { name, query, rankable: probes.every((probed) => probed.matches <= MAX_RANKED), narrow: probes.some((probed) => probed.matches <= MAX_RANKED) };
}

/**
 * Who said that? Finds the stored quote a remembered fragment comes from. Candidates come from the full-text index:
 * quotes with all the fragment's content words (when too many, also those with its longest run of content words as
 * a phrase), then, unless one already matches well, quotes with its rarest words alone or in pairs (a word found
 * nowhere is looked up as the stored words one typing slip from it, else by its first letters; a fragment of
 * common words only by its rarest words). Candidates are rescored by how well the fragment lines up with each
 * quote, so the exact phrase comes first, then all the words, then near matches. The fragment is reduced to plain
 * words before it reaches the index: quote marks, `*`, `-`, `:`, parentheses or NEAR in it are never operators.
 */
export function* whoSaidPlan(fragment: string, options: SearchOptions): SearchPlan {
  const limit = Math.max(1, options.limit ?? 5);
  const scope: Scope = { viewer: options.viewer, filtered: yield* ask<boolean>({ kind: 'hidden', viewer: options.viewer }) };
  const terms = quoteTerms(fragment);
  if (terms.length === 0) return { best: null, alternatives: [] };
  const score = fragmentScorer(terms);
  const candidates = new Map<number, Candidate>();
  function* consider(stage: Stage, found?: CandidateRow[]): Generator<IndexRequest, boolean, unknown> {
    const { rows, complete } = found ? { rows: found, complete: true } : yield* stageCandidates(stage, scope);
    for (const row of rows) {
      if (candidates.has(row.id)) continue;
      const similarity = score(row.matchKey.split(' '));
      const matchedBy = similarity >= VERBATIM ? 'phrase' : stage.name;
      candidates.set(row.id, { ...row, score: similarity - (row.direct ? 0 : INDIRECT_PENALTY), matchedBy, verbatim: similarity >= VERBATIM });
    }
    return complete;
  }
  const answered = () => [...candidates.values()].some((candidate) => candidate.score >= GOOD_SCORE);
  const plan = yield* planSearch(terms, scope);
  // Only when all the words match too many quotes to rescore them all can the exact phrase be among those left out:
  // then the phrase of content words is looked up, and if that is still too common, the whole fragment verbatim.
  if (plan.allWords && !(yield* consider(plan.allWords))) {
    const phraseComplete = plan.phrase !== null && (yield* consider(plan.phrase));
    // Verbatim by its score: a phrase stage's candidates are all marked 'phrase', but a shorter phrase matching is not the fragment.
    const verbatimFound = [...candidates.values()].some((candidate) => candidate.verbatim);
    if (!phraseComplete && !verbatimFound && plan.wholePhrase) yield* consider(plan.wholePhrase);
  }
  const near = answered() ? [] : Array.isArray(plan.near) ? plan.near : yield* plan.near();
  for (const stage of near) {
    if (answered()) break;
    yield* consider(stage);
  }
  // Its content words only: function words' trigrams are in most quotes and would make the look-up slow. Only when a
  // word is in no quote as typed are letters a clue the word stages lacked: else they would find the same words again.
  const resembling = terms.filter((term) => !isStopword(term)).join(' ');
  if (candidates.size === 0 && resembling !== '' && plan.unknownWord) {
    const rows = yield* ask<CandidateRow[]>({ kind: 'similar', text: resembling, viewer: options.viewer, limit: RANKED_CANDIDATES });
    yield* consider({ name: 'near', query: '', rankable: false, narrow: false }, rows);
  }
  const ranked = [...candidates.values()].filter((candidate) => candidate.score >= MIN_SCORE).sort((a, b) => b.score - a.score);
  const top = ranked[0];
  if (top === undefined) return { best: null, alternatives: [] };
  const close = ranked.filter((candidate) => candidate.score >= top.score - AMBIGUITY_MARGIN).slice(0, limit);
  const quotes = yield* ask<StoredQuote[]>({ kind: 'load', ids: close.map((candidate) => candidate.id), viewer: options.viewer });
  const byId = new Map(close.map((candidate) => [candidate.id, candidate]));
  const hits = quotes.map((quote): QuoteHit => {
    const candidate = byId.get(quote.id);
    return { ...quote, score: Math.max(0, candidate?.score ?? 0), matchedBy: candidate?.matchedBy ?? 'near' };
  });
  return { best: hits[0] ?? null, alternatives: hits.slice(1) };
}

interface Plan {
  allWords: Stage | null;
  /** The longest run of content words. */
  phrase: Stage | null;
  /** The fragment word for word, function words included: costly, the last resort for a common phrase. */
  wholePhrase: Stage | null;
  /** For a fragment of function words only, built only when the stages before leave the question open: probing every word costs. */
  near: Stage[] | (() => Generator<IndexRequest, Stage[], unknown>);
  /** Whether some content word is in no quote as typed. */
  unknownWord: boolean;
}

/**
 * The queries to try. Function words are left to the rescoring: looking them up would read the index's longest
 * lists ("the", "to") for little selectivity; a fragment of function words only is looked up as a phrase. The near
 * stage uses separate small queries, not one OR-of-ANDs expression (FTS5 evaluates those far more slowly), and pairs
 * two words only when one of them is rare enough for the intersection to be cheap.
 */
function* planSearch(terms: readonly string[], scope: Scope): Generator<IndexRequest, Plan, unknown> {
  const content = [...new Set(terms.filter((term) => !isStopword(term)))];
  const whole: Stage = { name: 'phrase', query: quoted(terms.join(' ')), rankable: false, narrow: false };
  // A fragment of common words only, remembered with a word dropped or added, is found by its rarest words.
  if (content.length === 0) {
    return {
      allWords: whole,
      phrase: null,
      wholePhrase: null,
      unknownWord: false,
      near: function* () {
        const probed = yield* probe([...new Set(terms)].map(quoted), scope);
        return nearStages(probed.filter((each) => each.matches > 0));
      },
    };
  }
  const probed = yield* probe(content.map(quoted), scope, 'all');
  const exact = new Map(content.map((term, index) => [term, probed[index] as Probe]));
  const run = longestContentRun(terms);
  const runMatches = run.map((term) => exact.get(term)?.matches ?? 0);
  const rare = (matches: number) => matches <= MAX_RANKED;
  const phrase: Stage | null = run.length >= 2 && runMatches.every((matches) => matches > 0)
    ? { name: 'phrase', query: quoted(run.join(' ')), rankable: runMatches.every(rare), narrow: runMatches.some(rare) }
    : null;
  // A word in no quote is read as likely meant; all are then counted again together, with the all-words matches (see probe).
  const respelt = new Map<string, string | null>();
  for (const term of content) if ((exact.get(term) as Probe).matches === 0) respelt.set(term, yield* respelling(term));
  const queries = content.flatMap((term) => (respelt.has(term) ? (respelt.get(term) ?? []) : quoted(term)));
  const recount = [...respelt.values()].some((query) => query !== null);
  const found = (recount ? yield* probe([...new Set(queries)], scope, 'matching') : probed).filter((each) => each.matches > 0);
  if (found.length === 0) return { allWords: null, phrase: null, wholePhrase: null, near: [], unknownWord: respelt.size > 0 };
  return {
    allWords: wordsStage('all-words', found),
    phrase,
    // The whole fragment holds every content word: as narrow as the rarest, and nowhere when one is in no quote.
    wholePhrase: run.length < terms.length && respelt.size === 0 ? { ...whole, narrow: probed.some((each) => each.matches <= MAX_RANKED) } : null,
    near: nearStages(found),
    unknownWord: respelt.size > 0,
  };
}

/** A word found in no quote as the query for what was meant: the stored words one typing slip from it, else (a long word) its first letters. */
function* respelling(term: string): Generator<IndexRequest, string | null, unknown> {
  const corrections = yield* ask<string[]>({ kind: 'corrections', term });
  if (corrections.length > 0) return `(${corrections.map(quoted).join(' OR ')})`;
  return term.length >= PREFIX_FROM_LENGTH ? `${quoted(term.slice(0, PREFIX_LENGTH))}*` : null;
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

/** `allWords`: the counted queries are the all-words stage's, of all of them or of those that match (see IndexRequest). */
function* probe(queries: string[], scope: Scope, allWords?: 'all' | 'matching'): Generator<IndexRequest, Probe[], unknown> {
  const next = allWords ? { next: { limit: RESCORE_ALL + 1, ofMatching: allWords === 'matching' } } : {};
  const counts = yield* ask<number[]>({ kind: 'count', queries, ...scope, cap: MAX_RANKED + 1, ...next });
  return queries.map((query, index) => ({ query, matches: counts[index] ?? 0 }));
}

/** Every match when there are few (complete); else the bm25 best when affordable, or the most recent. */
function* stageCandidates(stage: Stage, scope: Scope): Generator<IndexRequest, { rows: CandidateRow[]; complete: boolean }, unknown> {
  const recent = yield* ask<CandidateRow[]>({ kind: 'recent', query: stage.query, ...scope, limit: RESCORE_ALL + 1, narrow: stage.narrow });
  if (recent.length <= RESCORE_ALL) return { rows: recent, complete: true };
  if (!stage.rankable) return { rows: recent.slice(0, RANKED_CANDIDATES), complete: false };
  return { rows: yield* ask<CandidateRow[]>({ kind: 'ranked', query: stage.query, ...scope, limit: RANKED_CANDIDATES, narrow: true }), complete: false };
}

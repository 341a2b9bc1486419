import type { Db } from './database.js';
import type { Promised } from './promised.js';
import { statement } from './prepared.js';
import { whoSaidPlan, type CandidateRow, type IndexRequest, type SearchOptions, type WhoSaidResult } from './quote-search-plan.js';
import { loadStoredQuotes } from './quotes.js';
import { spellingCorrections } from './quote-vocabulary.js';
import { viewerParams, visibleSql, type Viewer } from './visibility.js';

export type { MatchStage, QuoteHit, SearchOptions, WhoSaidResult } from './quote-search-plan.js';

/** /whosaid's search: `searchQuotes` over one database. */
export class SqliteQuoteSearch {
  constructor(private readonly db: Db) {}

  search(fragment: string, options: SearchOptions): WhoSaidResult {
    return searchQuotes(this.db, fragment, options);
  }
}

/** /whosaid's search as both backends offer it. */
export type QuoteSearch = Promised<SqliteQuoteSearch>;

/** Who said that? /whosaid's search (quote-search-plan.ts) over SQLite's FTS5 index, answered synchronously. */
export function searchQuotes(db: Db, fragment: string, options: SearchOptions): WhoSaidResult {
  const plan = whoSaidPlan(fragment, options);
  let step = plan.next();
  while (!step.done) step = plan.next(answer(db, step.value));
  return step.value;
}

function answer(db: Db, request: IndexRequest): unknown {
  switch (request.kind) {
    case 'hidden':
      return hiddenFrom(db, request.viewer);
    case 'count': {
      const count = statement(db, `SELECT COUNT(*) FROM (SELECT 1 FROM ${matches(request.filtered)} LIMIT ${request.cap})`).pluck();
      return request.queries.map((query) => count.get({ ...viewerParams(request.viewer), query }) as number);
    }
    case 'recent':
    case 'ranked':
      return candidates(db, request);
    case 'corrections':
      return spellingCorrections(db, request.term);
    case 'similar':
      return [];
    case 'load':
      return loadStoredQuotes(db, request.ids, request.viewer);
  }
}

/** Whether any stored quote is hidden from the viewer: a guild's search must then check every match. */
function hiddenFrom(db: Db, viewer: Viewer): boolean {
  const hidden = statement(db, `SELECT EXISTS (SELECT 1 FROM quotes WHERE private_feed_id IS NOT NULL AND NOT ${visibleSql('private_feed_id')})`)
    .pluck()
    .get(viewerParams(viewer)) as number;
  return hidden === 1;
}

/**
 * A full-text query's matches. Checking each match costs a row look-up, most of a search's time for common words:
 * it is done only when some quote is hidden from the viewer, so a guild's search never counts, ranks or returns one.
 */
function matches(filtered: boolean): string {
  return filtered
    ? `quotes_fts JOIN quotes ON quotes.id = quotes_fts.rowid WHERE quotes_fts MATCH @query AND ${visibleSql('quotes.private_feed_id')}`
    : 'quotes_fts WHERE quotes_fts MATCH @query';
}

/** The most recent matches, or the bm25 best. */
function candidates(db: Db, request: Extract<IndexRequest, { kind: 'recent' | 'ranked' }>): CandidateRow[] {
  const parameters = { ...viewerParams(request.viewer), query: request.query };
  const [rank, order] = request.kind === 'ranked' ? ['quotes_fts.rank', 'found.rank'] : ['0', 'found.id DESC'];
  const by = request.kind === 'ranked' ? 'quotes_fts.rank' : 'quotes_fts.rowid DESC';
  return statement(
    db,
    `SELECT quotes.id, quotes.match_key AS matchKey, quotes.direct
     FROM (SELECT quotes_fts.rowid AS id, ${rank} AS rank FROM ${matches(request.filtered)} ORDER BY ${by} LIMIT ${request.limit}) AS found
     JOIN quotes ON quotes.id = found.id ORDER BY ${order}`,
  ).all(parameters) as CandidateRow[];
}

import type { QuoteSearch } from '../quote-search.js';
import { andQuery, whoSaidPlan, type CandidateRow, type IndexRequest, type SearchOptions, type WhoSaidResult } from '../quote-search-plan.js';
import { QuoteVocabulary } from '../quote-vocabulary.js';
import { viewerParams, visibleSql } from '../visibility.js';
import type { PgDatabase } from './connection.js';
import { loadStoredQuotes } from './quotes.js';
import { CANDIDATE_ROWS, fromIndexSql, matchesSql, newestSql, ONCE_QUERY, phrasePairs, phraseSql, probedSql, probeParams } from './newest-matches.js';
import { andGroups, fts5ToTsquery } from './ts-query.js';

/**
 * /whosaid on PostgreSQL: the plan SQLite runs (quote-search-plan.ts), its questions answered from the tsvector
 * index (GIN). Ranking a broad query uses ts_rank_cd where SQLite uses bm25; every candidate is then rescored by
 * the plan itself, so the two agree on the answers. When the words find nothing, trigram similarity (pg_trgm) offers
 * the quotes whose letters resemble the fragment's, rescored the same way (SQLite has no such index: there, nothing).
 */
export class PgQuoteSearch implements QuoteSearch {
  private readonly vocabulary = new QuoteVocabulary();

  constructor(private readonly db: PgDatabase) {}

  async search(fragment: string, options: SearchOptions): Promise<WhoSaidResult> {
    const plan = whoSaidPlan(fragment, options);
    const state: SearchState = { query: null, limit: 0, rows: [], lastQuote: 0 };
    let step = plan.next();
    while (!step.done) step = plan.next(await this.answer(step.value, state));
    return step.value;
  }

  private async answer(request: IndexRequest, state: SearchState): Promise<unknown> {
    const ready = request.kind === 'recent' && request.query === state.query && request.limit === state.limit;
    state.query = null;
    if (ready) return state.rows;
    switch (request.kind) {
      case 'hidden':
        // Checking each match against the viewer costs PostgreSQL less than one more round trip to ask whether any
        // quote is hidden from them: always check (the answers are the same).
        return true;
      case 'count':
        return this.count(request, state);
      case 'recent':
      case 'ranked':
        return this.candidates(request);
      case 'corrections':
        // Asked after a count, which told the newest quote: the words are read again only if some quote is newer.
        if (state.lastQuote > this.vocabulary.lastId) {
          this.vocabulary.add(await this.db.all(`SELECT id, match_key AS "matchKey" FROM quotes WHERE id > $1 ORDER BY id`, [this.vocabulary.lastId], { prepared: true }));
        }
        return this.vocabulary.corrections(request.term);
      case 'similar':
        // Trigram word similarity (pg_trgm, GIN index on the match key): the fragment's letters found in a stretch of the quote.
        return this.db.all<CandidateRow>(
          `SELECT id, match_key AS "matchKey", direct FROM quotes WHERE @text <% match_key AND ${visibleSql('private_feed_id')}
           ORDER BY word_similarity(@text, match_key) DESC, id DESC LIMIT ${request.limit}`,
          { ...viewerParams(request.viewer), text: request.text },
        );
      case 'load':
        return loadStoredQuotes(this.db, request.ids, request.viewer);
    }
  }

  /**
   * Each query's matches, up to the cap, in one round trip (see probedSql), with the newest quote's id. With `next`,
   * the same statement also finds the newest matches of the queries that match (when the plan will ask for them, see
   * IndexRequest), kept in `state`: a round trip less.
   */
  private async count(request: Extract<IndexRequest, { kind: 'count' }>, state: SearchState): Promise<number[]> {
    const { next } = request;
    const newest = next ? `, ${newestSql(request.filtered, request.cap, next.limit)}` : '';
    const found = next ? `(SELECT wanted FROM estimate) AS wanted, (SELECT json_agg(newest ORDER BY id DESC) FROM newest) AS rows` : 'false AS wanted, NULL AS rows';
    const [row] = await this.db.all<{ counts: number[]; lastQuote: number | null; wanted: boolean | null; rows: CandidateRow[] | null }>(
      `WITH probed AS MATERIALIZED (${probedSql(request.filtered, request.cap, next)})${newest}
       SELECT ARRAY(SELECT hits FROM probed ORDER BY position) AS counts, (SELECT MAX(id) FROM quotes) AS "lastQuote", ${found}`,
      { ...viewerParams(request.viewer), ...probeParams(request.queries), ofMatching: next?.ofMatching ?? false },
      { prepared: true },
    );
    const counts = row?.counts ?? [];
    state.lastQuote = row?.lastQuote ?? 0;
    if (next && row?.wanted) {
      Object.assign(state, { query: andQuery(request.queries.filter((_, index) => (counts[index] ?? 0) > 0)), limit: next.limit, rows: row.rows ?? [] });
    }
    return counts;
  }

  private async candidates(request: Extract<IndexRequest, { kind: 'recent' | 'ranked' }>): Promise<CandidateRow[]> {
    const query = fts5ToTsquery(request.query);
    const parameters = { ...viewerParams(request.viewer), query };
    if (request.kind === 'ranked') return this.db.all<CandidateRow>(rankedSql(request.filtered, request.limit), parameters);
    const phrase = phrasePairs(request.query);
    if (phrase !== null) return this.db.all<CandidateRow>(phraseSql(request.filtered, request.limit), { ...parameters, pairs: phrase }, { prepared: true });
    // A narrow query's matches are few, and a phrase is rare even of common words: read from the index whole.
    if (request.narrow || query.includes('<->')) {
      return this.db.all<CandidateRow>(fromIndexSql(request.filtered, request.limit, ONCE_QUERY), parameters, { prepared: true });
    }
    const sql = `WITH probed AS MATERIALIZED (${probedSql(request.filtered, RECENT_SAMPLE, { limit: request.limit })}), ${newestSql(request.filtered, RECENT_SAMPLE, request.limit)}
      SELECT id, "matchKey", direct FROM newest ORDER BY id DESC`;
    return this.db.all<CandidateRow>(sql, { ...viewerParams(request.viewer), ...probeParams(andGroups(request.query)), ofMatching: false }, { prepared: true });
  }
}

/**
 * What one search has learnt so far: an answer found ahead of its question (the newest `limit` matches of `query`,
 * see PgQuoteSearch.count), and the newest quote's id.
 */
interface SearchState {
  query: string | null;
  limit: number;
  rows: CandidateRow[];
  lastQuote: number;
}

/** How many of a word's newest quotes tell how common it is lately, when a stage's words were not counted with it. */
const RECENT_SAMPLE = 401;

/** The best matches of `@query` by ts_rank_cd (then the newest), read from the GIN index. */
function rankedSql(filtered: boolean, limit: number): string {
  return `SELECT id, "matchKey", direct FROM (${CANDIDATE_ROWS} WHERE ${matchesSql(filtered)} OFFSET 0) AS found
    ORDER BY ts_rank_cd(search, to_tsquery('simple', @query)) DESC, id DESC LIMIT ${limit}`;
}

import type { QuoteSearch } from '../quote-search.js';
import { whoSaidPlan, type CandidateRow, type IndexRequest, type SearchOptions, type WhoSaidResult } from '../quote-search-plan.js';
import { QuoteVocabulary } from '../quote-vocabulary.js';
import { viewerParams, visibleSql } from '../visibility.js';
import type { PgDatabase } from './connection.js';
import { loadStoredQuotes } from './quotes.js';
import { fts5ToTsquery } from './ts-query.js';

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
    const prefetched: Prefetched = { query: null, limit: 0, rows: [] };
    let step = plan.next();
    while (!step.done) step = plan.next(await this.answer(step.value, prefetched));
    return step.value;
  }

  private async answer(request: IndexRequest, prefetched: Prefetched): Promise<unknown> {
    const ready = request.kind === 'recent' && request.query === prefetched.query && request.limit === prefetched.limit;
    prefetched.query = null;
    if (ready) return prefetched.rows;
    switch (request.kind) {
      case 'hidden':
        // Checking each match against the viewer costs PostgreSQL less than one more round trip to ask whether any
        // quote is hidden from them: always check (the answers are the same).
        return true;
      case 'count':
        return this.count(request, prefetched);
      case 'recent':
      case 'ranked':
        return this.candidates(request);
      case 'corrections':
        this.vocabulary.add(await this.db.all(`SELECT id, match_key AS "matchKey" FROM quotes WHERE id > $1 ORDER BY id`, [this.vocabulary.lastId]));
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
   * Each query's matches, up to the cap, in one round trip. A single word is counted in quote_words (migration 016),
   * from its primary key alone, when no quote is hidden from the viewer (then the viewer's count is everyone's);
   * anything else (a phrase, OR, a prefix, a viewer from whom something is hidden) from the GIN index. With `next`,
   * the same statement also finds the newest matches of all the queries when each matches something (the plan's next
   * question then), kept in `prefetched`: a round trip less.
   */
  private async count(request: Extract<IndexRequest, { kind: 'count' }>, prefetched: Prefetched): Promise<number[]> {
    const byWord = `(SELECT COUNT(*) FROM (SELECT 1 FROM quote_words WHERE word = probe.word LIMIT ${request.cap}) AS found)`;
    const byIndex = `(SELECT COUNT(*) FROM (SELECT 1 FROM quotes WHERE ${matches(request.filtered, 'probe.query')} LIMIT ${request.cap}) AS found)`;
    // The word as the index holds it: one lexeme, unchanged by the parser.
    const indexedWord = `tsvector_to_array(to_tsvector('simple', probe.word)) = ARRAY[probe.word]`;
    const hidden = `EXISTS (SELECT 1 FROM quotes WHERE private_feed_id IS NOT NULL AND NOT ${visibleSql('private_feed_id')})`;
    const counts = `WITH scope AS MATERIALIZED (SELECT ${request.filtered ? hidden : 'false'} AS hidden)
       SELECT CASE WHEN probe.word IS NOT NULL AND NOT (SELECT hidden FROM scope) AND ${indexedWord} THEN ${byWord} ELSE ${byIndex} END
       FROM unnest(@queries::text[], @words::text[]) WITH ORDINALITY AS probe (query, word, position) ORDER BY position`;
    const parameters = { ...viewerParams(request.viewer), queries: request.queries.map(fts5ToTsquery), words: request.queries.map(singleWord) };
    if (request.next === undefined) return this.db.column<number>(counts, parameters, { prepared: true });
    const { query, limit } = request.next;
    // Each form of the search (see recentSql) gated by the counts: only the one the plan would choose runs.
    const newest = (narrow: boolean) =>
      `(SELECT json_agg(found ORDER BY found.id DESC) FROM (${recentSql(request.filtered, narrow || query.includes('<->'), limit)}) AS found
        WHERE (SELECT "everyFound" AND narrow = ${narrow} FROM counted))`;
    const [row] = await this.db.all<{ counts: number[]; everyFound: boolean; rows: CandidateRow[] | null }>(
      `WITH counted AS MATERIALIZED (SELECT counts, 0 <> ALL (counts) AS "everyFound", ${request.cap} > ANY (counts) AS narrow
         FROM (SELECT ARRAY(${counts})::int[] AS counts OFFSET 0) AS probed)
       SELECT counts, "everyFound", COALESCE(${newest(true)}, ${newest(false)}) AS rows FROM counted`,
      { ...parameters, query: fts5ToTsquery(query) },
    );
    if (row?.everyFound) Object.assign(prefetched, { query, limit, rows: row.rows ?? [] });
    return row?.counts ?? [];
  }

  /**
   * Where the GIN index (which cannot walk matches newest first) is read whole, the matches then sorted: for a narrow
   * query, whose matches are few whatever its other words, and for a phrase, which GIN finds as quotes with all its
   * words and rechecks each, and which is rare even of common words. The planner, which cannot tell how few match,
   * would walk the primary key backwards through most of the table looking for them. A broad query of separate words
   * has its newest matches found soon that way, so there the planner chooses.
   */
  /** The READ_PAIRS pairs in fewest quotes (counted up to PAIR_COUNT_CAP): rare pairs leave few rows to check. */
  private rarest(pairs: string[]): Promise<string[]> {
    return this.db.column<string>(
      `SELECT pair FROM unnest(@pairs::text[]) WITH ORDINALITY AS probe (pair, position)
       ORDER BY (SELECT COUNT(*) FROM (SELECT 1 FROM quote_pairs WHERE quote_pairs.pair = probe.pair LIMIT ${PAIR_COUNT_CAP}) AS found), position
       LIMIT ${READ_PAIRS}`,
      { pairs },
      { prepared: true },
    );
  }

  private async candidates(request: Extract<IndexRequest, { kind: 'recent' | 'ranked' }>): Promise<CandidateRow[]> {
    const query = fts5ToTsquery(request.query);
    const phrase = request.kind === 'recent' ? phrasePairs(request.query) : null;
    if (phrase !== null) {
      const pairs = phrase.length > READ_PAIRS ? await this.rarest(phrase) : phrase;
      return this.db.all<CandidateRow>(phraseSql(request.filtered, pairs.length, request.limit), { ...viewerParams(request.viewer), query, pairs });
    }
    const fromIndex = request.narrow || query.includes('<->');
    const sql = request.kind === 'ranked' ? rankedSql(request.filtered, request.limit) : recentSql(request.filtered, fromIndex, request.limit);
    return this.db.all<CandidateRow>(sql, { ...viewerParams(request.viewer), query });
  }
}

/** A search's answer found ahead of its question: the newest `limit` matches of `query` (see PgQuoteSearch.count). */
interface Prefetched {
  query: string | null;
  limit: number;
  rows: CandidateRow[];
}

const CANDIDATE_ROWS = `SELECT id, match_key AS "matchKey", direct, search FROM quotes`;

/** The newest matches of `@query`; `fromIndex`: read from the GIN index whole (OFFSET 0 keeps the planner from pulling the subquery up). */
function recentSql(filtered: boolean, fromIndex: boolean, limit: number): string {
  return `SELECT id, "matchKey", direct FROM (${CANDIDATE_ROWS} WHERE ${matches(filtered)}${fromIndex ? ' OFFSET 0' : ''}) AS found ORDER BY id DESC LIMIT ${limit}`;
}

/** A phrase's pairs read, the rarest (the rest are checked on the rows), each counted up to the cap to find them. */
const READ_PAIRS = 2;
const PAIR_COUNT_CAP = 500;

/**
 * The adjacent word pairs to read from quote_pairs (migration 018) for a query that is one phrase, else null. Only
 * for words of ASCII letters and digits: the parser makes each such word one lexeme, itself, so the quotes with the
 * phrase are among those with its pairs.
 */
function phrasePairs(query: string): string[] | null {
  const words = /^"([a-z0-9]+(?: [a-z0-9]+)+)"$/.exec(query)?.[1]?.split(' ');
  return words === undefined ? null : [...new Set(words.slice(1).map((word, index) => `${words[index]} ${word}`))];
}

/**
 * The newest matches of the phrase `@query`, found among the quotes with its `@pairs`: the planner, which knows how
 * common each pair is, walks a common pair's quotes newest first and stops at `limit`, or sorts a rare pair's few.
 * ts_match_vq is `@@` that the GIN index cannot answer, so each row found is checked, never the index read whole.
 */
function phraseSql(filtered: boolean, pairCount: number, limit: number): string {
  const lists = Array.from({ length: pairCount }, (_, index) => `(SELECT quote_id FROM quote_pairs WHERE pair = (@pairs::text[])[${index + 1}]) AS pair${index}`);
  return `SELECT quotes.id, quotes.match_key AS "matchKey", quotes.direct FROM ${lists.join(' JOIN ')}${lists.length > 1 ? ' USING (quote_id)' : ''}
    JOIN quotes ON quotes.id = quote_id WHERE ts_match_vq(search, to_tsquery('simple', @query))${filtered ? ` AND ${visibleSql('private_feed_id')}` : ''}
    ORDER BY quote_id DESC LIMIT ${limit}`;
}

/** The best matches of `@query` by ts_rank_cd (then the newest), read from the GIN index. */
function rankedSql(filtered: boolean, limit: number): string {
  return `SELECT id, "matchKey", direct FROM (${CANDIDATE_ROWS} WHERE ${matches(filtered)} OFFSET 0) AS found
    ORDER BY ts_rank_cd(search, to_tsquery('simple', @query)) DESC, id DESC LIMIT ${limit}`;
}

/** The word of a query that is one quoted word (`"talks"`, or a misspelt word's one correction: `("talks")`), else null. */
function singleWord(query: string): string | null {
  const bare = query.startsWith('(') && query.endsWith(')') ? query.slice(1, -1) : query;
  return /^"([^"\s]+)"$/.exec(bare)?.[1] ?? null;
}

/** Matches of a query, checked against the viewer when `filtered`. */
function matches(filtered: boolean, query = '@query'): string {
  const match = `search @@ to_tsquery('simple', ${query})`;
  return filtered ? `${match} AND ${visibleSql('private_feed_id')}` : match;
}

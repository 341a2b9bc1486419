import { visibleSql } from '../visibility.js';
import { fts5ToTsquery } from './ts-query.js';

/**
 * The SQL /whosaid's PostgreSQL driver (quote-search.ts) asks most: how many quotes match each of a fragment's words
 * and which are the newest quotes with all of them (answered together, in one statement, from the same reads: see
 * probedSql and newestSql), and which are the newest with a phrase (phraseSql). Each statement chooses its own way
 * and keeps one plan.
 */

export const CANDIDATE_ROWS = `SELECT id, match_key AS "matchKey", direct, search FROM quotes`;

/** The tsquery of `@query` (tsquery text). */
const QUERY = `to_tsquery('simple', @query)`;

/** Matches of a query (an SQL expression of type tsquery), checked against the viewer when `filtered`. */
export function matchesSql(filtered: boolean, query = QUERY): string {
  const match = `search @@ ${query}`;
  return filtered ? `${match} AND ${visibleSql('private_feed_id')}` : match;
}

/** The newest matches of `query` (tsquery), read from the GIN index whole (OFFSET 0 keeps the planner from pulling the subquery up). */
export function fromIndexSql(filtered: boolean, limit: number, query: string): string {
  return `SELECT id, "matchKey", direct FROM (${CANDIDATE_ROWS} WHERE ${matchesSql(filtered, query)} OFFSET 0) AS found ORDER BY id DESC LIMIT ${limit}`;
}

/** The parameters of probedSql for FTS5 queries: each as tsquery text, and its word when it is one word (else null). */
export function probeParams(queries: readonly string[]): { queries: string[]; words: (string | null)[] } {
  return { queries: queries.map(fts5ToTsquery), words: queries.map(singleWord) };
}

/** The word of a query that is one quoted word (`"talks"`, or a misspelt word's one correction: `("talks")`), else null. */
function singleWord(query: string): string | null {
  const bare = query.startsWith('(') && query.endsWith(')') ? query.slice(1, -1) : query;
  return /^"([^"\s]+)"$/.exec(bare)?.[1] ?? null;
}

/**
 * Rows (position, query, hits, newest) for `@queries` (probeParams): `hits`, the query's matches counted up to `cap`.
 * A single word is counted in quote_words (migration 016), from its primary key alone, when no quote is hidden from
 * the viewer (then the viewer's count is everyone's), and with `lists`, the ids of its newest quotes are kept in
 * `newest` (newest first, up to listLength(lists)) for newestSql. Anything else (a phrase, OR, a prefix, a viewer
 * from whom something is hidden) is counted from the GIN index, `newest` null.
 */
export function probedSql(filtered: boolean, cap: number, lists?: { limit: number }): string {
  const hidden = filtered ? `EXISTS (SELECT 1 FROM quotes WHERE private_feed_id IS NOT NULL AND NOT ${visibleSql('private_feed_id')})` : 'false';
  // The word as the index holds it (one lexeme, unchanged by the parser), and nothing hidden.
  const listed = `probe.word IS NOT NULL AND tsvector_to_array(to_tsvector('simple', probe.word)) = ARRAY[probe.word]
    AND NOT (SELECT hidden FROM (SELECT ${hidden} AS hidden OFFSET 0) AS scope)`;
  const byWord = `(SELECT COUNT(*) FROM (SELECT 1 FROM quote_words WHERE word = probe.word LIMIT ${cap}) AS found)`;
  const byIndex = `(SELECT COUNT(*) FROM (SELECT 1 FROM quotes WHERE ${matchesSql(filtered, "to_tsquery('simple', probe.query)")} LIMIT ${cap}) AS found)`;
  const newest = lists
    ? `CASE WHEN ${listed} THEN (SELECT array_agg(quote_id ORDER BY quote_id DESC)
        FROM (SELECT quote_id FROM quote_words WHERE word = probe.word ORDER BY quote_id DESC LIMIT ${listLength(lists.limit)}) AS newest) END`
    : 'NULL::bigint[]';
  // The arrays as parameters the planner cannot see: a plan for any number of queries, kept instead of made each call.
  return `SELECT position, query, (CASE WHEN ${listed} THEN ${byWord} ELSE ${byIndex} END)::int AS hits, ${newest} AS newest
    FROM unnest((SELECT @queries::text[]), (SELECT @words::text[])) WITH ORDINALITY AS probe (query, word, position)`;
}

/** How many of a word's newest quotes newestSql reads for `limit` matches: enough for words that always go together. */
function listLength(limit: number): number {
  return 2 * limit;
}

/**
 * Common-table expressions ending in `newest`: the newest `limit` matches of the queries in `probed` (probedSql,
 * same `cap` and `limit`) together, found the cheapest of three ways; when `@ofMatching`, of those that match, else
 * only when each does.
 * - When every query is a word with its newest quotes listed, the lists answer for the stretch of recent quotes they
 *   all cover (every quote since the latest start of a full list): the quotes in every list are exactly the matches
 *   there. Enough of them (or lists that hold every quote of their words) are the answer: no quote is read to find it.
 * - Else the matches are estimated: from that stretch, which counts words that go together ("safe passage") as they
 *   go, or, without lists, from each query's share of quotes as if they were independent. Walking the primary key
 *   backwards, checking each quote, costs about a third of what reading one match from the GIN index does (which
 *   then sorts them all), so matches² ≥ limit × quotes × WALK_COST are walked (at 100,000 quotes and a limit of 101,
 *   from about 1,900 matches), stopping after twice the quotes the walk should need; too few found, or fewer matches,
 *   and the GIN index is read whole. Example at 100,000 quotes: "doubt" in 10% and "formally" in 7% of them, their
 *   lists cover the newest 2,000 quotes and 15 are in both: 750 expected matches, read from the index.
 */
export function newestSql(filtered: boolean, cap: number, limit: number): string {
  const length = listLength(limit);
  // A full list (`length` ids) may leave out older quotes of its word; a shorter one holds them all.
  const full = `cardinality(newest) = ${length}`;
  const share = `CASE WHEN ${full} THEN ${length}::float8 / (span.last - newest[${length}] + 1) ELSE hits::float8 / span.ids END`;
  return `span AS MATERIALIZED (SELECT MAX(id) AS last, MAX(id) - MIN(id) + 1 AS ids FROM quotes),
    lists AS MATERIALIZED (
      SELECT COUNT(*) AS queries, bool_and(newest IS NOT NULL) AS listed, MAX(CASE WHEN ${full} THEN newest[${length}] END) AS since,
        exp(sum(ln(GREATEST(${share}, 1e-9)))) AS independent, MIN(CASE WHEN hits < ${cap} THEN hits END) AS fewest
      FROM probed, span WHERE hits > 0 GROUP BY span.ids),
    common AS MATERIALIZED (
      -- None older than since is in every list (the list starting there holds none): left out before counting.
      SELECT quote_id FROM probed, unnest(newest) AS quote_id WHERE hits > 0 AND (SELECT listed FROM lists) AND quote_id >= COALESCE((SELECT since FROM lists), 0)
      GROUP BY quote_id HAVING COUNT(*) = (SELECT queries FROM lists) ORDER BY quote_id DESC LIMIT ${limit}),
    estimate AS MATERIALIZED (
      SELECT (SELECT @ofMatching::boolean OR bool_and(hits > 0) FROM probed) AS wanted, listed AND (since IS NULL OR found = ${limit}) AS known, ids,
        LEAST(fewest, ids * CASE WHEN listed THEN found::float8 / (last - since + 1) ELSE independent END) AS matches
      FROM lists, span, (SELECT COUNT(*) AS found FROM common) AS common),
    walk AS MATERIALIZED (
      SELECT CASE WHEN wanted AND NOT known AND matches * matches >= ${limit} * ids * ${WALK_COST}
        THEN ceil(${WALK_MARGIN} * ${limit} * ids / matches)::bigint ELSE 0 END AS quotes FROM estimate),
    walked AS MATERIALIZED (
      SELECT id, "matchKey", direct
      FROM (SELECT id, match_key AS "matchKey", direct, search, private_feed_id FROM quotes ORDER BY id DESC LIMIT COALESCE((SELECT quotes FROM walk), 0)) AS recent
      WHERE ${matchesSql(filtered, MATCHING_QUERY)} ORDER BY id DESC LIMIT ${limit}),
    newest AS (
      SELECT id, match_key AS "matchKey", direct FROM quotes WHERE (SELECT wanted AND known FROM estimate) AND id = ANY (ARRAY(SELECT quote_id FROM common))
      UNION ALL
      SELECT * FROM walked WHERE (SELECT COUNT(*) FROM walked) = ${limit}
      UNION ALL
      SELECT * FROM (${fromIndexSql(filtered, limit, MATCHING_QUERY)}) AS found
      WHERE (SELECT wanted AND NOT known FROM estimate) AND (SELECT COUNT(*) FROM walked) < ${limit})`;
}

/**
 * The queries in `probed` that match, ANDed, as one tsquery: made once (a subquery's result), not for each quote a
 * walk checks. The planner cannot see it: newestSql chooses its plan itself, and a plan that does not depend on the
 * query is costed the same for every query, so PostgreSQL keeps one instead of planning each call.
 */
const MATCHING_QUERY = `(SELECT to_tsquery('simple', string_agg('(' || query || ')', ' & ' ORDER BY position)) FROM probed WHERE hits > 0)`;
/** Walking the primary key one quote ÷ reading one match from the GIN index, measured (0.65 µs ÷ 1.8 µs at 100,000 quotes). */
const WALK_COST = 0.35;
/** A walk reads at most this many times the quotes it is expected to. */
const WALK_MARGIN = 2;

/** `@query`'s tsquery as a subquery's result: made once, and not seen by the planner, so one plan is kept for every query. */
export const ONCE_QUERY = `(SELECT to_tsquery('simple', @query::text))`;

/** A pair in fewer quotes than this is rare: its quotes are read and checked one by one. */
const RARE_PAIR = 500;

/**
 * The adjacent word pairs to read from quote_pairs (migration 018) for a query that is one phrase, else null. Only
 * for words of ASCII letters and digits: the parser makes each such word one lexeme, itself, so the quotes with the
 * phrase are among those with its pairs.
 */
export function phrasePairs(query: string): string[] | null {
  const words = /^"([a-z0-9]+(?: [a-z0-9]+)+)"$/.exec(query)?.[1]?.split(' ');
  return words === undefined ? null : [...new Set(words.slice(1).map((word, index) => `${words[index]} ${word}`))];
}

/**
 * The newest matches of the phrase `@query`, found among the quotes with its `@pairs` (each counted up to RARE_PAIR):
 * those of its rarest pair, newest first, when that is rare (or the phrase one pair), else those with both its two
 * rarest pairs (two lists walked newest first together). Each quote found is checked with ts_match_vq, the `@@` the
 * GIN index cannot answer, so the index is never read whole. The pairs and the phrase reach the SQL as subquery
 * results (the phrase's tsquery made once): one plan, kept, whatever the phrase.
 */
export function phraseSql(filtered: boolean, limit: number): string {
  const found = `JOIN quotes ON quotes.id = quote_id WHERE ts_match_vq(search, ${ONCE_QUERY})${filtered ? ` AND ${visibleSql('private_feed_id')}` : ''}`;
  const list = (index: number) => `(SELECT quote_id FROM quote_pairs WHERE pair = (SELECT pairs[${index}] FROM rarest))`;
  return `WITH rarest AS MATERIALIZED (
      SELECT array_agg(pair ORDER BY quotes, position) AS pairs, MIN(quotes) < ${RARE_PAIR} OR COUNT(*) = 1 AS rare
      FROM (SELECT pair, position, (SELECT COUNT(*) FROM (SELECT 1 FROM quote_pairs WHERE quote_pairs.pair = probe.pair LIMIT ${RARE_PAIR}) AS held) AS quotes
        FROM unnest((SELECT @pairs::text[])) WITH ORDINALITY AS probe (pair, position)) AS counted)
    (SELECT quotes.id, quotes.match_key AS "matchKey", quotes.direct FROM ${list(1)} AS first ${found} AND (SELECT rare FROM rarest)
      ORDER BY quote_id DESC LIMIT ${limit})
    UNION ALL
    (SELECT quotes.id, quotes.match_key AS "matchKey", quotes.direct FROM ${list(1)} AS first JOIN ${list(2)} AS second USING (quote_id)
      ${found} AND NOT (SELECT rare FROM rarest) ORDER BY quote_id DESC LIMIT ${limit})`;
}

import type { QuoteStore } from '../quotes.js';
import type { ExtractedQuote } from '../../analysis/quotes/types.js';
import { attributionRank, compatibleSpeakers, sameAttribution, type AttributionFields } from '../quote-attribution.js';
import { keyContains, matchKey, quoteTerms } from '../quote-text.js';
import { CONTAINING_CANDIDATES, MIN_CONTAINED_WORDS, quotesByFilter, type QuoteRow, type QuoteSource, type QuotesByOptions, type StoredQuote } from '../quotes.js';
import { outletSql, privateFeedIdSql, viewerParams, visibleSql, type Viewer } from '../visibility.js';
import type { PgDatabase } from './connection.js';
import { tsTerm } from './ts-query.js';

const ROW_COLUMNS = `quotes.id, quotes.match_key AS "matchKey", quotes.word_count AS "wordCount", quotes.speaker,
  quotes.speaker_id AS "speakerId", quotes.speaker_label AS "speakerLabel"`;
const SAME_SCOPE = 'private_feed_id IS NOT DISTINCT FROM @scope::bigint';
const SOURCE_COLUMNS = `speaker, speaker_id AS "speakerId", speaker_type AS "speakerType", speaker_label AS "speakerLabel", cue,
  to_whom AS "to", confidence, reported_at AS "reportedAt", item_id`;

type SourceAttribution = AttributionFields & { cue: string | null; to: string | null; reportedAt: number };

/** QuoteStore on PostgreSQL: the same merging of copies across outlets, the same records. */
export class PgQuoteStore implements QuoteStore {
  constructor(private readonly db: PgDatabase) {}

  async saveForItem(itemId: number, reportedAt: number, quotes: readonly ExtractedQuote[]): Promise<(number | null)[]> {
    return this.db.transaction(async () => {
      const cleared = await this.db.get<{ touched: string[]; scope: number | null }>(
        `WITH gone AS (DELETE FROM quote_sources WHERE item_id = $1 RETURNING quote_id)
         SELECT ARRAY(SELECT quote_id FROM gone) AS touched,
           (SELECT ${privateFeedIdSql('feeds')} FROM items JOIN feeds ON feeds.id = items.feed_id WHERE items.id = $1) AS scope`,
        [itemId],
      );
      // bigint[] comes back as text.
      for (const quoteId of (cleared?.touched ?? []).map(Number)) await this.refresh(quoteId, await this.sourcesOf(quoteId));
      const ids: (number | null)[] = [];
      for (const quote of quotes) ids.push(await this.saveOne(itemId, reportedAt, quote, cleared?.scope ?? null));
      return ids;
    });
  }

  /**
   * Round trips are the cost here: the three look-ups for a stored copy go in one query, a new quote is stored with its
   * source in one statement (its attribution is then the source's own: nothing to refresh), and a source added to a
   * stored quote comes back with the quote's other sources for the refresh.
   */
  private async saveOne(itemId: number, reportedAt: number, quote: ExtractedQuote, scope: number | null): Promise<number | null> {
    const terms = quoteTerms(quote.quote);
    if (terms.length === 0) return null;
    const key = matchKey(terms);
    const direct = quote.kind === 'indirect' ? 0 : 1;
    const found = await this.findCopies(terms, key, direct, scope);
    let quoteId = pickSame(found.same, quote) ?? found.containing.find((row) => compatibleSpeakers(row, quote))?.id ?? null;
    if (quoteId === null) {
      const [kept, ...duplicates] = containedIds(found.contained, key, quote);
      if (kept === undefined) return this.insertQuote(terms, key, direct, quote, reportedAt, scope, itemId);
      quoteId = kept;
      await this.setWording(quoteId, terms, key, quote);
      for (const duplicate of duplicates) await this.absorb(quoteId, duplicate);
    }
    const sources = await this.db.all<SourceAttribution>(
      `WITH added AS (
         INSERT INTO quote_sources (quote_id, item_id, reported_at, start_offset, end_offset, text, kind, speaker,
           speaker_id, speaker_type, speaker_label, cue, to_whom, confidence)
         VALUES (@quoteId, @itemId, @reportedAt, @start, @end, @quote, @kind, @speaker, @speakerId, @speakerType,
           @speakerLabel, @cue, @to, @confidence)
         ON CONFLICT (quote_id, item_id) DO NOTHING
         RETURNING ${SOURCE_COLUMNS})
       SELECT * FROM (SELECT ${SOURCE_COLUMNS} FROM quote_sources WHERE quote_id = @quoteId UNION ALL SELECT * FROM added) AS sources
       ORDER BY "reportedAt", item_id`,
      { ...quote, quoteId, itemId, reportedAt },
    );
    await this.refresh(quoteId, sources);
    return quoteId;
  }

  /**
   * As QuoteStore's three look-ups, in one query: the quotes with the same words (`same`); the latest quotes with the
   * copy's longest word that contain it word for word (`containing`); those it contains, found by their first words.
   */
  private async findCopies(terms: readonly string[], key: string, direct: number, scope: number | null): Promise<Record<'same' | 'containing' | 'contained', QuoteRow[]>> {
    const lookups = [`SELECT 'same' AS lookup, ${ROW_COLUMNS} FROM quotes WHERE match_key = @key AND direct = @direct AND ${SAME_SCOPE}`];
    const parameters: Record<string, unknown> = { key, direct, scope, words: terms.length };
    if (terms.length >= MIN_CONTAINED_WORDS) {
      lookups.push(
        `SELECT 'containing', ${ROW_COLUMNS} FROM (SELECT id FROM quotes WHERE search @@ to_tsquery('simple', @term) ORDER BY id DESC LIMIT ${CONTAINING_CANDIDATES}) AS found
         JOIN quotes ON quotes.id = found.id
         WHERE quotes.direct = @direct AND quotes.${SAME_SCOPE} AND quotes.word_count > @words AND strpos(' ' || quotes.match_key || ' ', @padded) > 0`,
      );
      parameters.term = tsTerm(terms.reduce((chosen, term) => (term.length > chosen.length ? term : chosen), ''));
      parameters.padded = ` ${key} `;
    }
    if (terms.length > MIN_CONTAINED_WORDS) {
      lookups.push(`SELECT 'contained', ${ROW_COLUMNS} FROM quotes WHERE head_key = ANY(@heads::text[]) AND direct = @direct AND word_count < @words AND ${SAME_SCOPE}`);
      const heads: string[] = [];
      for (let start = 0; start + MIN_CONTAINED_WORDS <= terms.length; start += 1) heads.push(matchKey(terms.slice(start, start + MIN_CONTAINED_WORDS)));
      parameters.heads = heads;
    }
    const rows = await this.db.all<QuoteRow & { lookup: 'same' | 'containing' | 'contained' }>(lookups.join(' UNION ALL '), parameters);
    const of = (lookup: string) => rows.filter((row) => row.lookup === lookup);
    return { same: of('same').sort((a, b) => a.id - b.id), containing: of('containing').sort((a, b) => b.id - a.id), contained: of('contained') };
  }

  private async insertQuote(
    terms: readonly string[],
    key: string,
    direct: number,
    quote: ExtractedQuote,
    reportedAt: number,
    scope: number | null,
    itemId: number,
  ): Promise<number> {
    const id = await this.db.value<number>(
      `WITH inserted AS (
         INSERT INTO quotes (direct, match_key, head_key, word_count, text, kind, speaker, speaker_id, speaker_type,
           speaker_label, cue, to_whom, confidence, first_reported_at, private_feed_id)
         VALUES (@direct, @key, @head, @wordCount, @quote, @kind, @speaker, @speakerId, @speakerType, @speakerLabel, @cue,
           @to, @confidence, @reportedAt, @scope)
         RETURNING id)
       INSERT INTO quote_sources (quote_id, item_id, reported_at, start_offset, end_offset, text, kind, speaker,
         speaker_id, speaker_type, speaker_label, cue, to_whom, confidence)
       SELECT id, @itemId, @reportedAt, @start, @end, @quote, @kind, @speaker, @speakerId, @speakerType, @speakerLabel,
         @cue, @to, @confidence
       FROM inserted
       RETURNING quote_id`,
      { ...quote, direct, key, head: matchKey(terms.slice(0, MIN_CONTAINED_WORDS)), wordCount: terms.length, reportedAt, scope, itemId },
    );
    return id as number;
  }

  private async setWording(quoteId: number, terms: readonly string[], key: string, quote: ExtractedQuote): Promise<void> {
    await this.db.run(`UPDATE quotes SET text = $1, kind = $2, match_key = $3, head_key = $4, word_count = $5 WHERE id = $6`, [
      quote.quote,
      quote.kind,
      key,
      matchKey(terms.slice(0, MIN_CONTAINED_WORDS)),
      terms.length,
      quoteId,
    ]);
  }

  private async absorb(quoteId: number, duplicateId: number): Promise<void> {
    await this.db.run(
      `INSERT INTO quote_sources (quote_id, item_id, reported_at, start_offset, end_offset, text, kind, speaker,
         speaker_id, speaker_type, speaker_label, cue, to_whom, confidence)
       SELECT $1, item_id, reported_at, start_offset, end_offset, text, kind, speaker, speaker_id, speaker_type,
         speaker_label, cue, to_whom, confidence
       FROM quote_sources WHERE quote_id = $2
       ON CONFLICT (quote_id, item_id) DO NOTHING`,
      [quoteId, duplicateId],
    );
    await this.db.run(`DELETE FROM quotes WHERE id = $1`, [duplicateId]);
  }

  private async sourcesOf(quoteId: number): Promise<SourceAttribution[]> {
    return this.db.all<SourceAttribution>(`SELECT ${SOURCE_COLUMNS} FROM quote_sources WHERE quote_id = $1 ORDER BY reported_at, item_id`, [quoteId]);
  }

  /** Sets the quote's attribution from its sources (first reported first), as the SQLite store does. */
  private async refresh(quoteId: number, sources: readonly SourceAttribution[]): Promise<void> {
    const first = sources[0];
    if (first === undefined) return;
    const best = sources.reduce((chosen, source) => (attributionRank(source) > attributionRank(chosen) ? source : chosen), first);
    const to = best.to ?? sources.find((source) => source.to !== null && compatibleSpeakers(source, best))?.to ?? null;
    await this.db.run(
      `UPDATE quotes SET speaker = @speaker, speaker_id = @speakerId, speaker_type = @speakerType,
         speaker_label = @speakerLabel, cue = @cue, to_whom = @to, confidence = @confidence, first_reported_at = @reportedAt
       WHERE id = @quoteId`,
      { ...best, to, reportedAt: first.reportedAt, quoteId },
    );
  }

  /** PostgreSQL keeps its GIN index merged itself (pending list, autovacuum): fresh statistics are what help here. */
  async optimizeSearchIndex(): Promise<void> {
    await this.db.exec('ANALYZE quotes');
  }

  async byId(quoteId: number, viewer: Viewer): Promise<StoredQuote | null> {
    return (await loadStoredQuotes(this.db, [quoteId], viewer))[0] ?? null;
  }

  async quotesBy(options: QuotesByOptions): Promise<StoredQuote[]> {
    const { conditions, parameters } = quotesByFilter(options);
    const ids = await this.db.column<number>(`SELECT id FROM quotes WHERE ${conditions.join(' AND ')} ORDER BY first_reported_at DESC, id DESC LIMIT @limit`, parameters);
    return loadStoredQuotes(this.db, ids, options.viewer);
  }

  /** In one round trip: the quotes in the order SQLite finds them (by the first item reporting each, then id), then ranked. */
  async topQuotesForItems(itemIds: readonly number[], viewer: Viewer, limit = Infinity): Promise<StoredQuote[]> {
    if (itemIds.length === 0) return [];
    const rows = await selectStoredQuotes<{ position: number }>(
      this.db,
      `quotes.direct = 1 AND quotes.id IN (SELECT quote_id FROM quote_sources WHERE item_id = ANY(@itemIds::bigint[]))`,
      { itemIds, ...viewerParams(viewer) },
      `(SELECT MIN(array_position(@itemIds::bigint[], item_id)) FROM quote_sources WHERE quote_id = quotes.id AND item_id = ANY(@itemIds::bigint[])) AS position`,
    );
    rows.sort((a, b) => a.position - b.position || a.id - b.id);
    return rows.map(({ position: _position, ...quote }) => storedQuote(quote)).sort(byReach).slice(0, limit);
  }

  async topQuotesByItem(itemIds: readonly number[], viewer: Viewer): Promise<StoredQuote[][]> {
    if (itemIds.length === 0) return [];
    // bigint[] comes back as text: the ids are compared as numbers.
    const rows = await selectStoredQuotes<{ reportedIn: string[] }>(
      this.db,
      `quotes.direct = 1 AND quotes.id IN (SELECT quote_id FROM quote_sources WHERE item_id = ANY(@itemIds::bigint[]))`,
      { itemIds, ...viewerParams(viewer) },
      `ARRAY(SELECT item_id FROM quote_sources WHERE quote_id = quotes.id AND item_id = ANY(@itemIds::bigint[])) AS "reportedIn"`,
    );
    rows.sort((a, b) => a.id - b.id);
    return itemIds.map((itemId) =>
      rows.filter((row) => row.reportedIn.map(Number).includes(itemId)).map(({ reportedIn: _reportedIn, ...quote }) => storedQuote(quote)).sort(byReach),
    );
  }

  async savedDirectQuotes(savedIds: readonly (number | null)[], viewer: Viewer): Promise<StoredQuote[]> {
    const ids = [...new Set(savedIds.filter((id): id is number => id !== null))].sort((a, b) => a - b);
    return (await loadStoredQuotes(this.db, ids, viewer)).filter((quote) => quote.kind !== 'indirect').sort(byReach);
  }
}

/** As QuoteStore: a short quote is the same only with the same attribution; a longer one with a compatible speaker, else the first. */
function pickSame(rows: readonly QuoteRow[], quote: ExtractedQuote): number | null {
  const short = rows[0] !== undefined && rows[0].wordCount < MIN_CONTAINED_WORDS;
  const same = short ? rows.find((row) => sameAttribution(row, quote)) : rows.find((row) => compatibleSpeakers(row, quote)) ?? rows[0];
  return same?.id ?? null;
}

/** Of the shorter quotes found by their first words, those this copy contains, with a compatible speaker, oldest first. */
function containedIds(rows: readonly QuoteRow[], key: string, quote: ExtractedQuote): number[] {
  const found = rows.filter((row) => keyContains(key, row.matchKey) && compatibleSpeakers(row, quote)).map((row) => row.id);
  return [...new Set(found)].sort((a, b) => a - b);
}

function byReach(a: StoredQuote, b: StoredQuote): number {
  return b.outletCount - a.outletCount || attributionRank(b) - attributionRank(a) || a.firstReportedAt - b.firstReportedAt;
}

/** As loadStoredQuotes of the SQLite store: in the order of `ids`, without those the viewer may not see. */
export async function loadStoredQuotes(db: PgDatabase, ids: readonly number[], viewer: Viewer): Promise<StoredQuote[]> {
  if (ids.length === 0) return [];
  // LIMIT (as many as the ids: never fewer rows than found) makes the generic plan, costed for an id list of unknown
  // length, no costlier than a plan for the ids given, so PostgreSQL keeps it instead of planning each call (0.6 ms).
  const rows = await selectStoredQuotes(db, `quotes.id = ANY(@ids::bigint[]) LIMIT ${ids.length}`, { ...viewerParams(viewer), ids });
  const rowsById = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = rowsById.get(id);
    return row ? [storedQuote(row)] : [];
  });
}

type StoredQuoteRow = Omit<StoredQuote, 'firstSource'> & QuoteSource;

function storedQuote(row: StoredQuoteRow): StoredQuote {
  const { itemId, outlet, title, link, published, reportedAt, ...quote } = row;
  return { ...quote, firstSource: { itemId, outlet, title, link, published, reportedAt } };
}

/** The stored quotes meeting `condition` that the viewer (`@viewerGuild`, `@viewerAll`) may see, with `extra` columns. */
async function selectStoredQuotes<Extra = object>(db: PgDatabase, condition: string, parameters: Record<string, unknown>, extra?: string): Promise<(StoredQuoteRow & Extra)[]> {
  return db.all<StoredQuoteRow & Extra>(
    `SELECT ${extra ? `${extra}, ` : ''}quotes.id, quotes.text AS quote, quotes.kind, quotes.speaker, quotes.speaker_id AS "speakerId",
       quotes.speaker_type AS "speakerType", quotes.speaker_label AS "speakerLabel", quotes.cue, quotes.to_whom AS "to",
       quotes.confidence, quotes.first_reported_at AS "firstReportedAt",
       first.item_id AS "itemId", ${outletSql('feeds')} AS outlet, items.title, items.link, items.published_at AS published, first.reported_at AS "reportedAt",
       (SELECT COUNT(*) FROM quote_sources WHERE quote_id = quotes.id) AS "sourceCount",
       (SELECT COUNT(DISTINCT source_feeds.outlet) FROM quote_sources AS sources
          JOIN items AS source_items ON source_items.id = sources.item_id JOIN feeds AS source_feeds ON source_feeds.id = source_items.feed_id
        WHERE sources.quote_id = quotes.id) AS "outletCount"
     FROM quotes
     JOIN LATERAL (SELECT item_id, reported_at FROM quote_sources WHERE quote_id = quotes.id ORDER BY reported_at, item_id LIMIT 1) AS first ON true
     JOIN items ON items.id = first.item_id JOIN feeds ON feeds.id = items.feed_id
     WHERE ${visibleSql('quotes.private_feed_id')} AND ${condition}`,
    parameters,
    { prepared: true },
  );
}

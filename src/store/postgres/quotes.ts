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

/** QuoteStore on PostgreSQL: the same merging of copies across outlets, the same records. */
export class PgQuoteStore implements QuoteStore {
  constructor(private readonly db: PgDatabase) {}

  async saveForItem(itemId: number, reportedAt: number, quotes: readonly ExtractedQuote[]): Promise<(number | null)[]> {
    return this.db.transaction(async () => {
      const touched = await this.db.column<number>(`DELETE FROM quote_sources WHERE item_id = $1 RETURNING quote_id`, [itemId]);
      for (const quoteId of touched) await this.refresh(quoteId);
      const scope = await this.db.value<number | null>(`SELECT ${privateFeedIdSql('feeds')} FROM items JOIN feeds ON feeds.id = items.feed_id WHERE items.id = $1`, [itemId]);
      const ids: (number | null)[] = [];
      for (const quote of quotes) ids.push(await this.saveOne(itemId, reportedAt, quote, scope ?? null));
      return ids;
    });
  }

  private async saveOne(itemId: number, reportedAt: number, quote: ExtractedQuote, scope: number | null): Promise<number | null> {
    const terms = quoteTerms(quote.quote);
    if (terms.length === 0) return null;
    const key = matchKey(terms);
    const direct = quote.kind === 'indirect' ? 0 : 1;
    let quoteId = (await this.findSame(key, direct, quote, scope)) ?? (await this.findContaining(terms, key, direct, quote, scope));
    if (quoteId === null) {
      const [kept, ...duplicates] = await this.findContained(terms, key, direct, quote, scope);
      if (kept === undefined) {
        quoteId = await this.insertQuote(terms, key, direct, quote, reportedAt, scope);
      } else {
        quoteId = kept;
        await this.setWording(quoteId, terms, key, quote);
        for (const duplicate of duplicates) await this.absorb(quoteId, duplicate);
      }
    }
    await this.db.run(
      `INSERT INTO quote_sources (quote_id, item_id, reported_at, start_offset, end_offset, text, kind, speaker,
         speaker_id, speaker_type, speaker_label, cue, to_whom, confidence)
       VALUES (@quoteId, @itemId, @reportedAt, @start, @end, @quote, @kind, @speaker, @speakerId, @speakerType,
         @speakerLabel, @cue, @to, @confidence)
       ON CONFLICT (quote_id, item_id) DO NOTHING`,
      { ...quote, quoteId, itemId, reportedAt },
    );
    await this.refresh(quoteId);
    return quoteId;
  }

  private async findSame(key: string, direct: number, quote: ExtractedQuote, scope: number | null): Promise<number | null> {
    const rows = await this.db.all<QuoteRow>(`SELECT ${ROW_COLUMNS} FROM quotes WHERE match_key = @key AND direct = @direct AND ${SAME_SCOPE} ORDER BY id`, { key, direct, scope });
    const short = rows[0] !== undefined && rows[0].wordCount < MIN_CONTAINED_WORDS;
    const same = short ? rows.find((row) => sameAttribution(row, quote)) : rows.find((row) => compatibleSpeakers(row, quote)) ?? rows[0];
    return same?.id ?? null;
  }

  /** As QuoteStore: the latest quotes with the copy's longest word that contain it word for word. */
  private async findContaining(terms: readonly string[], key: string, direct: number, quote: ExtractedQuote, scope: number | null): Promise<number | null> {
    if (terms.length < MIN_CONTAINED_WORDS) return null;
    const longest = terms.reduce((chosen, term) => (term.length > chosen.length ? term : chosen), '');
    const rows = await this.db.all<QuoteRow>(
      `SELECT ${ROW_COLUMNS} FROM (SELECT id FROM quotes WHERE search @@ to_tsquery('simple', @term) ORDER BY id DESC LIMIT ${CONTAINING_CANDIDATES}) AS found
       JOIN quotes ON quotes.id = found.id
       WHERE quotes.direct = @direct AND quotes.${SAME_SCOPE} AND quotes.word_count > @words AND strpos(' ' || quotes.match_key || ' ', @padded) > 0
       ORDER BY found.id DESC`,
      { term: tsTerm(longest), direct, scope, words: terms.length, padded: ` ${key} ` },
    );
    return rows.find((row) => compatibleSpeakers(row, quote))?.id ?? null;
  }

  private async findContained(terms: readonly string[], key: string, direct: number, quote: ExtractedQuote, scope: number | null): Promise<number[]> {
    if (terms.length <= MIN_CONTAINED_WORDS) return [];
    const heads: string[] = [];
    for (let start = 0; start + MIN_CONTAINED_WORDS <= terms.length; start += 1) heads.push(matchKey(terms.slice(start, start + MIN_CONTAINED_WORDS)));
    const rows = await this.db.all<QuoteRow>(
      `SELECT ${ROW_COLUMNS} FROM quotes WHERE head_key = ANY(@heads::text[]) AND direct = @direct AND word_count < @words AND ${SAME_SCOPE}`,
      { heads, direct, words: terms.length, scope },
    );
    const found = rows.filter((row) => keyContains(key, row.matchKey) && compatibleSpeakers(row, quote)).map((row) => row.id);
    return [...new Set(found)].sort((a, b) => a - b);
  }

  private async insertQuote(terms: readonly string[], key: string, direct: number, quote: ExtractedQuote, reportedAt: number, scope: number | null): Promise<number> {
    const id = await this.db.value<number>(
      `INSERT INTO quotes (direct, match_key, head_key, word_count, text, kind, speaker, speaker_id, speaker_type,
         speaker_label, cue, to_whom, confidence, first_reported_at, private_feed_id)
       VALUES (@direct, @key, @head, @wordCount, @quote, @kind, @speaker, @speakerId, @speakerType, @speakerLabel, @cue,
         @to, @confidence, @reportedAt, @scope)
       RETURNING id`,
      { ...quote, direct, key, head: matchKey(terms.slice(0, MIN_CONTAINED_WORDS)), wordCount: terms.length, reportedAt, scope },
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

  private async refresh(quoteId: number): Promise<void> {
    const sources = await this.db.all<AttributionFields & { cue: string | null; to: string | null; reportedAt: number }>(
      `SELECT speaker, speaker_id AS "speakerId", speaker_type AS "speakerType", speaker_label AS "speakerLabel", cue,
         to_whom AS "to", confidence, reported_at AS "reportedAt"
       FROM quote_sources WHERE quote_id = $1 ORDER BY reported_at, item_id`,
      [quoteId],
    );
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

  async topQuotesForItems(itemIds: readonly number[], viewer: Viewer, limit = Infinity): Promise<StoredQuote[]> {
    const ids = await this.db.column<number>(
      `SELECT DISTINCT quote_sources.quote_id FROM quote_sources JOIN quotes ON quotes.id = quote_sources.quote_id
       WHERE quote_sources.item_id = ANY($1::bigint[]) AND quotes.direct = 1`,
      [itemIds],
    );
    return (await loadStoredQuotes(this.db, ids, viewer)).sort(byReach).slice(0, limit);
  }

  async savedDirectQuotes(savedIds: readonly (number | null)[], viewer: Viewer): Promise<StoredQuote[]> {
    const ids = [...new Set(savedIds.filter((id): id is number => id !== null))].sort((a, b) => a - b);
    return (await loadStoredQuotes(this.db, ids, viewer)).filter((quote) => quote.kind !== 'indirect').sort(byReach);
  }
}

function byReach(a: StoredQuote, b: StoredQuote): number {
  return b.outletCount - a.outletCount || attributionRank(b) - attributionRank(a) || a.firstReportedAt - b.firstReportedAt;
}

/** As loadStoredQuotes of the SQLite store: in the order of `ids`, without those the viewer may not see. */
export async function loadStoredQuotes(db: PgDatabase, ids: readonly number[], viewer: Viewer): Promise<StoredQuote[]> {
  if (ids.length === 0) return [];
  const rows = await db.all<Omit<StoredQuote, 'firstSource'> & QuoteSource>(
    `SELECT quotes.id, quotes.text AS quote, quotes.kind, quotes.speaker, quotes.speaker_id AS "speakerId",
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
     WHERE quotes.id = ANY(@ids::bigint[]) AND ${visibleSql('quotes.private_feed_id')}`,
    { ...viewerParams(viewer), ids },
  );
  const rowsById = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = rowsById.get(id);
    if (!row) return [];
    const { itemId, outlet, title, link, published, reportedAt, ...quote } = row;
    return [{ ...quote, firstSource: { itemId, outlet, title, link, published, reportedAt } }];
  });
}

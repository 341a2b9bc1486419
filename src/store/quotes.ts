import type { Promised } from './promised.js';
import type { Db } from './database.js';
import { statement } from './prepared.js';
import { outletSql, privateFeedIdSql, viewerParams, visibleSql, type Viewer } from './visibility.js';
import { attributionRank, compatibleSpeakers, sameAttribution, type AttributionFields } from './quote-attribution.js';
import { keyContains, matchKey, quoteTerms } from './quote-text.js';
import type { ExtractedQuote } from '../analysis/quotes/types.js';

/** Where a quote was reported: the item, its outlet, and when (`reportedAt`, epoch ms, as given to `saveForItem`). */
export interface QuoteSource {
  itemId: number;
  outlet: string;
  title: string;
  link: string | null;
  published: string | null;
  reportedAt: number;
}

/** A quotation merged across every outlet that carried it, with the best attribution any of them gave; `quote` is the longest wording reported. */
export interface StoredQuote extends Omit<ExtractedQuote, 'start' | 'end'> {
  id: number;
  firstReportedAt: number;
  /** The earliest report (ties: the item stored first). */
  firstSource: QuoteSource;
  /** Items that carried it. */
  sourceCount: number;
  /** Distinct outlets that carried it. */
  outletCount: number;
}

export interface QuotesByOptions {
  speakerId?: string;
  /** Quotes reported in at least one item matched to this topic (the `item_topics` table). */
  topicId?: string;
  /** Only quotes first reported at or after this time (epoch ms). */
  since?: number;
  /** Include reported speech (kind 'indirect'); off by default. */
  includeIndirect?: boolean;
  limit: number;
  /** Whose quotes: a guild sees those of public feeds and of the feeds it added. */
  viewer: Viewer;
}

/** A copy of at least this many words found inside a longer copy is the same quote, trimmed by one outlet. */
export const MIN_CONTAINED_WORDS = 6;
/** How many recent quotes sharing a word are checked for containing a trimmed copy. */
export const CONTAINING_CANDIDATES = 200;

/** A stored quote's row as the attribution merge reads it (both backends). */
export interface QuoteRow {
  id: number;
  matchKey: string;
  wordCount: number;
  speaker: string | null;
  speakerId: string | null;
  speakerLabel: string | null;
}

const ROW_COLUMNS = `quotes.id, quotes.match_key AS matchKey, quotes.word_count AS wordCount, quotes.speaker,
  quotes.speaker_id AS speakerId, quotes.speaker_label AS speakerLabel`;

/** Quotes: stored per item, merged across outlets of one visibility (`private_feed_id`), read back with their sources. */
export class SqliteQuoteStore {
  constructor(private readonly db: Db) {}

  /**
   * Stores the quotes found in one item, replacing what was stored for it before, and returns the quote id each
   * landed on (in input order; null for a quote without words). Copies of a known quote join it as a source.
   */
  saveForItem(itemId: number, reportedAt: number, quotes: readonly ExtractedQuote[]): (number | null)[] {
    return this.db.transaction(() => {
      const touched = statement(this.db, `SELECT quote_id FROM quote_sources WHERE item_id = ?`).pluck().all(itemId) as number[];
      statement(this.db, `DELETE FROM quote_sources WHERE item_id = ?`).run(itemId);
      for (const quoteId of touched) this.refresh(quoteId);
      const scope = statement(this.db, `SELECT ${privateFeedIdSql('feeds')} FROM items JOIN feeds ON feeds.id = items.feed_id WHERE items.id = ?`)
        .pluck()
        .get(itemId) as number | null | undefined;
      return quotes.map((quote) => this.saveOne(itemId, reportedAt, quote, scope ?? null));
    })();
  }

  private saveOne(itemId: number, reportedAt: number, quote: ExtractedQuote, scope: number | null): number | null {
    const terms = quoteTerms(quote.quote);
    if (terms.length === 0) return null;
    const key = matchKey(terms);
    const direct = quote.kind === 'indirect' ? 0 : 1;
    let quoteId = this.findSame(key, direct, quote, scope) ?? this.findContaining(terms, key, direct, quote, scope);
    if (quoteId === null) {
      const [kept, ...duplicates] = this.findContained(terms, key, direct, quote, scope);
      if (kept === undefined) {
        quoteId = this.insertQuote(terms, key, direct, quote, reportedAt, scope);
      } else {
        quoteId = kept;
        this.setWording(quoteId, terms, key, quote);
        for (const duplicate of duplicates) this.absorb(quoteId, duplicate);
      }
    }
    statement(
      this.db,
      `INSERT OR IGNORE INTO quote_sources (quote_id, item_id, reported_at, start_offset, end_offset, text, kind, speaker,
         speaker_id, speaker_type, speaker_label, cue, to_whom, confidence)
       VALUES (@quoteId, @itemId, @reportedAt, @start, @end, @quote, @kind, @speaker, @speakerId, @speakerType,
         @speakerLabel, @cue, @to, @confidence)`,
    ).run({ ...quote, quoteId, itemId, reportedAt });
    this.refresh(quoteId);
    return quoteId;
  }

  private findSame(key: string, direct: number, quote: ExtractedQuote, scope: number | null): number | null {
    const rows = statement(this.db, `SELECT ${ROW_COLUMNS} FROM quotes WHERE match_key = ? AND direct = ? AND private_feed_id IS ? ORDER BY id`)
      .all(key, direct, scope) as QuoteRow[];
    const short = rows[0] !== undefined && rows[0].wordCount < MIN_CONTAINED_WORDS;
    // A long statement word for word is one statement even when outlets disagree on who made it: keep the best attribution.
    const same = short ? rows.find((row) => sameAttribution(row, quote)) : rows.find((row) => compatibleSpeakers(row, quote)) ?? rows[0];
    return same?.id ?? null;
  }

  /**
   * A known, longer quote that contains this copy word for word. Candidates are the latest quotes with the copy's
   * longest (usually rarest) word: outlets trim a statement within days of each other, and a bounded look-up keeps
   * saving cheap however many quotes are stored (a phrase query would read the index's lists for "the" and "to").
   */
  private findContaining(terms: readonly string[], key: string, direct: number, quote: ExtractedQuote, scope: number | null): number | null {
    if (terms.length < MIN_CONTAINED_WORDS) return null;
    const longest = terms.reduce((chosen, term) => (term.length > chosen.length ? term : chosen), '');
    // keyContains, written in SQL: most candidates fail it, and are dropped before they become JavaScript objects.
    const rows = statement(
      this.db,
      `SELECT ${ROW_COLUMNS} FROM (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? ORDER BY rowid DESC LIMIT ${CONTAINING_CANDIDATES}) AS found
       JOIN quotes ON quotes.id = found.rowid
       WHERE quotes.direct = ? AND quotes.private_feed_id IS ? AND quotes.word_count > ? AND instr(' ' || quotes.match_key || ' ', ?) > 0`,
    ).all(`"${longest}"`, direct, scope, terms.length, ` ${key} `) as QuoteRow[];
    return rows.find((row) => compatibleSpeakers(row, quote))?.id ?? null;
  }

  /** Known, shorter quotes that this copy contains word for word: found by the first words they start with. */
  private findContained(terms: readonly string[], key: string, direct: number, quote: ExtractedQuote, scope: number | null): number[] {
    if (terms.length <= MIN_CONTAINED_WORDS) return [];
    const lookup = statement(this.db, `SELECT ${ROW_COLUMNS} FROM quotes WHERE head_key = ? AND direct = ? AND word_count < ? AND private_feed_id IS ?`);
    const found = new Set<number>();
    for (let start = 0; start + MIN_CONTAINED_WORDS <= terms.length; start += 1) {
      const head = matchKey(terms.slice(start, start + MIN_CONTAINED_WORDS));
      for (const row of lookup.all(head, direct, terms.length, scope) as QuoteRow[]) {
        if (keyContains(key, row.matchKey) && compatibleSpeakers(row, quote)) found.add(row.id);
      }
    }
    return [...found].sort((a, b) => a - b);
  }

  private insertQuote(terms: readonly string[], key: string, direct: number, quote: ExtractedQuote, reportedAt: number, scope: number | null): number {
    const result = statement(
      this.db,
      `INSERT INTO quotes (direct, match_key, head_key, word_count, text, kind, speaker, speaker_id, speaker_type,
         speaker_label, cue, to_whom, confidence, first_reported_at, private_feed_id)
       VALUES (@direct, @key, @head, @wordCount, @quote, @kind, @speaker, @speakerId, @speakerType, @speakerLabel, @cue,
         @to, @confidence, @reportedAt, @scope)`,
    ).run({ ...quote, direct, key, head: matchKey(terms.slice(0, MIN_CONTAINED_WORDS)), wordCount: terms.length, reportedAt, scope });
    return Number(result.lastInsertRowid);
  }

  /** Makes this longer wording the quote's text. */
  private setWording(quoteId: number, terms: readonly string[], key: string, quote: ExtractedQuote): void {
    statement(this.db, `UPDATE quotes SET text = ?, kind = ?, match_key = ?, head_key = ?, word_count = ? WHERE id = ?`)
      .run(quote.quote, quote.kind, key, matchKey(terms.slice(0, MIN_CONTAINED_WORDS)), terms.length, quoteId);
  }

  /** Moves another quote's sources onto this one and drops it. */
  private absorb(quoteId: number, duplicateId: number): void {
    statement(
      this.db,
      `INSERT OR IGNORE INTO quote_sources (quote_id, item_id, reported_at, start_offset, end_offset, text, kind, speaker,
         speaker_id, speaker_type, speaker_label, cue, to_whom, confidence)
       SELECT ?, item_id, reported_at, start_offset, end_offset, text, kind, speaker, speaker_id, speaker_type,
         speaker_label, cue, to_whom, confidence
       FROM quote_sources WHERE quote_id = ?`,
    ).run(quoteId, duplicateId);
    statement(this.db, `DELETE FROM quotes WHERE id = ?`).run(duplicateId);
  }

  /** Recomputes the merged attribution and first report from the quote's sources. */
  private refresh(quoteId: number): void {
    const sources = statement(
      this.db,
      `SELECT speaker, speaker_id AS speakerId, speaker_type AS speakerType, speaker_label AS speakerLabel, cue,
         to_whom AS "to", confidence, reported_at AS reportedAt
       FROM quote_sources WHERE quote_id = ? ORDER BY reported_at, item_id`,
    ).all(quoteId) as (AttributionFields & { cue: string | null; to: string | null; reportedAt: number })[];
    const first = sources[0];
    if (first === undefined) return;
    const best = sources.reduce((chosen, source) => (attributionRank(source) > attributionRank(chosen) ? source : chosen), first);
    const to = best.to ?? sources.find((source) => source.to !== null && compatibleSpeakers(source, best))?.to ?? null;
    statement(
      this.db,
      `UPDATE quotes SET speaker = @speaker, speaker_id = @speakerId, speaker_type = @speakerType,
         speaker_label = @speakerLabel, cue = @cue, to_whom = @to, confidence = @confidence, first_reported_at = @reportedAt
       WHERE id = @quoteId`,
    ).run({ ...best, to, reportedAt: first.reportedAt, quoteId });
  }

  /**
   * Merges the full-text index into one segment. Inserts leave it in several segments, which every /whosaid
   * query must visit: merging makes queries about a third cheaper at 100,000 quotes. Takes about a second per
   * 100,000 quotes; run it after a bulk import and once a day (e.g. with the daily digest).
   */
  optimizeSearchIndex(): void {
    this.db.exec(`INSERT INTO quotes_fts (quotes_fts) VALUES ('optimize')`);
  }

  byId(quoteId: number, viewer: Viewer): StoredQuote | null {
    return loadStoredQuotes(this.db, [quoteId], viewer)[0] ?? null;
  }

  /** Quotes by a speaker and/or about a topic, most recently first reported first. */
  quotesBy(options: QuotesByOptions): StoredQuote[] {
    const { conditions, parameters } = quotesByFilter(options);
    const query = `SELECT id FROM quotes WHERE ${conditions.join(' AND ')} ORDER BY first_reported_at DESC, id DESC LIMIT @limit`;
    return loadStoredQuotes(this.db, statement(this.db, query).pluck().all(parameters) as number[], options.viewer);
  }

  /**
   * The direct quotes reported in these items, for digests and summaries: most widely carried first, then the best
   * attributed. `outletCount` counts every outlet that carried the quote, not only among these items.
   */
  topQuotesForItems(itemIds: readonly number[], viewer: Viewer, limit = Infinity): StoredQuote[] {
    const lookup = statement(this.db, 'SELECT quote_sources.quote_id FROM quote_sources JOIN quotes ON quotes.id = quote_sources.quote_id WHERE quote_sources.item_id = ? AND quotes.direct = 1');
    const ids = new Set<number>();
    for (const itemId of itemIds) for (const id of lookup.pluck().all(itemId) as number[]) ids.add(id);
    return loadStoredQuotes(this.db, [...ids], viewer).sort(byReach).slice(0, limit);
  }

  /** For each item, topQuotesForItems([item], viewer) (a client-server database reads them all at once). */
  topQuotesByItem(itemIds: readonly number[], viewer: Viewer): StoredQuote[][] {
    return itemIds.map((itemId) => this.topQuotesForItems([itemId], viewer));
  }

  /** Of the quotes `saveForItem` just saved (the ids it returned), the direct ones, ranked as `topQuotesForItems` ranks. */
  savedDirectQuotes(savedIds: readonly (number | null)[], viewer: Viewer): StoredQuote[] {
    const ids = [...new Set(savedIds.filter((id): id is number => id !== null))].sort((a, b) => a - b);
    return loadStoredQuotes(this.db, ids, viewer).filter((quote) => quote.kind !== 'indirect').sort(byReach);
  }
}

/** Most widely carried first, then the best attributed, then the earliest. */
function byReach(a: StoredQuote, b: StoredQuote): number {
  return b.outletCount - a.outletCount || attributionRank(b) - attributionRank(a) || a.firstReportedAt - b.firstReportedAt;
}

/** Loads quotes with their first source and source counts, in the order of `ids`, skipping those the viewer may not see. */
export function loadStoredQuotes(db: Db, ids: readonly number[], viewer: Viewer): StoredQuote[] {
  const load = statement(
    db,
    `SELECT quotes.id, quotes.text AS quote, quotes.kind, quotes.speaker, quotes.speaker_id AS speakerId,
       quotes.speaker_type AS speakerType, quotes.speaker_label AS speakerLabel, quotes.cue, quotes.to_whom AS "to",
       quotes.confidence, quotes.first_reported_at AS firstReportedAt,
       first.item_id AS itemId, ${outletSql('feeds')} AS outlet, items.title, items.link, items.published_at AS published, first.reported_at AS reportedAt,
       (SELECT COUNT(*) FROM quote_sources WHERE quote_id = quotes.id) AS sourceCount,
       (SELECT COUNT(DISTINCT source_feeds.outlet) FROM quote_sources AS sources
          JOIN items AS source_items ON source_items.id = sources.item_id JOIN feeds AS source_feeds ON source_feeds.id = source_items.feed_id
        WHERE sources.quote_id = quotes.id) AS outletCount
     FROM quotes
     JOIN quote_sources AS first ON first.quote_id = quotes.id AND first.item_id = (
       SELECT item_id FROM quote_sources WHERE quote_id = quotes.id ORDER BY reported_at, item_id LIMIT 1)
     JOIN items ON items.id = first.item_id JOIN feeds ON feeds.id = items.feed_id
     WHERE quotes.id IN (SELECT value FROM json_each(@ids)) AND ${visibleSql('quotes.private_feed_id')}`,
  );
  // One statement for all ids: run per id, the statement cost more than the rows.
  const rows = load.all({ ...viewerParams(viewer), ids: JSON.stringify(ids) }) as (Omit<StoredQuote, 'firstSource'> & QuoteSource)[];
  const rowsById = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = rowsById.get(id);
    if (!row) return [];
    const { itemId, outlet, title, link, published, reportedAt, ...quote } = row;
    return [{ ...quote, firstSource: { itemId, outlet, title, link, published, reportedAt } }];
  });
}

/** The quote store as both backends offer it (see promised.ts). */
export type QuoteStore = Promised<SqliteQuoteStore>;

/** The conditions and parameters of QuoteStore.quotesBy's query (`@name` parameters), for both backends. */
export function quotesByFilter(options: QuotesByOptions): { conditions: string[]; parameters: Record<string, unknown> } {
  const conditions: string[] = [visibleSql('private_feed_id')];
  const parameters: Record<string, unknown> = { ...viewerParams(options.viewer), limit: options.limit };
  if (!options.includeIndirect) conditions.push('direct = 1');
  if (options.speakerId !== undefined) {
    conditions.push('speaker_id = @speakerId');
    parameters.speakerId = options.speakerId;
  }
  if (options.since !== undefined) {
    conditions.push('first_reported_at >= @since');
    parameters.since = options.since;
  }
  if (options.topicId !== undefined) {
    conditions.push(`EXISTS (SELECT 1 FROM quote_sources JOIN item_topics ON item_topics.item_id = quote_sources.item_id
      WHERE quote_sources.quote_id = quotes.id AND item_topics.topic_id = @topicId)`);
    parameters.topicId = options.topicId;
  }
  return { conditions, parameters };
}

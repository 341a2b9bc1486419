import type { ItemStore } from '../items.js';
import type { IncomingItem, StoredItem } from '../items.js';
import { OPERATOR, outletSql, perspectiveSql, privateFeedIdSql, viewerParams, visibleSql, type Viewer } from '../visibility.js';
import type { PgDatabase } from './connection.js';
import { ROLE_LOCK_CLASS } from './leadership.js';

const COLUMNS = `items.id, items.feed_id AS "feedId", ${outletSql('feeds')} AS outlet, ${perspectiveSql('feeds')} AS perspective,
  ${privateFeedIdSql('feeds')} AS "privateFeedId", items.identity, items.guid, items.link, items.title, items.author, items.summary, items.content,
  items.published_at AS published, items.fetched_at AS "fetchedAt", items.from_initial_poll AS "fromInitialPoll", items.image_url AS "imageUrl"`;

/** The keys of a batch of processing's pg_advisory_xact_lock: the role locks' class, and 100 (roles use 1 to 3). */
const ANALYSIS_BATCH_LOCK = [ROLE_LOCK_CLASS, 100];

/** ItemStore on PostgreSQL. */
export class PgItemStore implements ItemStore {
  constructor(private readonly db: PgDatabase) {}

  async knownIdentities(feedId: number, identities: readonly string[]): Promise<Set<string>> {
    const known = await this.db.column<string>(`SELECT identity FROM items WHERE feed_id = $1 AND identity = ANY($2::text[])`, [feedId, identities]);
    return new Set(known);
  }

  /**
   * Stores the items the feed does not have yet and returns their ids, in input order, in one statement. Known
   * identities are left out before inserting (ON CONFLICT alone would still draw an id for each, leaving gaps that
   * SQLite's ids do not have); ON CONFLICT remains for another instance inserting the same item meanwhile.
   */
  async insertNew(feedId: number, items: readonly IncomingItem[], fetchedAt: number, fromInitialPoll: boolean): Promise<number[]> {
    if (items.length === 0) return [];
    const column = <K extends keyof IncomingItem>(key: K) => items.map((item) => item[key]);
    const rows = await this.db.column<number>(
      `INSERT INTO items (feed_id, identity, guid, link, title, author, summary, content, published_at, fetched_at, from_initial_poll, image_url)
       SELECT $1, identity, guid, link, title, author, summary, content, published, $2, $3, image_url
       FROM (
         SELECT DISTINCT ON (identity) * FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
           WITH ORDINALITY AS incoming (identity, guid, link, title, author, summary, content, published, image_url, position)
         ORDER BY identity, position
       ) AS first_copies
       WHERE NOT EXISTS (SELECT 1 FROM items WHERE items.feed_id = $1 AND items.identity = first_copies.identity)
       ORDER BY position
       ON CONFLICT (feed_id, identity) DO NOTHING
       RETURNING id`,
      [feedId, fetchedAt, fromInitialPoll, column('identity'), column('guid'), column('link'), column('title'), column('author'), column('summary'), column('content'), column('published'), items.map((item) => item.imageUrl ?? null)],
    );
    // Ids are drawn in the order the rows are inserted, which is the input order.
    return rows.sort((a, b) => a - b);
  }

  async unprocessed(limit: number): Promise<StoredItem[]> {
    return this.db.all<StoredItem>(
      `SELECT ${COLUMNS} FROM items JOIN feeds ON feeds.id = items.feed_id WHERE items.processed_at IS NULL ORDER BY items.id LIMIT @limit`,
      { ...viewerParams(OPERATOR), limit },
    );
  }

  /** A transaction-scoped advisory lock: held until the batch's transaction commits or rolls back (even by a crash). */
  async lockForProcessing(): Promise<void> {
    await this.db.run(`SELECT pg_advisory_xact_lock($1, $2)`, ANALYSIS_BATCH_LOCK);
  }

  async markProcessed(itemId: number, now: number): Promise<void> {
    await this.db.run(`UPDATE items SET processed_at = $1 WHERE id = $2`, [now, itemId]);
  }

  async byId(itemId: number, viewer: Viewer): Promise<StoredItem | null> {
    const row = await this.db.get<StoredItem>(
      `SELECT ${COLUMNS} FROM items JOIN feeds ON feeds.id = items.feed_id WHERE items.id = @itemId AND ${visibleSql(privateFeedIdSql('feeds'))}`,
      { ...viewerParams(viewer), itemId },
    );
    return row ?? null;
  }

  async byIds(itemIds: readonly number[], viewer: Viewer): Promise<StoredItem[]> {
    return this.db.all<StoredItem>(
      `SELECT ${COLUMNS} FROM items JOIN feeds ON feeds.id = items.feed_id
       WHERE items.id = ANY(@itemIds::bigint[]) AND ${visibleSql(privateFeedIdSql('feeds'))} ORDER BY items.id`,
      { ...viewerParams(viewer), itemIds },
    );
  }

  async byLink(links: readonly string[], viewer: Viewer): Promise<StoredItem | null> {
    const row = await this.db.get<StoredItem>(
      `SELECT ${COLUMNS} FROM items JOIN feeds ON feeds.id = items.feed_id
       WHERE items.link = ANY(@links::text[]) AND ${visibleSql(privateFeedIdSql('feeds'))} ORDER BY items.id DESC LIMIT 1`,
      { ...viewerParams(viewer), links },
    );
    return row ?? null;
  }

  async countForFeed(feedId: number): Promise<number> {
    return (await this.db.value<number>(`SELECT COUNT(*) FROM items WHERE feed_id = $1`, [feedId])) ?? 0;
  }
}

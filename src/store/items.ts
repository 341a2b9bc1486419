import type { Promised } from './promised.js';
import type { Db } from './database.js';
import { statement } from './prepared.js';
import { OPERATOR, outletSql, perspectiveSql, privateFeedIdSql, viewerParams, visibleSql, type Viewer } from './visibility.js';

/** What the ingest stage hands to the store: a normalised feed item plus its identity within the feed. */
export interface IncomingItem {
  identity: string;
  guid: string | null;
  link: string | null;
  title: string;
  author: string | null;
  summary: string;
  content: string;
  published: string | null;
  /** The article's image: an https URL on a public host (the alert's thumbnail; never fetched), or null. */
  imageUrl?: string | null;
}

export interface StoredItem extends IncomingItem {
  id: number;
  imageUrl: string | null;
  feedId: number;
  /** The outlet's name, as the reader knows the feed. */
  outlet: string;
  /** The outlet's perspective (config/perspectives.json), as the reader labels the feed. */
  perspective: string;
  /** The guild-added feed it came from (seen only by the guilds that added it); null for a configured, public feed. */
  privateFeedId: number | null;
  fetchedAt: number;
  fromInitialPoll: boolean;
}

const COLUMNS = `items.id, items.feed_id AS feedId, ${outletSql('feeds')} AS outlet, ${perspectiveSql('feeds')} AS perspective, ${privateFeedIdSql('feeds')} AS privateFeedId, items.identity, items.guid, items.link, items.title,
  items.author, items.summary, items.content, items.published_at AS published, items.fetched_at AS fetchedAt,
  items.from_initial_poll AS fromInitialPoll, items.image_url AS imageUrl`;

type ItemRow = Omit<StoredItem, 'fromInitialPoll'> & { fromInitialPoll: number };

function toItem(row: ItemRow): StoredItem {
  return { ...row, fromInitialPoll: row.fromInitialPoll === 1 };
}

/** Items, stored once per (feed, identity); the unprocessed ones are the queue for analysis. */
export class SqliteItemStore {
  constructor(private readonly db: Db) {}

  /** Which of these identities the feed already has. */
  knownIdentities(feedId: number, identities: readonly string[]): Set<string> {
    const known = new Set<string>();
    const lookup = statement(this.db, `SELECT 1 FROM items WHERE feed_id = ? AND identity = ?`).pluck();
    for (const identity of identities) {
      if (lookup.get(feedId, identity) !== undefined) known.add(identity);
    }
    return known;
  }

  /** Stores the items the feed does not have yet and returns their ids, in input order. */
  insertNew(feedId: number, items: readonly IncomingItem[], fetchedAt: number, fromInitialPoll: boolean): number[] {
    const insert = statement(this.db, 
      `INSERT INTO items (feed_id, identity, guid, link, title, author, summary, content, published_at, fetched_at, from_initial_poll, image_url)
       VALUES (@feedId, @identity, @guid, @link, @title, @author, @summary, @content, @published, @fetchedAt, @fromInitialPoll, @imageUrl)
       ON CONFLICT (feed_id, identity) DO NOTHING`,
    );
    return this.db.transaction(() => {
      const ids: number[] = [];
      for (const item of items) {
        const result = insert.run({ ...item, imageUrl: item.imageUrl ?? null, feedId, fetchedAt, fromInitialPoll: fromInitialPoll ? 1 : 0 });
        if (result.changes === 1) ids.push(Number(result.lastInsertRowid));
      }
      return ids;
    })();
  }

  /** Items stored but not yet through analysis, oldest first: after a crash they are picked up again. */
  unprocessed(limit: number): StoredItem[] {
    const rows = statement(this.db, `SELECT ${COLUMNS} FROM items JOIN feeds ON feeds.id = items.feed_id WHERE items.processed_at IS NULL ORDER BY items.id LIMIT @limit`)
      .all({ ...viewerParams(OPERATOR), limit }) as ItemRow[];
    return rows.map(toItem);
  }

  /**
   * Called first in every batch of processing, inside its transaction: on PostgreSQL it waits for any other
   * instance's batch to end, so two never run at once. SQLite's one instance needs nothing: its transaction
   * (BEGIN IMMEDIATE) already keeps every other writer out.
   */
  lockForProcessing(): void {
    // Nothing to do (see above).
  }

  markProcessed(itemId: number, now: number): void {
    statement(this.db, `UPDATE items SET processed_at = ? WHERE id = ?`).run(now, itemId);
  }

  /** The item, when the viewer may see it. */
  byId(itemId: number, viewer: Viewer): StoredItem | null {
    const row = statement(this.db, `SELECT ${COLUMNS} FROM items JOIN feeds ON feeds.id = items.feed_id WHERE items.id = @itemId AND ${visibleSql(privateFeedIdSql('feeds'))}`)
      .get({ ...viewerParams(viewer), itemId }) as ItemRow | undefined;
    return row ? toItem(row) : null;
  }

  /** The items among these ids the viewer may see, in id order: many in one query (restoring the story window). */
  byIds(itemIds: readonly number[], viewer: Viewer): StoredItem[] {
    const rows = statement(this.db,
      `SELECT ${COLUMNS} FROM items JOIN feeds ON feeds.id = items.feed_id
       WHERE items.id IN (SELECT value FROM json_each(@itemIds)) AND ${visibleSql(privateFeedIdSql('feeds'))} ORDER BY items.id`,
    ).all({ ...viewerParams(viewer), itemIds: JSON.stringify(itemIds) }) as ItemRow[];
    return rows.map(toItem);
  }

  /** The latest item the viewer may see whose link is one of these spellings (as typed, canonical). */
  byLink(links: readonly string[], viewer: Viewer): StoredItem | null {
    const row = statement(this.db,
      `SELECT ${COLUMNS} FROM items JOIN feeds ON feeds.id = items.feed_id
       WHERE items.link IN (SELECT value FROM json_each(@links)) AND ${visibleSql(privateFeedIdSql('feeds'))} ORDER BY items.id DESC LIMIT 1`,
    ).get({ ...viewerParams(viewer), links: JSON.stringify(links) }) as ItemRow | undefined;
    return row ? toItem(row) : null;
  }

  countForFeed(feedId: number): number {
    return statement(this.db, `SELECT COUNT(*) FROM items WHERE feed_id = ?`).pluck().get(feedId) as number;
  }
}

/** The item store as both backends offer it (see promised.ts). */
export type ItemStore = Promised<SqliteItemStore>;

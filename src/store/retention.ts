import type { Db } from './database.js';
import type { Promised } from './promised.js';
import { statement } from './prepared.js';

const DAY_MS = 86_400_000;
/** Rows per transaction: a batch takes milliseconds, so delivery and polling wait at most that long for the database. */
export const PRUNE_BATCH = 500;

export interface PruneCutoffs {
  /** Epoch ms: items fetched before this go (or become stubs when a quote cites them and quotes outlive items). */
  items: number;
  /** Epoch ms: matches of items fetched before this go. */
  matches: number;
  /** Epoch ms: stories whose latest report is before this go, with their membership. */
  stories: number;
  quotesOutliveItems: boolean;
}

export interface PruneCounts {
  stories: number;
  matches: number;
  items: number;
  /** Items kept without their text because a stored quote cites them. */
  stubs: number;
}

export function pruneCutoffs(keepDays: { items: number; matches: number; stories: number }, quotesOutliveItems: boolean, now: number): PruneCutoffs {
  return {
    items: now - keepDays.items * DAY_MS,
    matches: now - keepDays.matches * DAY_MS,
    stories: now - keepDays.stories * DAY_MS,
    quotesOutliveItems,
  };
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Runs one batch of deletes as a transaction of its own, once no other transaction holds the connection. */
export type BatchRunner = (run: () => number) => Promise<number>;

export class SqliteRetention {
  constructor(
    private readonly db: Db,
    private readonly runBatch: BatchRunner,
  ) {}

  /**
   * Deletes what is older than the cutoffs, PRUNE_BATCH rows per transaction, yielding to the event loop between
   * batches so alerts keep going out while a large backlog is pruned. Only processed items are touched.
   */
  pruneExpired(cutoffs: PruneCutoffs): Promise<PruneCounts> {
    return pruneExpired(this.db, cutoffs, this.runBatch);
  }
}

/** Pruning as both backends offer it. */
export type Retention = Promised<SqliteRetention>;

async function pruneExpired(db: Db, cutoffs: PruneCutoffs, runBatch: BatchRunner): Promise<PruneCounts> {
  const counts: PruneCounts = { stories: 0, matches: 0, items: 0, stubs: 0 };
  const batches: { key: keyof PruneCounts; run: () => number }[] = [
    {
      key: 'stories',
      run: () => statement(db, `DELETE FROM stories WHERE id IN (SELECT id FROM stories WHERE last_reported_at < ? LIMIT ${PRUNE_BATCH})`).run(cutoffs.stories).changes,
    },
    {
      key: 'matches',
      run: () => {
        const ids = `SELECT DISTINCT item_id FROM item_topics JOIN items ON items.id = item_topics.item_id WHERE items.fetched_at < ? LIMIT ${PRUNE_BATCH}`;
        return statement(db, `DELETE FROM item_topics WHERE item_id IN (${ids})`).run(cutoffs.matches).changes;
      },
    },
    {
      key: 'items',
      run: () => {
        const cited = cutoffs.quotesOutliveItems ? 'AND NOT EXISTS (SELECT 1 FROM quote_sources WHERE quote_sources.item_id = items.id)' : '';
        const ids = `SELECT id FROM items WHERE fetched_at < ? AND processed_at IS NOT NULL ${cited} ORDER BY fetched_at LIMIT ${PRUNE_BATCH}`;
        return statement(db, `DELETE FROM items WHERE id IN (${ids})`).run(cutoffs.items).changes;
      },
    },
  ];
  if (cutoffs.quotesOutliveItems) batches.push({ key: 'stubs', run: () => stubBatch(db, cutoffs.items) });
  for (const { key, run } of batches) {
    for (;;) {
      const changed = await runBatch(run);
      counts[key] += changed;
      await yieldToEventLoop();
      if (changed === 0) break;
    }
  }
  return counts;
}

/** Old items a quote cites lose their text, matches and story membership; the quote keeps its title, link and outlet. */
function stubBatch(db: Db, cutoff: number): number {
  const ids = (
    statement(db, `SELECT id FROM items WHERE fetched_at < ? AND processed_at IS NOT NULL AND (summary <> '' OR content <> '') ORDER BY fetched_at LIMIT ${PRUNE_BATCH}`).all(cutoff) as {
      id: number;
    }[]
  ).map((row) => row.id);
  const list = JSON.stringify(ids);
  statement(db, `DELETE FROM item_topics WHERE item_id IN (SELECT value FROM json_each(?))`).run(list);
  statement(db, `DELETE FROM story_items WHERE item_id IN (SELECT value FROM json_each(?))`).run(list);
  return statement(db, `UPDATE items SET summary = '', content = '' WHERE id IN (SELECT value FROM json_each(?))`).run(list).changes;
}

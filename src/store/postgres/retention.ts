import { PRUNE_BATCH, type PruneCounts, type PruneCutoffs } from '../retention.js';
import type { PgDatabase } from './connection.js';

/**
 * pruneExpired on PostgreSQL: the same deletions, PRUNE_BATCH rows per transaction, so other work (and other
 * instances) wait at most one batch for the rows it locks.
 */
export async function pruneExpiredPostgres(db: PgDatabase, cutoffs: PruneCutoffs): Promise<PruneCounts> {
  const counts: PruneCounts = { stories: 0, matches: 0, items: 0, stubs: 0 };
  const cited = cutoffs.quotesOutliveItems ? 'AND NOT EXISTS (SELECT 1 FROM quote_sources WHERE quote_sources.item_id = items.id)' : '';
  const batches: { key: keyof PruneCounts; run: () => Promise<number> }[] = [
    {
      key: 'stories',
      run: () => db.run(`DELETE FROM stories WHERE id IN (SELECT id FROM stories WHERE last_reported_at < $1 LIMIT ${PRUNE_BATCH})`, [cutoffs.stories]),
    },
    {
      key: 'matches',
      run: () =>
        db.run(
          `DELETE FROM item_topics WHERE item_id IN (
             SELECT DISTINCT item_id FROM item_topics JOIN items ON items.id = item_topics.item_id WHERE items.fetched_at < $1 LIMIT ${PRUNE_BATCH})`,
          [cutoffs.matches],
        ),
    },
    {
      key: 'items',
      run: () =>
        db.run(`DELETE FROM items WHERE id IN (SELECT id FROM items WHERE fetched_at < $1 AND processed_at IS NOT NULL ${cited} ORDER BY fetched_at LIMIT ${PRUNE_BATCH})`, [
          cutoffs.items,
        ]),
    },
  ];
  if (cutoffs.quotesOutliveItems) batches.push({ key: 'stubs', run: () => stubBatch(db, cutoffs.items) });
  for (const { key, run } of batches) {
    for (;;) {
      const changed = await db.transaction(run);
      counts[key] += changed;
      if (changed === 0) break;
    }
  }
  return counts;
}

/** Old items a quote cites lose their text, matches and story membership; the quote keeps its title, link and outlet. */
async function stubBatch(db: PgDatabase, cutoff: number): Promise<number> {
  const ids = await db.column<number>(
    `SELECT id FROM items WHERE fetched_at < $1 AND processed_at IS NOT NULL AND (summary <> '' OR content <> '') ORDER BY fetched_at LIMIT ${PRUNE_BATCH}`,
    [cutoff],
  );
  await db.run(`DELETE FROM item_topics WHERE item_id = ANY($1::bigint[])`, [ids]);
  await db.run(`DELETE FROM story_items WHERE item_id = ANY($1::bigint[])`, [ids]);
  return db.run(`UPDATE items SET summary = '', content = '' WHERE id = ANY($1::bigint[])`, [ids]);
}

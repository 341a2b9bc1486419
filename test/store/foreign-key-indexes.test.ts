import { describe, expect, it } from 'vitest';
import { openTestStores, queryRows, TEST_STORE } from '../support/stores.js';

interface Reference {
  table: string;
  column: string;
}

/** Every column that points at another row, read from the schema (SQLite's pragmas; PostgreSQL's catalog). */
async function references(stores: Awaited<ReturnType<typeof openTestStores>>): Promise<Reference[]> {
  if (TEST_STORE === 'postgres') {
    return queryRows<Reference>(
      stores,
      `SELECT conrelid::regclass::text AS "table", attname AS "column" FROM pg_constraint
         JOIN pg_attribute ON attrelid = conrelid AND attnum = conkey[1] WHERE contype = 'f' ORDER BY 1, 2`,
    );
  }
  const tables = await queryRows<{ name: string }>(stores, `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`);
  const found: Reference[] = [];
  for (const { name } of tables) {
    for (const key of await queryRows<{ from: string }>(stores, `SELECT "from" FROM pragma_foreign_key_list(?)`, name)) found.push({ table: name, column: key.from });
  }
  return found;
}

/**
 * Whether some index (or primary key) of the table starts with the column: what a lookup by it needs. A partial index
 * counts only when it leaves out no more than the rows where the column is null (which point nowhere).
 */
async function isIndexed(stores: Awaited<ReturnType<typeof openTestStores>>, { table, column }: Reference): Promise<boolean> {
  if (TEST_STORE === 'postgres') {
    const rows = await queryRows(
      stores,
      `SELECT 1 FROM pg_index JOIN pg_attribute ON attrelid = indrelid AND attnum = indkey[0]
         WHERE indrelid = $1::regclass AND attname = $2 AND (indpred IS NULL OR pg_get_expr(indpred, indrelid) = '(' || attname || ' IS NOT NULL)')`,
      table,
      column,
    );
    return rows.length > 0;
  }
  const indexes = await queryRows<{ name: string; partial: number }>(stores, `SELECT name, partial FROM pragma_index_list(?)`, table);
  for (const index of indexes) {
    const first = await queryRows<{ name: string }>(stores, `SELECT name FROM pragma_index_info(?) WHERE seqno = 0`, index.name);
    if (first[0]?.name !== column) continue;
    if (index.partial === 0) return true;
    const sql = await queryRows<{ sql: string }>(stores, `SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?`, index.name);
    if (sql[0]?.sql.endsWith(`WHERE ${column} IS NOT NULL`)) return true;
  }
  const primary = await queryRows<{ name: string }>(stores, `SELECT name FROM pragma_table_info(?) WHERE pk = 1`, table);
  return primary[0]?.name === column;
}

describe('the schema at scale', () => {
  it('indexes every column that points at another row, so deleting that row (retention, /unsubscribe) looks its referrers up instead of scanning', async () => {
    const stores = await openTestStores();
    const unindexed: string[] = [];
    for (const reference of await references(stores)) {
      if (!(await isIndexed(stores, reference))) unindexed.push(`${reference.table}.${reference.column}`);
    }
    expect(unindexed).toEqual([]);
  });
});

import { existsSync } from 'node:fs';
import { DatabaseError, openDatabase, type Db } from '../database.js';
import { connectPostgres, type PgDatabase } from './connection.js';
import { migratePostgres, schemaVersion } from './migrate.js';

/** Rows per INSERT: one JSON array each, so a large table goes over in a few hundred round trips. */
const BATCH = 2_000;

export interface CopiedTable {
  table: string;
  rows: number;
}

interface Column {
  name: string;
  /** PostgreSQL's type name: json and jsonb columns get parsed JSON (SQLite keeps it as text), booleans 0/1. */
  type: string;
}

/**
 * Copies every table of a SQLite database into an empty, migrated PostgreSQL database at the same schema version,
 * parents before children (foreign keys), in one transaction, then sets each id sequence past the copied ids and
 * checks that every table holds as many rows as in SQLite. Tables SQLite keeps for its own full-text index are not
 * copied: PostgreSQL indexes the quotes itself.
 */
export async function copySqliteToPostgres(sqlite: Db, postgres: PgDatabase): Promise<CopiedTable[]> {
  const sqliteVersion = sqlite.pragma('user_version', { simple: true }) as number;
  const postgresVersion = await schemaVersion(postgres.pool);
  if (sqliteVersion !== postgresVersion) {
    throw new DatabaseError(`the SQLite database is at schema version ${sqliteVersion} and PostgreSQL at ${postgresVersion}; run the same wirewatch on both first.`);
  }
  const tables = copyOrder(sqlite);
  return postgres.transaction(async (db) => {
    for (const table of tables) {
      if ((await db.value<number>(`SELECT COUNT(*) FROM ${table}`)) !== 0) {
        throw new DatabaseError(`PostgreSQL's ${table} table is not empty: copy into a new, empty database.`);
      }
    }
    const copied: CopiedTable[] = [];
    for (const table of tables) {
      const columns = await postgresColumns(db, table);
      const names = (sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table) as string[]).filter((name) => columns.has(name));
      // In primary-key (else insertion) order: an outbox edit row follows the alert it points to; decisions keep their order.
      const key = sqlite.prepare(`SELECT name FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk`).pluck().all(table) as string[];
      const order = ` ORDER BY ${key.length > 0 ? key.map((name) => `"${name}"`).join(', ') : 'rowid'}`;
      const select = sqlite.prepare(`SELECT ${names.map((name) => `"${name}"`).join(', ')} FROM "${table}"${order}`);
      let batch: Record<string, unknown>[] = [];
      const flush = async () => {
        if (batch.length === 0) return;
        const list = names.map((name) => `"${name}"`).join(', ');
        await db.run(`INSERT INTO ${table} (${list}) SELECT ${list} FROM json_populate_recordset(NULL::${table}, $1::json)`, [JSON.stringify(batch)]);
        batch = [];
      };
      for (const row of select.iterate() as Iterable<Record<string, unknown>>) {
        batch.push(convertRow(table, row, columns));
        if (batch.length >= BATCH) await flush();
      }
      await flush();
      if (columns.get('id')?.identity) await db.run(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), GREATEST((SELECT MAX(id) FROM ${table}), 1))`);
      const expected = sqlite.prepare(`SELECT COUNT(*) FROM "${table}"`).pluck().get() as number;
      const rows = (await db.value<number>(`SELECT COUNT(*) FROM ${table}`)) ?? 0;
      if (rows !== expected) throw new DatabaseError(`copying ${table}: SQLite has ${expected} rows, PostgreSQL received ${rows}; nothing was kept.`);
      copied.push({ table, rows });
    }
    return copied;
  });
}

/** The SQLite tables to copy, each after the tables its foreign keys point to. */
function copyOrder(sqlite: Db): string[] {
  const tables = sqlite
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'quotes_fts%' ORDER BY name`)
    .pluck()
    .all() as string[];
  const ordered: string[] = [];
  const visit = (table: string, path: readonly string[]) => {
    if (ordered.includes(table) || path.includes(table)) return;
    const parents = sqlite.prepare(`SELECT "table" FROM pragma_foreign_key_list(?)`).pluck().all(table) as string[];
    for (const parent of parents) if (parent !== table) visit(parent, [...path, table]);
    ordered.push(table);
  };
  for (const table of tables) visit(table, []);
  return ordered;
}

async function postgresColumns(db: PgDatabase, table: string): Promise<Map<string, Column & { identity: boolean }>> {
  const rows = await db.all<{ name: string; type: string; identity: boolean; generated: boolean }>(
    `SELECT column_name AS name, udt_name AS type, is_identity = 'YES' AS identity, is_generated = 'ALWAYS' AS generated
     FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
    [table],
  );
  if (rows.length === 0) throw new DatabaseError(`PostgreSQL has no ${table} table: is it migrated by the same wirewatch?`);
  return new Map(rows.filter((row) => !row.generated).map((row) => [row.name, row]));
}

function convertRow(table: string, row: Record<string, unknown>, columns: Map<string, Column>): Record<string, unknown> {
  const converted: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(row)) {
    const type = columns.get(name)?.type;
    if (value === null || value === undefined) converted[name] = null;
    else if (type === 'bool') converted[name] = value === 1 || value === true;
    else if ((type === 'json' || type === 'jsonb') && typeof value === 'string') converted[name] = parseStoredJson(table, name, value);
    else converted[name] = value;
  }
  return converted;
}

function parseStoredJson(table: string, column: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new DatabaseError(`${table}.${column} holds text that is not JSON (${text.slice(0, 40)}…); PostgreSQL stores it as JSON. Fix or delete that row in SQLite, then copy again.`);
  }
}

/**
 * `wirewatch migrate-store`: opens the SQLite file (migrating it forward, as wirewatch would), migrates the
 * PostgreSQL database, copies everything across and closes both. The SQLite file is left as it was otherwise.
 */
export async function copySqliteFileToPostgres(sqlitePath: string, postgresUrl: string): Promise<CopiedTable[]> {
  if (!existsSync(sqlitePath)) throw new DatabaseError(`there is no SQLite database at ${sqlitePath}; give the file wirewatch used (WIREWATCH_DB, by default ./data/wirewatch.db).`);
  const sqlite = openDatabase(sqlitePath);
  try {
    const postgres = await connectPostgres(postgresUrl);
    try {
      await migratePostgres(postgres.pool);
      return await copySqliteToPostgres(sqlite, postgres);
    } finally {
      await postgres.close();
    }
  } finally {
    sqlite.close();
  }
}

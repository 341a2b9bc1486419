import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { StoreBackend, Stores } from '../../src/store/index.js';
import { postgresBackend, type PostgresBackend } from '../../src/store/postgres/backend.js';
import { openSqliteStores, type SqliteBackend } from '../../src/store/sqlite-backend.js';
import { createMigratedDatabase, openTestPostgres, openTracked } from './postgres.js';

/**
 * The backend the store, pipeline, command and end-to-end tests run on: `WIREWATCH_TEST_STORE=sqlite` (the default)
 * or `postgres`. Tests obtain their stores here, never by opening a database themselves, so the same tests run on
 * both. (Tests of what only SQLite has — migrations of its file, its locks, FTS5 — open it directly.)
 */
export type TestStoreKind = 'sqlite' | 'postgres';

interface TestBackend {
  /** Fresh, migrated, empty stores. */
  open(): Promise<StoreBackend>;
  /** `count` backends over one fresh database, each with connections of its own, as separate instances open it. */
  openShared(count: number): Promise<StoreBackend[]>;
  /** The env that points createApp, or a wirewatch child process, at a fresh empty database in `folder`. */
  env(folder: string): Promise<TestDatabaseEnv>;
  /** Rows of a raw query, written in SQLite's dialect (`?` parameters), for checks the stores have no method for. */
  rows(backend: StoreBackend, sql: string, params: readonly unknown[]): Promise<Record<string, unknown>[]>;
  execute(backend: StoreBackend, sql: string, params: readonly unknown[]): Promise<void>;
}

export interface TestDatabaseEnv {
  WIREWATCH_DB: string;
  WIREWATCH_DATABASE_URL?: string;
}

const sqlite: TestBackend = {
  open: async () => openSqliteStores(':memory:'),
  openShared: async (count) => {
    const path = join(mkdtempSync(join(tmpdir(), 'wirewatch-shared-')), 'wirewatch.db');
    return Array.from({ length: count }, () => openSqliteStores(path));
  },
  env: async (folder) => ({ WIREWATCH_DB: join(folder, 'wirewatch.db') }),
  rows: async (backend, sql, params) => (backend as SqliteBackend).db.prepare(sql).all(...params) as Record<string, unknown>[],
  execute: async (backend, sql, params) => {
    (backend as SqliteBackend).db.prepare(sql).run(...params);
  },
};

/** SQLite's `?` parameters as PostgreSQL's `$1`, `$2`… (outside '…' literals). */
function numbered(sql: string): string {
  let index = 0;
  return sql.replace(/'(?:[^']|'')*'|\?/g, (match) => (match === '?' ? `$${++index}` : match));
}

/** PostgreSQL folds unquoted aliases to lower case (`AS lastError` → lasterror): the rows get the names as written. */
function asWritten(sql: string, rows: Record<string, unknown>[]): Record<string, unknown>[] {
  const names = new Map([...sql.matchAll(/\bAS\s+([A-Za-z_]\w*)/gi)].map(([, alias = '']) => [alias.toLowerCase(), alias]));
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [names.get(key) ?? key, value])));
}

/** A database of its own on the test run's PostgreSQL server (test/support/postgres.ts). */
const postgres: TestBackend = {
  open: async () => postgresBackend(await openTestPostgres()),
  openShared: async (count) => {
    const url = await createMigratedDatabase();
    return Array.from({ length: count }, () => postgresBackend(openTracked(url)));
  },
  env: async (folder) => ({ WIREWATCH_DB: join(folder, 'wirewatch.db'), WIREWATCH_DATABASE_URL: await createMigratedDatabase() }),
  rows: async (backend, sql, params) => asWritten(sql, await (backend as PostgresBackend).db.all(numbered(sql), params)),
  execute: async (backend, sql, params) => {
    await (backend as PostgresBackend).db.run(numbered(sql), params);
  },
};

export const TEST_STORE: TestStoreKind = testStoreKind(process.env.WIREWATCH_TEST_STORE);

function testStoreKind(value: string | undefined): TestStoreKind {
  if (value === undefined || value === '' || value === 'sqlite') return 'sqlite';
  if (value === 'postgres') return 'postgres';
  throw new Error(`WIREWATCH_TEST_STORE=${value}: use sqlite or postgres.`);
}

const backend = (): TestBackend => (TEST_STORE === 'sqlite' ? sqlite : postgres);

const backendOfStores = new WeakMap<Stores, StoreBackend>();

/** Fresh, migrated, empty stores on the backend under test; closed when the test that opened them finishes. */
export async function openTestBackend(): Promise<StoreBackend> {
  const opened = await backend().open();
  backendOfStores.set(opened.stores, opened);
  closeAfterTest(opened);
  return opened;
}

/**
 * `count` backends over one fresh database on the backend under test, as that many wirewatch instances would open
 * it (each with its own connections and leadership); closed when the test finishes.
 */
export async function openSharedTestBackends(count: number): Promise<StoreBackend[]> {
  const opened = await backend().openShared(count);
  for (const each of opened) {
    backendOfStores.set(each.stores, each);
    closeAfterTest(each);
  }
  return opened;
}

/** The stores of `openTestBackend`. */
export async function openTestStores(): Promise<Stores> {
  return (await openTestBackend()).stores;
}

/** The env for createApp or a child process: a fresh, empty database in `folder` on the backend under test. */
export async function testDatabaseEnv(folder: string): Promise<TestDatabaseEnv> {
  return await backend().env(folder);
}

/**
 * Rows of a raw query (SQLite's dialect, `?` parameters), for what a test checks or plants beyond what the stores
 * offer. `store`: an app's backend, or stores from openTestStores.
 */
export async function queryRows<T = Record<string, unknown>>(store: StoreBackend | Stores, sql: string, ...params: unknown[]): Promise<T[]> {
  return (await backend().rows(backendOf(store), sql, params)) as T[];
}

/** The first column of the first row of a raw query; undefined when there is no row. */
export async function queryValue<T = unknown>(store: StoreBackend | Stores, sql: string, ...params: unknown[]): Promise<T | undefined> {
  const [row] = await queryRows(store, sql, ...params);
  return row === undefined ? undefined : (Object.values(row)[0] as T);
}

/** Runs a raw statement (SQLite's dialect, `?` parameters) that returns no rows: a test planting a broken row. */
export async function execute(store: StoreBackend | Stores, sql: string, ...params: unknown[]): Promise<void> {
  await backend().execute(backendOf(store), sql, params);
}

function backendOf(store: StoreBackend | Stores): StoreBackend {
  if ('kind' in store) return store;
  const found = backendOfStores.get(store);
  if (!found) throw new Error('these stores were not opened by openTestStores: pass the app’s backend instead');
  return found;
}

function closeAfterTest(opened: StoreBackend): void {
  try {
    onTestFinished(() => opened.close());
  } catch {
    // Opened outside a test (in beforeAll, or at module level): whoever opened it closes it, or the process does.
  }
}

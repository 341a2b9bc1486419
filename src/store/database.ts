import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrations as allMigrations } from './migrations/index.js';
import type { Migration } from './migrations/migration.js';

export type Db = Database.Database;

export class DatabaseError extends Error {}

/**
 * Opens (creating if needed) the SQLite database in WAL mode and migrates it forward.
 * `:memory:` is accepted for tests.
 */
export function openDatabase(path: string, migrations: readonly Migration[] = allMigrations): Db {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let db: Db;
  try {
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
  } catch (error) {
    throw new DatabaseError(`cannot open the database at ${path}: ${(error as Error).message}. Check WIREWATCH_DB and that the directory is writable.`);
  }
  migrate(db, migrations);
  return db;
}

/** Applies each migration newer than the database's user_version, each in its own transaction. */
export function migrate(db: Db, migrations: readonly Migration[]): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  const newest = migrations.at(-1)?.version ?? 0;
  if (current > newest) {
    throw new DatabaseError(`the database is at schema version ${current}, newer than this wirewatch (${newest}); upgrade wirewatch or point WIREWATCH_DB elsewhere.`);
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}

import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
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
  if (path !== ':memory:') createFolderOf(path);
  let db: Db | undefined;
  try {
    db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    // One write now (the version, unchanged), so a read-only file or a lock held by another process fails here
    // with a clear message instead of at the first real write, as an unexplained SqliteError.
    db.pragma(`user_version = ${db.pragma('user_version', { simple: true }) as number}`);
    migrate(db, migrations);
  } catch (error) {
    db?.close();
    if (error instanceof DatabaseError) throw error;
    throw new DatabaseError(`cannot open the database at ${path}: ${(error as Error).message}. ${openingFix(error)}`);
  }
  return db;
}

/**
 * Creates the database's folder one level at a time. (mkdirSync's recursive mode loops forever on some paths it cannot
 * create, such as /proc/x: the bot would hang at full CPU instead of saying why it cannot start.)
 */
function createFolderOf(path: string): void {
  const folder = dirname(resolve(path));
  const missing: string[] = [];
  let existing = folder;
  while (!existsSync(existing)) {
    missing.unshift(existing);
    if (dirname(existing) === existing) break;
    existing = dirname(existing);
  }
  const fix = 'Point WIREWATCH_DB at a file in a folder wirewatch can write, or create that folder for it.';
  if (existsSync(existing) && !statSync(existing).isDirectory()) {
    throw new DatabaseError(`cannot create the database folder ${folder}: ${existing} is a file, not a folder. ${fix}`);
  }
  for (const level of missing) {
    try {
      mkdirSync(level);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw new DatabaseError(`cannot create the database folder ${folder} (${typeof code === 'string' ? code : (error as Error).message} at ${level}). ${fix}`);
    }
  }
}

function openingFix(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code)) {
    return 'Another process holds a lock on it (a second wirewatch on the same file?): stop that process, or point WIREWATCH_DB elsewhere.';
  }
  return 'Check WIREWATCH_DB and that the file and its directory are writable.';
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

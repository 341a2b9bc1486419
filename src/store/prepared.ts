import type Database from 'better-sqlite3';
import type { Db } from './database.js';

const statements = new WeakMap<Db, Map<string, Database.Statement>>();

/**
 * Prepared statements are compiled once per database: /whosaid runs in a few milliseconds and compiling is a good
 * part of that. A mode set on a statement (`.pluck()`) sticks to it: use each SQL text one way.
 */
export function statement(db: Db, sql: string): Database.Statement {
  let cache = statements.get(db);
  if (!cache) statements.set(db, (cache = new Map()));
  let prepared = cache.get(sql);
  if (!prepared) cache.set(sql, (prepared = db.prepare(sql)));
  return prepared;
}

import type pg from 'pg';
import { DatabaseError } from '../database.js';
import type { Migration } from '../migrations/migration.js';
import { postgresMigrations } from './migrations/index.js';

/** The advisory lock every wirewatch holds while it migrates (any constant: it only has to be the same for all). */
const MIGRATION_LOCK = 1_836_216_166;

/** The schema version of the database: 0 when wirewatch never migrated it. */
export async function schemaVersion(client: pg.Pool | pg.PoolClient): Promise<number> {
  const table = await client.query(`SELECT to_regclass('schema_version') IS NOT NULL AS present`);
  if (!(table.rows[0] as { present: boolean }).present) return 0;
  const row = await client.query(`SELECT version FROM schema_version`);
  return (row.rows[0] as { version: number } | undefined)?.version ?? 0;
}

/**
 * Brings the database to the newest schema, each step in its own transaction. Two instances starting together
 * queue on an advisory lock: the second finds the work done. A database migrated by a newer wirewatch is refused.
 */
export async function migratePostgres(pool: pg.Pool, migrations: readonly Migration[] = postgresMigrations): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL)`);
      const current = await schemaVersion(client);
      const newest = migrations.at(-1)?.version ?? 0;
      if (current > newest) {
        throw new DatabaseError(
          `the PostgreSQL database is at schema version ${current}, newer than this wirewatch (${newest}); upgrade wirewatch or point WIREWATCH_DATABASE_URL elsewhere.`,
        );
      }
      for (const migration of migrations) {
        if (migration.version <= current) continue;
        await applyOne(client, migration);
      }
      return Math.max(current, newest);
    } finally {
      await client.query(`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
  } finally {
    client.release();
  }
}

async function applyOne(client: pg.PoolClient, migration: Migration): Promise<void> {
  await client.query('BEGIN');
  try {
    await client.query(migration.sql);
    await client.query(`DELETE FROM schema_version`);
    await client.query(`INSERT INTO schema_version (version) VALUES ($1)`, [migration.version]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw new DatabaseError(`PostgreSQL migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`);
  }
}

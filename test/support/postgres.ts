import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';
import { PgDatabase } from '../../src/store/postgres/connection.js';
import { migratePostgres } from '../../src/store/postgres/migrate.js';
import { TEST_DATABASE_PREFIX } from './postgres-server.js';

/**
 * Databases on the run's PostgreSQL server (test/support/postgres-server.ts). Each call gives a database of its own,
 * so tests never see each other's rows: a migrated one is copied from a template migrated once per test file
 * (CREATE DATABASE … TEMPLATE takes tens of milliseconds; migrating takes longer). Everything opened here is
 * closed after the file's tests.
 */
const opened: PgDatabase[] = [];
let template: Promise<string> | undefined;
let registered = false;

function adminUrl(): string {
  return inject('postgresAdminUrl');
}

/** The URL of a database on the test server (same user and password as the admin URL). */
export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function uniqueName(): string {
  return `${TEST_DATABASE_PREFIX}${process.pid}_${randomBytes(4).toString('hex')}`;
}

/** A new, empty database (not migrated); returns its URL. */
export async function createEmptyDatabase(templateName = 'template1'): Promise<string> {
  const name = uniqueName();
  await admin((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName}" STRATEGY FILE_COPY`));
  return databaseUrl(name);
}

async function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const url = await createEmptyDatabase();
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      await migratePostgres(pool);
    } finally {
      await pool.end();
    }
    return new URL(url).pathname.slice(1);
  })();
  return template;
}

function closeAfterFile(): void {
  if (registered) return;
  registered = true;
  afterAll(async () => {
    await Promise.all(opened.splice(0).map((db) => db.close()));
  });
}

/** A new, migrated database of its own; returns its URL. */
export async function createMigratedDatabase(): Promise<string> {
  return createEmptyDatabase(await migratedTemplate());
}

/** A freshly migrated database of its own, open; closed after the file's tests. */
export async function openTestPostgres(): Promise<PgDatabase> {
  closeAfterFile();
  const url = await createMigratedDatabase();
  const db = PgDatabase.fromUrl(url, { poolSize: 4 });
  opened.push(db);
  return db;
}

/** Opens a database by URL and closes it after the file's tests. */
export function openTracked(url: string, poolSize = 4): PgDatabase {
  closeAfterFile();
  const db = PgDatabase.fromUrl(url, { poolSize });
  opened.push(db);
  return db;
}

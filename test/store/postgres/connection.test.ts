import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { DatabaseError } from '../../../src/store/database.js';
import { describeDatabaseUrl } from '../../../src/store/postgres/connection-errors.js';
import { connectPostgres, PgDatabase } from '../../../src/store/postgres/connection.js';
import { databaseUrl, openTestPostgres } from '../../support/postgres.js';

function withPassword(url: string, password: string): string {
  const changed = new URL(url);
  changed.password = password;
  return changed.toString();
}

async function refusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 1;
}

async function failure(url: string): Promise<DatabaseError> {
  const error = await connectPostgres(url, { retryDelaysMs: [5, 5] }).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DatabaseError);
  return error as DatabaseError;
}

describe('connecting to PostgreSQL', () => {
  it('says in one line, without the password, that the password was refused', async () => {
    const url = withPassword(databaseUrl('postgres'), 'not-the-password-s3cret');
    const { message } = await failure(url);
    expect(message).toMatch(/^cannot connect to PostgreSQL at postgres:\/\/wirewatch@127\.0\.0\.1:\d+\/postgres: the user name or password was refused; check them in WIREWATCH_DATABASE_URL\.$/);
    expect(message).not.toContain('s3cret');
  });

  it('names a missing database, a refused port and a URL that is not PostgreSQL’s', async () => {
    expect((await failure(databaseUrl('no_such_database'))).message).toMatch(/that database does not exist; create it/);
    const refused = new URL(databaseUrl('postgres'));
    refused.port = String(await refusedPort());
    expect((await failure(refused.toString())).message).toMatch(/nothing accepts connections there; is PostgreSQL running, on that port\?/);
    expect((await failure('mysql://user:pw@localhost/db')).message).toMatch(/starts with mysql:\/\/; write it as postgres:\/\/user:password@host:5432\/database/);
    expect(describeDatabaseUrl('postgres://ann:pa%40ss@db.example:5433/news?password=x')).toBe('postgres://ann@db.example:5433/news');
  });

  it('reports a connection the server dropped until a query succeeds on a new one', async () => {
    const db = await openTestPostgres();
    await db.value('SELECT 1');
    const killer = await openTestPostgres();
    const dropped = new Promise((resolve) => db.pool.once('error', resolve));
    const [pid] = await db.column<number>('SELECT pg_backend_pid()');
    await killer.run('SELECT pg_terminate_backend($1)', [pid]);
    await dropped;
    expect(db.health).toMatchObject({ lostSince: expect.any(Number), lastError: expect.stringMatching(/terminat/i) });
    expect(await db.value('SELECT 41 + 1')).toBe(42);
    expect(db.health.lostSince).toBeNull();
  });

  it('tries a query again with backoff while the server is unreachable, then gives the error to the caller', async () => {
    const unreachable = new URL(databaseUrl('postgres'));
    unreachable.port = String(await refusedPort());
    const db = PgDatabase.fromUrl(unreachable.toString(), { retryDelaysMs: [1, 2, 4] });
    const attempts: number[] = [];
    const connect = db.pool.connect.bind(db.pool);
    db.pool.connect = (() => {
      attempts.push(Date.now());
      return connect();
    }) as typeof db.pool.connect;
    await expect(db.transaction(async () => undefined)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(attempts).toHaveLength(4);
    expect(db.health.lostSince).not.toBeNull();
    await db.close();
  });

  it('undoes a failed savepoint alone, with what its own savepoints kept, and keeps its siblings before and after', async () => {
    const db = await openTestPostgres();
    const register = (tx: PgDatabase, scope: string) => tx.run(`INSERT INTO command_registrations (scope, hash, registered_at) VALUES ($1, 'h', 1)`, [scope]);
    const failing = (work: () => Promise<unknown>) => work().then(() => Promise.reject(new Error('stage failed')));
    await db.transaction(async (tx) => {
      await tx.transaction((item) => register(item, 'kept before'));
      await expect(tx.transaction((item) => failing(() => register(item, 'failed alone')))).rejects.toThrow('stage failed');
      await expect(
        tx.transaction((item) => failing(async () => {
          await item.transaction((stage) => register(stage, 'inside the failed one'));
          await item.transaction((stage) => register(stage, 'also inside it'));
        })),
      ).rejects.toThrow('stage failed');
      await register(tx, 'between');
      await tx.transaction(async (item) => {
        await item.transaction((stage) => register(stage, 'nested, kept'));
        await expect(item.transaction((stage) => failing(() => register(stage, 'nested, failed')))).rejects.toThrow('stage failed');
      });
    });
    expect(await db.column('SELECT scope FROM command_registrations ORDER BY scope')).toEqual(['between', 'kept before', 'nested, kept']);
  });

  it('fails a transaction whose connection is lost, keeping none of it', async () => {
    const db = await openTestPostgres();
    const work = db.transaction(async (tx) => {
      await tx.run(`INSERT INTO command_registrations (scope, hash, registered_at) VALUES ('a', 'h', 1)`);
      await tx.run(`SELECT pg_terminate_backend(pg_backend_pid())`);
    });
    await expect(work).rejects.toThrow(/terminat/i);
    expect(db.health.lostSince).not.toBeNull();
    expect(await db.value('SELECT COUNT(*) FROM command_registrations')).toBe(0);
    expect(db.health.lostSince).toBeNull();
  });
});

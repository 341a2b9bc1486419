import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { namedQuery } from './named-parameters.js';

/** At most this many connections per process: enough for polling, delivery and commands side by side. */
export const DEFAULT_POOL_SIZE = 8;

const INT8 = 20;
const NUMERIC = 1700;

/**
 * bigint (epoch milliseconds, COUNT(*)) and numeric come back as numbers, as better-sqlite3 returns them: every
 * value the store keeps there is far below 2^53. Set per pool, so another user of `pg` in the process is unaffected.
 */
const numericTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 || oid === NUMERIC ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

type Client = pg.Pool | pg.PoolClient;
type Parameters = Record<string, unknown> | readonly unknown[];

/**
 * One PostgreSQL database behind a bounded pool. Queries take `@name` parameters from an object (or `$1`… from an
 * array). Inside `transaction(fn)` every query made by `fn` and whatever it awaits runs on that transaction's
 * connection (found through AsyncLocalStorage, so the stores need not pass it along); a transaction opened inside
 * another is a savepoint, undone alone when its function throws.
 */
export class PgDatabase {
  private readonly current = new AsyncLocalStorage<{ client: pg.PoolClient; depth: number }>();

  constructor(readonly pool: pg.Pool) {}

  static fromUrl(url: string, poolSize = DEFAULT_POOL_SIZE): PgDatabase {
    return new PgDatabase(new pg.Pool({ connectionString: url, max: poolSize, types: numericTypes, connectionTimeoutMillis: 10_000 }));
  }

  private client(): Client {
    return this.current.getStore()?.client ?? this.pool;
  }

  async all<Row>(sql: string, parameters: Parameters = []): Promise<Row[]> {
    const result = await this.client().query(namedQuery(sql, parameters));
    return result.rows as Row[];
  }

  async get<Row>(sql: string, parameters: Parameters = []): Promise<Row | undefined> {
    return (await this.all<Row>(sql, parameters))[0];
  }

  /** The first column of the first row, or undefined without a row. */
  async value<Value>(sql: string, parameters: Parameters = []): Promise<Value | undefined> {
    const result = await this.client().query({ ...namedQuery(sql, parameters), rowMode: 'array' });
    return (result.rows[0] as Value[] | undefined)?.[0];
  }

  /** The first column of every row. */
  async column<Value>(sql: string, parameters: Parameters = []): Promise<Value[]> {
    const result = await this.client().query({ ...namedQuery(sql, parameters), rowMode: 'array' });
    return (result.rows as Value[][]).map((row) => row[0] as Value);
  }

  /** Runs a statement; returns how many rows it changed. */
  async run(sql: string, parameters: Parameters = []): Promise<number> {
    const result = await this.client().query(namedQuery(sql, parameters));
    return result.rowCount ?? 0;
  }

  /** Several statements in one round trip, without parameters (migrations). */
  async exec(sql: string): Promise<void> {
    await this.client().query(sql);
  }

  inTransaction(): boolean {
    return this.current.getStore() !== undefined;
  }

  /** Runs `fn` in a transaction (a savepoint when one is open): committed when it returns, rolled back when it throws. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    const open = this.current.getStore();
    if (open) return this.savepoint(open, fn);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await this.current.run({ client, depth: 0 }, fn);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async savepoint<T>(open: { client: pg.PoolClient; depth: number }, fn: () => Promise<T>): Promise<T> {
    const depth = open.depth + 1;
    const name = `wirewatch_${depth}`;
    await open.client.query(`SAVEPOINT ${name}`);
    try {
      const result = await this.current.run({ client: open.client, depth }, fn);
      await open.client.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await open.client.query(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => undefined);
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

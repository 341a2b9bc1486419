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

interface OpenTransaction {
  client: pg.PoolClient;
  depth: number;
  ended: boolean;
}

/**
 * One PostgreSQL database behind a bounded pool. Queries take `@name` parameters from an object (or `$1`… from an
 * array). `transaction(work)` hands `work` a PgDatabase bound to the transaction's connection; a transaction opened
 * on that one is a savepoint, undone alone when its work throws. A store that opens a transaction of its own on the
 * root database has its other queries follow it there (through AsyncLocalStorage), so it need not pass it along.
 */
export class PgDatabase {
  private readonly current: AsyncLocalStorage<OpenTransaction>;

  private constructor(
    readonly pool: pg.Pool,
    private readonly bound: OpenTransaction | null,
    current?: AsyncLocalStorage<OpenTransaction>,
  ) {
    this.current = current ?? new AsyncLocalStorage();
  }

  static fromPool(pool: pg.Pool): PgDatabase {
    return new PgDatabase(pool, null);
  }

  static fromUrl(url: string, poolSize = DEFAULT_POOL_SIZE): PgDatabase {
    return PgDatabase.fromPool(new pg.Pool({ connectionString: url, max: poolSize, types: numericTypes, connectionTimeoutMillis: 10_000 }));
  }

  private open(): OpenTransaction | null {
    const open = this.current.getStore() ?? this.bound;
    if (open?.ended) throw new Error('the transaction has already ended');
    return open;
  }

  private client(): Client {
    return this.open()?.client ?? this.pool;
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

  /**
   * Runs `work` in a transaction (a savepoint when one is open): committed when it resolves, rolled back when it
   * rejects. `work` gets the database bound to the transaction.
   */
  async transaction<T>(work: (db: PgDatabase) => Promise<T>): Promise<T> {
    const open = this.open();
    if (open) return this.savepoint(open, work);
    const client = await this.pool.connect();
    const transaction: OpenTransaction = { client, depth: 0, ended: false };
    try {
      await client.query('BEGIN');
      const result = await this.within(transaction, work);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      transaction.ended = true;
      client.release();
    }
  }

  private async savepoint<T>(open: OpenTransaction, work: (db: PgDatabase) => Promise<T>): Promise<T> {
    const nested: OpenTransaction = { client: open.client, depth: open.depth + 1, ended: false };
    const name = `wirewatch_${nested.depth}`;
    await open.client.query(`SAVEPOINT ${name}`);
    try {
      const result = await this.within(nested, work);
      await open.client.query(`RELEASE SAVEPOINT ${name}`);
      return result;
    } catch (error) {
      await open.client.query(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => undefined);
      await open.client.query(`RELEASE SAVEPOINT ${name}`).catch(() => undefined);
      throw error;
    } finally {
      nested.ended = true;
    }
  }

  private within<T>(transaction: OpenTransaction, work: (db: PgDatabase) => Promise<T>): Promise<T> {
    return this.current.run(transaction, () => work(new PgDatabase(this.pool, transaction, this.current)));
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

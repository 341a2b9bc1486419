import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { checkDatabaseUrl, connectionFailure, isConnectionLost } from './connection-errors.js';
import { namedQuery } from './named-parameters.js';

/** At most this many connections per process: enough for polling, delivery and commands side by side. */
export const DEFAULT_POOL_SIZE = 8;
/** Waits before each new attempt when the connection is lost (about 8 s in all), then the error goes to the caller. */
const RETRY_DELAYS_MS: readonly number[] = [100, 250, 500, 1_000, 2_000, 4_000];

export interface PoolOptions {
  poolSize?: number;
  retryDelaysMs?: readonly number[];
}

/** Whether the database answered the last query, for /healthz: `lostSince` is set while it does not (epoch ms). */
export interface ConnectionHealth {
  lostSince: number | null;
  lastError: string | null;
}

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
 * `prepared`: the statement is prepared once per connection and only its parameters are sent after that, so
 * PostgreSQL parses it once and, after a few runs, plans it once: for hot queries whose best plan does not depend on
 * the values (look-ups by ids, counts over a list of words), never for a text search whose plan does.
 */
export interface QueryOptions {
  prepared?: boolean;
}

/** A prepared statement's name: the same text always gets the same name, another text another one. */
function statementName(text: string): string {
  return `wirewatch_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
}

interface OpenTransaction {
  client: pg.PoolClient;
  depth: number;
  ended: boolean;
  /** Shared by a transaction and its savepoints. */
  savepoints: { unreleased: string | null };
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
    readonly health: ConnectionHealth,
    private readonly retryDelaysMs: readonly number[],
    current?: AsyncLocalStorage<OpenTransaction>,
  ) {
    this.current = current ?? new AsyncLocalStorage();
  }

  static fromPool(pool: pg.Pool, retryDelaysMs = RETRY_DELAYS_MS): PgDatabase {
    const health: ConnectionHealth = { lostSince: null, lastError: null };
    // An idle connection dropped by the server is an event, not a crash: the pool replaces it on the next query.
    pool.on('error', (error) => lost(health, error));
    return new PgDatabase(pool, null, health, retryDelaysMs);
  }

  static fromUrl(url: string, options: PoolOptions = {}): PgDatabase {
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? DEFAULT_POOL_SIZE, types: numericTypes, connectionTimeoutMillis: 10_000 });
    return PgDatabase.fromPool(pool, options.retryDelaysMs);
  }

  private open(): OpenTransaction | null {
    const open = this.current.getStore() ?? this.bound;
    if (open?.ended) throw new Error('the transaction has already ended');
    return open;
  }

  private client(): Client {
    return this.open()?.client ?? this.pool;
  }

  /**
   * One query. Outside a transaction, a lost connection is tried again with backoff (the pool opens a new one);
   * inside one, the error goes to the caller, whose transaction is rolled back (PostgreSQL ends it with the connection).
   */
  private async query(config: pg.QueryConfig | pg.QueryArrayConfig): Promise<pg.QueryResult> {
    const client = this.client();
    for (let attempt = 0; ; attempt += 1) {
      try {
        const result = await client.query(config);
        this.health.lostSince = null;
        return result;
      } catch (error) {
        if (!isConnectionLost(error)) throw error;
        lost(this.health, error);
        const delay = this.retryDelaysMs[attempt];
        if (client !== this.pool || delay === undefined) throw error;
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  async all<Row>(sql: string, parameters: Parameters = [], options: QueryOptions = {}): Promise<Row[]> {
    const result = await this.query(withName(namedQuery(sql, parameters), options));
    return result.rows as Row[];
  }

  async get<Row>(sql: string, parameters: Parameters = []): Promise<Row | undefined> {
    return (await this.all<Row>(sql, parameters))[0];
  }

  /** The first column of the first row, or undefined without a row. */
  async value<Value>(sql: string, parameters: Parameters = []): Promise<Value | undefined> {
    const result = await this.query({ ...namedQuery(sql, parameters), rowMode: 'array' });
    return (result.rows[0] as Value[] | undefined)?.[0];
  }

  /** The first column of every row. */
  async column<Value>(sql: string, parameters: Parameters = [], options: QueryOptions = {}): Promise<Value[]> {
    const result = await this.query({ ...withName(namedQuery(sql, parameters), options), rowMode: 'array' });
    return (result.rows as Value[][]).map((row) => row[0] as Value);
  }

  /** Runs a statement; returns how many rows it changed. */
  async run(sql: string, parameters: Parameters = []): Promise<number> {
    const result = await this.query(namedQuery(sql, parameters));
    return result.rowCount ?? 0;
  }

  /** Several statements in one round trip, without parameters (migrations). */
  async exec(sql: string): Promise<void> {
    await this.query({ text: sql });
  }

  /**
   * Runs `work` in a transaction (a savepoint when one is open): committed when it resolves, rolled back when it
   * rejects. `work` gets the database bound to the transaction.
   */
  async transaction<T>(work: (db: PgDatabase) => Promise<T>): Promise<T> {
    const open = this.open();
    if (open) return this.savepoint(open, work);
    const client = await this.connect();
    const transaction: OpenTransaction = { client, depth: 0, ended: false, savepoints: { unreleased: null } };
    // A connection dropped while checked out reports here (else it would be an uncaught error); it is then discarded.
    let broken: Error | undefined;
    const onError = (error: Error) => {
      broken = error;
      lost(this.health, error);
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await this.within(transaction, work);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      if (isConnectionLost(error)) broken ??= error as Error;
      if (!broken) await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      transaction.ended = true;
      client.off('error', onError);
      client.release(broken);
    }
  }

  /**
   * A savepoint costs no round trip of its own to release: the release is sent with the next savepoint's SAVEPOINT
   * (one simple query), and a release still unsent when the transaction commits is left to the COMMIT. Meanwhile the
   * statements that follow run inside the savepoint not yet released, which undoes and keeps them exactly as its
   * parent would, since nothing rolls back to it any more.
   */
  private async savepoint<T>(open: OpenTransaction, work: (db: PgDatabase) => Promise<T>): Promise<T> {
    const nested: OpenTransaction = { client: open.client, depth: open.depth + 1, ended: false, savepoints: open.savepoints };
    const name = `wirewatch_${nested.depth}`;
    const unreleased = open.savepoints.unreleased;
    open.savepoints.unreleased = null;
    await open.client.query(`${unreleased ? `RELEASE SAVEPOINT ${unreleased}; ` : ''}SAVEPOINT ${name}`);
    try {
      const result = await this.within(nested, work);
      // Releasing this savepoint releases any left unreleased inside it.
      open.savepoints.unreleased = name;
      return result;
    } catch (error) {
      open.savepoints.unreleased = null;
      await open.client.query(`ROLLBACK TO SAVEPOINT ${name}; RELEASE SAVEPOINT ${name}`).catch(() => undefined);
      throw error;
    } finally {
      nested.ended = true;
    }
  }

  private within<T>(transaction: OpenTransaction, work: (db: PgDatabase) => Promise<T>): Promise<T> {
    return this.current.run(transaction, () => work(new PgDatabase(this.pool, transaction, this.health, this.retryDelaysMs, this.current)));
  }

  /** A connection of the pool for a transaction, waiting out a lost connection as single queries do. */
  private async connect(): Promise<pg.PoolClient> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        const client = await this.pool.connect();
        this.health.lostSince = null;
        return client;
      } catch (error) {
        const delay = this.retryDelaysMs[attempt];
        if (!isConnectionLost(error) || delay === undefined) throw error;
        lost(this.health, error);
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  /** Whether the server answers and takes writes (not a standby), asked once without retrying; never throws. */
  async acceptsWrites(): Promise<boolean> {
    try {
      const result = await this.pool.query<{ writable: boolean }>('SELECT NOT pg_is_in_recovery() AS writable');
      this.health.lostSince = null;
      return result.rows[0]?.writable === true;
    } catch (error) {
      lost(this.health, error);
      return false;
    }
  }

  /** Closes the pool once (later calls return at once). */
  async close(): Promise<void> {
    if (!this.pool.ended && !this.pool.ending) await this.pool.end();
  }
}

function withName(query: { text: string; values: unknown[] }, options: QueryOptions): pg.QueryConfig {
  return options.prepared ? { ...query, name: statementName(query.text) } : query;
}

function lost(health: ConnectionHealth, error: unknown): void {
  health.lostSince ??= Date.now();
  health.lastError = (error as Error).message ?? String(error);
}

/**
 * Opens the pool and makes sure the database answers: a wrong password, database or host fails at once with one
 * clear line (DatabaseError, without the password); a server not reachable yet is waited for as a lost one is.
 */
export async function connectPostgres(url: string, options: PoolOptions = {}): Promise<PgDatabase> {
  checkDatabaseUrl(url);
  const db = PgDatabase.fromUrl(url, options);
  try {
    await db.value('SELECT 1');
    return db;
  } catch (error) {
    await db.close().catch(() => undefined);
    throw connectionFailure(url, error);
  }
}

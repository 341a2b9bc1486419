import type { StoreBackend, Stores } from '../stores.js';
import { connectPostgres, type PgDatabase, type PoolOptions } from './connection.js';
import { createPostgresStores } from './index.js';
import { AdvisoryLeadership } from './leadership.js';
import { migratePostgres } from './migrate.js';
import { PgQuoteSearch } from './quote-search.js';
import { pruneExpiredPostgres } from './retention.js';

/** The PostgreSQL backend; `db` is there for PostgreSQL-only tests and tools. */
export interface PostgresBackend extends StoreBackend {
  readonly kind: 'postgres';
  readonly db: PgDatabase;
}

/**
 * Connects (one clear DatabaseError line when it cannot), migrates under the advisory lock, and returns the stores.
 * The pool is closed again when migrating fails.
 */
export async function openPostgresStores(url: string, options: PoolOptions = {}): Promise<PostgresBackend> {
  const db = await connectPostgres(url, options);
  try {
    await migratePostgres(db.pool);
  } catch (error) {
    await db.close();
    throw error;
  }
  return postgresBackend(db);
}

export function postgresBackend(db: PgDatabase): PostgresBackend {
  const leadership = new AdvisoryLeadership(db.pool.options);
  return {
    kind: 'postgres',
    db,
    stores: storesOver(db),
    leadership,
    // Asked once, without the retries queries get: /healthz must answer now, and a lost connection is news.
    writable: () => db.acceptsWrites(),
    close: async () => {
      await leadership.close();
      await db.close();
    },
  };
}

/** The stores over the pool, or (inside `transaction`) over one transaction's connection. */
function storesOver(db: PgDatabase): Stores {
  return {
    ...createPostgresStores(db),
    quoteSearch: new PgQuoteSearch(db),
    retention: { pruneExpired: (cutoffs) => pruneExpiredPostgres(db, cutoffs) },
    transaction: (work) => db.transaction((tx) => work(storesOver(tx))),
  };
}

import { SqliteAlertDecisionStore } from './alert-decisions.js';
import { SqliteAlertStore } from './alerts.js';
import { SqliteCommandRegistryStore } from './command-registry.js';
import { openDatabase, type Db } from './database.js';
import { soleLeadership } from './leadership.js';
import { SqliteDigestHistoryStore } from './digest-history.js';
import { SqliteFeedStore } from './feeds.js';
import { SqliteGuildTopicStore } from './guild-topics.js';
import { SqliteItemTopicStore } from './item-topics.js';
import { SqliteItemStore } from './items.js';
import { migrations as allMigrations } from './migrations/index.js';
import type { Migration } from './migrations/migration.js';
import { SqliteOutboxStore } from './outbox.js';
import { statement } from './prepared.js';
import type { Promised } from './promised.js';
import { SqliteQuietHoldStore } from './quiet-holds.js';
import { SqliteQuoteSearch } from './quote-search.js';
import { SqliteQuoteStore } from './quotes.js';
import { SqliteRetention, type Retention } from './retention.js';
import { SqliteStoryStore } from './stories.js';
import type { StoreBackend, Stores } from './stores.js';
import { SqliteSubscriptionStore } from './subscriptions.js';

/** The SQLite backend; `db` is there for SQLite-only tests and tools. */
export interface SqliteBackend extends StoreBackend {
  readonly kind: 'sqlite';
  readonly db: Db;
}

/** Opens (creating and migrating as needed) the SQLite database at `path` (`:memory:` for tests) and its stores. */
export function openSqliteStores(path: string, migrations: readonly Migration[] = allMigrations): SqliteBackend {
  return sqliteBackend(openDatabase(path, migrations));
}

/**
 * The async stores over one better-sqlite3 connection. The SQLite classes stay synchronous; what makes them safe
 * to await is whose turn it is on the connection: a transaction holds it from BEGIN to COMMIT, across its awaits,
 * and any other call (a read too) waits for its turn, so nothing writes into an open transaction, is rolled back
 * with it or reads its uncommitted rows. A call made while nobody holds the connection runs at once.
 */
export function sqliteBackend(db: Db): SqliteBackend {
  const turns = new ConnectionTurns();
  const retention = new SqliteRetention(db, (run) => turns.run(() => db.transaction(run)()));
  const classes = syncStores(db);
  const stores: Stores = {
    ...promisedStores(classes, (work) => turns.run(work)),
    retention,
    transaction: (work) => transaction(db, turns, classes, work),
  };
  return {
    kind: 'sqlite',
    db,
    stores,
    leadership: soleLeadership(),
    writable: () =>
      turns.run(() => {
        try {
          db.exec('BEGIN IMMEDIATE; ROLLBACK;');
          return true;
        } catch {
          return false;
        }
      }),
    close: async () => {
      await turns.run(() => db.close());
    },
  };
}

type SyncStores = ReturnType<typeof syncStores>;

function syncStores(db: Db) {
  return {
    feeds: new SqliteFeedStore(db),
    items: new SqliteItemStore(db),
    itemTopics: new SqliteItemTopicStore(db),
    quotes: new SqliteQuoteStore(db),
    stories: new SqliteStoryStore(db),
    subscriptions: new SqliteSubscriptionStore(db),
    outbox: new SqliteOutboxStore(db),
    alerts: new SqliteAlertStore(db),
    guildTopics: new SqliteGuildTopicStore(db),
    commandRegistry: new SqliteCommandRegistryStore(db),
    digestHistory: new SqliteDigestHistoryStore(db),
    alertDecisions: new SqliteAlertDecisionStore(db),
    quietHolds: new SqliteQuietHoldStore(db),
    quoteSearch: new SqliteQuoteSearch(db),
  };
}

/** How a store call runs: at once, or when the connection is the caller's. */
type CallRunner = <T>(work: () => T) => Promise<T>;

function promisedStores(classes: SyncStores, runCall: CallRunner): { [K in keyof SyncStores]: Promised<SyncStores[K]> } {
  const entries = Object.entries(classes).map(([name, store]) => [name, promised(store, runCall)]);
  return Object.fromEntries(entries) as { [K in keyof SyncStores]: Promised<SyncStores[K]> };
}

/** The store's methods, each called through `runCall` and answering with a promise. */
function promised<T extends object>(store: T, runCall: CallRunner): Promised<T> {
  const methods: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
  const prototype = Object.getPrototypeOf(store) as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(prototype)) {
    const method = prototype[name];
    if (name === 'constructor' || typeof method !== 'function') continue;
    methods[name] = (...args) => runCall(() => method.apply(store, args) as unknown);
  }
  return methods as Promised<T>;
}

/** BEGIN IMMEDIATE … COMMIT around `work`, holding the connection throughout; nested calls on `tx` are savepoints. */
async function transaction<T>(db: Db, turns: ConnectionTurns, classes: SyncStores, work: (tx: Stores) => Promise<T>): Promise<T> {
  await turns.take();
  const scope = { open: true, savepoints: 0 };
  const inScope: CallRunner = (call) => (scope.open ? settle(call) : Promise.reject(new Error('the transaction has already ended: use the stores outside it')));
  const tx: Stores = {
    ...promisedStores(classes, inScope),
    retention: RETENTION_IN_TRANSACTION,
    transaction: (nested) => (scope.open ? savepoint(db, scope, () => nested(tx)) : inScope(() => undefined as never)),
  };
  try {
    statement(db, 'BEGIN IMMEDIATE').run();
    try {
      const result = await work(tx);
      statement(db, 'COMMIT').run();
      return result;
    } catch (error) {
      if (db.inTransaction) statement(db, 'ROLLBACK').run();
      throw error;
    }
  } finally {
    scope.open = false;
    turns.give();
  }
}

async function savepoint<T>(db: Db, scope: { savepoints: number }, work: () => Promise<T>): Promise<T> {
  const name = `level_${scope.savepoints++}`;
  statement(db, `SAVEPOINT ${name}`).run();
  try {
    const result = await work();
    statement(db, `RELEASE ${name}`).run();
    return result;
  } catch (error) {
    // A failure SQLite answered by rolling the whole transaction back leaves no savepoint to return to.
    if (db.inTransaction) {
      statement(db, `ROLLBACK TO ${name}`).run();
      statement(db, `RELEASE ${name}`).run();
    }
    throw error;
  } finally {
    scope.savepoints -= 1;
  }
}

const RETENTION_IN_TRANSACTION: Retention = {
  pruneExpired: () => Promise.reject(new Error('pruning runs transactions of its own: call it on the stores outside a transaction')),
};

function settle<T>(call: () => T): Promise<T> {
  try {
    return Promise.resolve(call());
  } catch (error) {
    return Promise.reject(error as Error);
  }
}

/**
 * Whose turn it is on the one connection: a transaction takes it for its whole length; other callers queue behind,
 * first come first served, and a call made while it is free runs at once.
 */
class ConnectionTurns {
  private held = false;
  private readonly waiting: (() => void)[] = [];

  take(): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  give(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }

  /** Runs a synchronous call now when the connection is free, else in its turn. */
  run<T>(call: () => T): Promise<T> {
    if (!this.held) return settle(call);
    return this.take().then(() => {
      try {
        return call();
      } finally {
        this.give();
      }
    });
  }
}

import type { CommandRegistryStore } from '../command-registry.js';
import type { PgDatabase } from './connection.js';
import { ROLE_LOCK_CLASS } from './leadership.js';

/** The second key of the transaction-scoped advisory lock around a command registration (analysis batches use 100). */
const REGISTRATION_LOCK_KEY = 300;

/** CommandRegistryStore on PostgreSQL. */
export class PgCommandRegistryStore implements CommandRegistryStore {
  constructor(private readonly db: PgDatabase) {}

  async hashFor(scope: string): Promise<string | null> {
    return (await this.db.value<string>(`SELECT hash FROM command_registrations WHERE scope = $1`, [scope])) ?? null;
  }

  /**
   * `work` in a transaction holding `pg_advisory_xact_lock`: instances started together register one after another,
   * and the later ones find the hash the first recorded. `work`'s store calls join the transaction (PgDatabase
   * follows it); the lock ends with it, also when the instance dies mid-way.
   */
  async withRegistrationLock(work: () => Promise<boolean>): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.run('SELECT pg_advisory_xact_lock($1, $2)', [ROLE_LOCK_CLASS, REGISTRATION_LOCK_KEY]);
      return work();
    });
  }

  async record(scope: string, hash: string, now: number): Promise<void> {
    await this.db.run(
      `INSERT INTO command_registrations (scope, hash, registered_at) VALUES ($1, $2, $3)
       ON CONFLICT (scope) DO UPDATE SET hash = excluded.hash, registered_at = excluded.registered_at`,
      [scope, hash, now],
    );
  }
}

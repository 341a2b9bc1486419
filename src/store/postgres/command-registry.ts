import type { CommandRegistryStore } from '../command-registry.js';
import type { PgDatabase } from './connection.js';

/** CommandRegistryStore on PostgreSQL. */
export class PgCommandRegistryStore implements CommandRegistryStore {
  constructor(private readonly db: PgDatabase) {}

  async hashFor(scope: string): Promise<string | null> {
    return (await this.db.value<string>(`SELECT hash FROM command_registrations WHERE scope = $1`, [scope])) ?? null;
  }

  async record(scope: string, hash: string, now: number): Promise<void> {
    await this.db.run(
      `INSERT INTO command_registrations (scope, hash, registered_at) VALUES ($1, $2, $3)
       ON CONFLICT (scope) DO UPDATE SET hash = excluded.hash, registered_at = excluded.registered_at`,
      [scope, hash, now],
    );
  }
}

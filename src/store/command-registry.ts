import type { Promised } from './promised.js';
import type { Db } from './database.js';
import { statement } from './prepared.js';

/** The hash of the slash-command definitions last registered, per scope ("<application>:global" or "<application>:guild:<id>"). */
export class SqliteCommandRegistryStore {
  constructor(private readonly db: Db) {}

  hashFor(scope: string): string | null {
    return (statement(this.db, `SELECT hash FROM command_registrations WHERE scope = ?`).pluck().get(scope) as string | undefined) ?? null;
  }

  /**
   * Runs `work` (check the hash, register, record it) as the only instance doing so. One instance owns a SQLite
   * file, so here it simply runs; on PostgreSQL it runs under an advisory lock, and the instance that waited for it
   * then finds the definitions recorded. Resolves what `work` does (whether it registered).
   */
  async withRegistrationLock(work: () => Promise<boolean>): Promise<boolean> {
    return work();
  }

  record(scope: string, hash: string, now: number): void {
    statement(this.db, 
        `INSERT INTO command_registrations (scope, hash, registered_at) VALUES (?, ?, ?)
         ON CONFLICT (scope) DO UPDATE SET hash = excluded.hash, registered_at = excluded.registered_at`,
      )
      .run(scope, hash, now);
  }
}

/** The command registry store as both backends offer it (see promised.ts). */
export type CommandRegistryStore = Promised<SqliteCommandRegistryStore>;

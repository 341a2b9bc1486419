import type { Promised } from './promised.js';
import type { Db } from './database.js';
import { statement } from './prepared.js';

/** The hash of the slash-command definitions last registered, per scope ("<application>:global" or "<application>:guild:<id>"). */
export class SqliteCommandRegistryStore {
  constructor(private readonly db: Db) {}

  hashFor(scope: string): string | null {
    return (statement(this.db, `SELECT hash FROM command_registrations WHERE scope = ?`).pluck().get(scope) as string | undefined) ?? null;
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

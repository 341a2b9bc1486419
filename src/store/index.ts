import { openSqliteStores } from './sqlite-backend.js';
import type { StoreBackend } from './stores.js';

export { DatabaseError } from './database.js';
export type { StoreBackend, Stores } from './stores.js';

/** Where the data lives: PostgreSQL at `databaseUrl` when given, else the SQLite file at `sqlitePath`. */
export interface StoreLocation {
  databaseUrl?: string | undefined;
  sqlitePath: string;
}

/** Opens (creating and migrating as needed) the database the location names, and its stores. */
export async function openStores(location: StoreLocation): Promise<StoreBackend> {
  if (location.databaseUrl !== undefined) throw new Error('PostgreSQL store not built yet: unset WIREWATCH_DATABASE_URL to use SQLite.');
  return openSqliteStores(location.sqlitePath);
}

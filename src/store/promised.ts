/**
 * A store as the rest of the code sees it, on either backend: every public method of the SQLite class, with the same
 * name, parameters and records, returning a promise (PostgreSQL answers asynchronously). The SQLite class stays
 * synchronous underneath; `sqlite-backend.ts` wraps it. For example `Promised<SqliteItemStore>` has
 * `byId(itemId: number, viewer: Viewer): Promise<StoredItem | null>`.
 */
export type Promised<T> = {
  [K in keyof T]: T[K] extends (...args: infer A) => infer R ? (...args: A) => Promise<Awaited<R>> : never;
};

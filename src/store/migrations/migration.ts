/** One forward-only schema step, applied inside a transaction. `version` is its position (1-based). */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

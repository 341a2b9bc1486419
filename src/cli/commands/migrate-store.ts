import { resolve } from 'node:path';
import { copySqliteFileToPostgres } from '../../store/postgres/copy-from-sqlite.js';
import { describeDatabaseUrl } from '../../store/postgres/connection-errors.js';
import { parseArgs } from '../args.js';
import { UsageError, type CliCommand } from '../io.js';

const USAGE = 'wirewatch migrate-store --from ./data/wirewatch.db --to postgres://user:password@host:5432/database';

/**
 * `wirewatch migrate-store --from <sqlite file> --to <postgres URL>`: moves an install from SQLite to PostgreSQL.
 * Copies every table into the (new, empty) PostgreSQL database in one transaction and checks each table's row
 * count; prints them. Stop wirewatch first, so that nothing is written to SQLite during the copy.
 */
export const runMigrateStoreCommand: CliCommand = async (argv, io) => {
  const args = parseArgs(argv, { options: ['from', 'to'] });
  const [from] = args.options.get('from') ?? [];
  const [to] = args.options.get('to') ?? [];
  if (from === undefined || to === undefined || args.positionals.length > 0) throw new UsageError(`give both ends: ${USAGE}`);
  const copied = await copySqliteFileToPostgres(resolve(io.cwd, from), to);
  const width = Math.max(...copied.map(({ table }) => table.length));
  const lines = copied.map(({ table, rows }) => `  ${table.padEnd(width)}  ${rows.toLocaleString('en-US')} rows`);
  io.stdout(`Copied ${from} to ${describeDatabaseUrl(to)}; every table holds as many rows as in SQLite:\n${lines.join('\n')}\n`);
  io.stdout(`Start wirewatch with WIREWATCH_DATABASE_URL set to that URL to use it.\n`);
  return 0;
};

import { z } from 'zod';
import { startEmbeddedPostgres } from '../test/support/postgres-server.js';
import { figure, type Figure } from './support/figures.js';
import { median } from './support/stats.js';
import { measurePollCycles } from './poll-cycle.js';
import { FIGURES } from './targets.js';

const inputSchema = z.object({ feedUrls: z.array(z.string().url()).min(2) });

/**
 * The poll cycle of `poll-cycle` (500 feeds, the whole app) on PostgreSQL beside SQLite, in one process and one run:
 * SQLite first, then PostgreSQL (embedded, on loopback, in a database of its own), each on a fresh database. The
 * figure is the polling process's CPU time per cycle, its ratio to SQLite's the target; the PostgreSQL server's own
 * CPU time is not counted (it is another process, as SQLite's work is not).
 */
export async function run(input: unknown): Promise<Figure[]> {
  const { feedUrls } = inputSchema.parse(input);
  const server = await startEmbeddedPostgres();
  try {
    const sqlite = await measurePollCycles(feedUrls);
    const postgres = await measurePollCycles(feedUrls, { WIREWATCH_DATABASE_URL: server.adminUrl });
    const sqliteCpu = median(sqlite.cpuSeconds);
    const postgresCpu = median(postgres.cpuSeconds);
    const note =
      `${feedUrls.length} feeds; last cycle on PostgreSQL: ${postgres.last.notModified} × 304, ${postgres.last.updated} feeds with ${postgres.last.newItems} new items; ` +
      `wall time per cycle ${(median(postgres.wallMs) / 1000).toFixed(2)} s (SQLite ${(median(sqlite.wallMs) / 1000).toFixed(2)} s)`;
    return [
      figure({
        ...FIGURES.postgresPollCycle,
        value: postgresCpu,
        runs: postgres.cpuSeconds.length,
        baseline: { name: 'SQLite, same feeds, same process', value: sqliteCpu, unit: 's' },
        ratio: postgresCpu / sqliteCpu,
        note,
      }),
    ];
  } finally {
    await server.stop();
  }
}

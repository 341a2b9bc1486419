import { openDatabase } from '../src/store/database.js';
import { copySqliteToPostgres } from '../src/store/postgres/copy-from-sqlite.js';
import { PgDatabase } from '../src/store/postgres/connection.js';
import { migratePostgres } from '../src/store/postgres/migrate.js';
import { PgQuoteSearch } from '../src/store/postgres/quote-search.js';
import { searchQuotes, type WhoSaidResult } from '../src/store/quote-search.js';
import { guildViewer } from '../src/store/visibility.js';
import { startEmbeddedPostgres } from '../test/support/postgres-server.js';
import { seededRandom } from '../test/support/random.js';
import { sampleFragmentsWithSources, seedSyntheticQuotes } from '../test/support/synthetic-quotes.js';
import { figure, type Figure } from './support/figures.js';
import { median, percentile, settle } from './support/stats.js';
import { FIGURES } from './targets.js';

const QUOTES = 100_000;
const QUERIES = 300;
const RUNS = 3;
const ASKING_GUILD = guildViewer('140000000000000001');

/** The same wording, whatever the trailing full stop: the generator can produce one statement more than once. */
const sameWording = (a: string, b: string) => a.replace(/[.\s]+$/, '') === b.replace(/[.\s]+$/, '');

/** Stretches of 6 to 10 consecutive words of stored statements, verbatim, with the statement each came from. */
function verbatimStretches(statements: readonly string[], count: number): { fragment: string; source: string }[] {
  const next = seededRandom(6);
  return Array.from({ length: count }, () => {
    const source = statements[Math.floor(next() * statements.length)] as string;
    const words = source.split(' ');
    const length = Math.min(words.length, 6 + Math.floor(next() * 5));
    const start = Math.floor(next() * (words.length - length + 1));
    return { fragment: words.slice(start, start + length).join(' '), source };
  });
}

/**
 * /whosaid on PostgreSQL beside SQLite, in one run on the same 100,000 varied synthetic quotes (seeded into SQLite, copied
 * into an embedded PostgreSQL with migrate-store's copy) and the same fragments, asked as a guild: p95 latency of
 * misremembered fragments (as the SQLite benchmark asks them), and top-1 relevance: for stretches of six or more
 * consecutive words of stored quotes, how often the quote they came from is the first answer.
 */
export async function run(): Promise<Figure[]> {
  const server = await startEmbeddedPostgres();
  const sqlite = openDatabase(':memory:');
  const postgres = PgDatabase.fromUrl(server.adminUrl, { poolSize: 2 });
  try {
    const { statements } = seedSyntheticQuotes(sqlite, QUOTES, 1, { varied: true });
    await migratePostgres(postgres.pool);
    await copySqliteToPostgres(sqlite, postgres);
    await postgres.exec('VACUUM ANALYZE');
    const search = new PgQuoteSearch(postgres);
    const onSqlite = async (fragment: string) => searchQuotes(sqlite, fragment, { viewer: ASKING_GUILD });
    const onPostgres = (fragment: string) => search.search(fragment, { viewer: ASKING_GUILD });
    const samples = sampleFragmentsWithSources(statements, QUERIES);
    for (const { fragment } of samples.slice(0, 30)) await Promise.all([onSqlite(fragment), onPostgres(fragment)]);

    const p95 = { sqlite: [] as number[], postgres: [] as number[] };
    for (let round = 0; round < RUNS; round += 1) {
      await settle();
      for (const [backend, ask] of [['sqlite', onSqlite], ['postgres', onPostgres]] as const) {
        const latencies: number[] = [];
        for (const { fragment } of samples) {
          const started = performance.now();
          await ask(fragment);
          latencies.push(performance.now() - started);
        }
        p95[backend].push(percentile(latencies, 0.95));
      }
    }

    const stretches = verbatimStretches(statements, QUERIES);
    const top1 = async (ask: (fragment: string) => Promise<WhoSaidResult>) => {
      let right = 0;
      for (const { fragment, source } of stretches) if (sameWording((await ask(fragment)).best?.quote ?? '', source)) right += 1;
      return (100 * right) / stretches.length;
    };
    const [sqliteTop1, postgresTop1] = [await top1(onSqlite), await top1(onPostgres)];
    // How many stretches occur in one statement only: where several share one, no search can know which was meant.
    const identifying = stretches.filter(({ fragment }) => statements.filter((statement) => statement.includes(fragment)).length === 1).length;
    const sqliteP95 = median(p95.sqlite);
    const postgresP95 = median(p95.postgres);
    const note = `${QUOTES.toLocaleString('en-US')} quotes, ${QUERIES} misremembered fragments per run as a guild (PostgreSQL 18, embedded, on this machine, over loopback)`;
    const top1Note = `${stretches.length} verbatim stretches of 6–10 words; ${identifying} of them occur in one generated statement only`;
    return [
      figure({ ...FIGURES.postgresWhosaidP95, value: postgresP95, runs: RUNS, baseline: { name: 'SQLite, same quotes and fragments', value: sqliteP95, unit: 'ms' }, ratio: postgresP95 / sqliteP95, note }),
      figure({ ...FIGURES.whosaidTop1Sqlite, value: sqliteTop1, runs: 1, note: top1Note }),
      figure({ ...FIGURES.whosaidTop1Postgres, value: postgresTop1, runs: 1, note: top1Note }),
    ];
  } finally {
    sqlite.close();
    await postgres.close();
    await server.stop();
  }
}

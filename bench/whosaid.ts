import { z } from 'zod';
import { searchQuotes } from '../src/store/quote-search.js';
import { openDatabase } from '../src/store/database.js';
import { sampleFragmentsWithSources, seedSyntheticQuotes } from '../test/support/synthetic-quotes.js';
import { figure, type Figure } from './support/figures.js';
import { median, percentile, settle, timeMs } from './support/stats.js';
import { FIGURES } from './targets.js';
import { guildViewer } from '../src/store/visibility.js';

const QUERIES = 300;
/** Searches run as a guild's, as /whosaid does: the visibility filter is part of what is measured. */
const ASKING_GUILD = guildViewer('140000000000000001');
const RUNS = 3;
const inputSchema = z.object({ quotes: z.union([z.literal(10_000), z.literal(100_000)]) });

/**
 * searchQuotes over an in-memory database seeded with synthetic quotes (test/support/synthetic-quotes.ts), queried
 * with misremembered fragments (verbatim, a word changed, misspelt or left out). p50/p95 per run, median of runs.
 */
export async function run(input: unknown): Promise<Figure[]> {
  const { quotes } = inputSchema.parse(input);
  const [p50Spec, p95Spec] = quotes === 10_000 ? [FIGURES.whosaid10kP50, FIGURES.whosaid10kP95] : [FIGURES.whosaid100kP50, FIGURES.whosaid100kP95];
  const db = openDatabase(':memory:');
  let seeded: string[] = [];
  const seedMs = timeMs(() => {
    seeded = seedSyntheticQuotes(db, quotes).statements;
  });
  const samples = sampleFragmentsWithSources(seeded, QUERIES);
  for (const { fragment } of samples.slice(0, 30)) searchQuotes(db, fragment, { viewer: ASKING_GUILD });

  const p50s: number[] = [];
  const p95s: number[] = [];
  let answered = 0;
  let right = 0;
  for (let round = 0; round < RUNS; round += 1) {
    await settle();
    answered = 0;
    right = 0;
    const latencies = samples.map(({ fragment, source }) =>
      timeMs(() => {
        const { best } = searchQuotes(db, fragment, { viewer: ASKING_GUILD });
        if (!best) return;
        answered += 1;
        // The same statement can be generated more than once; any copy of the source wording is the right answer.
        if (best.quote.replace(/[.\s]+$/, '') === source.replace(/[.\s]+$/, '')) right += 1;
      }),
    );
    p50s.push(percentile(latencies, 0.5));
    p95s.push(percentile(latencies, 0.95));
  }
  db.close();
  const note = `${quotes.toLocaleString('en-US')} quotes seeded in ${(seedMs / 1000).toFixed(1)} s; ${QUERIES} fragments per run, ${answered} answered, ${right} of them with the very statement the fragment was drawn from (short fragments often occur in several statements)`;
  return [
    figure({ ...p50Spec, value: median(p50s), runs: RUNS, note }),
    figure({ ...p95Spec, value: median(p95s), runs: RUNS }),
  ];
}

import type { Figure } from './support/figures.js';
import { startFeedHosts } from './support/feed-hosts.js';
import { FIGURES, type FigureSpec } from './targets.js';

type RunBenchmark = (input: unknown) => Promise<Figure[]>;

/** Work done in the parent process around a child benchmark (serving its feeds), so the child's RSS is its own. */
export interface ParentSide {
  input: unknown;
  close(): Promise<void>;
}

export interface BenchmarkSpec {
  figures: FigureSpec[];
  /** Passed to the benchmark's run() when there is no parent side. */
  input?: unknown;
  /** Loads the benchmark module (in the child process that runs it). */
  load(): Promise<{ run: RunBenchmark }>;
  parent?: () => Promise<ParentSide>;
}

function spec(
  figures: FigureSpec[],
  importer: () => Promise<{ run: RunBenchmark }>,
  options: Pick<BenchmarkSpec, 'input' | 'parent'> = {},
): BenchmarkSpec {
  return { figures, load: importer, ...options };
}

/** The suite, in the order it runs: cheap in-memory benchmarks first, the seeded-database and network ones last. */
export const BENCHMARKS = {
  parse: spec([FIGURES.parse], () => import('./parse.js')),
  topics: spec([FIGURES.topics10, FIGURES.topics1000], () => import('./topics.js')),
  'topics-hostile': spec([FIGURES.topicsHostile], () => import('./topics-hostile.js')),
  quotes: spec([FIGURES.quotes], () => import('./quotes.js')),
  summary: spec([FIGURES.summary], () => import('./summary.js')),
  'timeline-chart': spec([FIGURES.timelineChart], () => import('./timeline-chart.js')),
  stories: spec([FIGURES.stories], () => import('./stories.js')),
  'whosaid-10k': spec([FIGURES.whosaid10kP50, FIGURES.whosaid10kP95], () => import('./whosaid.js'), { input: { quotes: 10_000 } }),
  'whosaid-100k': spec([FIGURES.whosaid100kP50, FIGURES.whosaid100kP95], () => import('./whosaid.js'), { input: { quotes: 100_000 } }),
  'whosaid-postgres': spec([FIGURES.postgresWhosaidP95, FIGURES.whosaidTop1Sqlite, FIGURES.whosaidTop1Postgres], () => import('./postgres-whosaid.js')),
  'poll-cycle': spec([FIGURES.pollWall, FIGURES.pollRss], () => import('./poll-cycle.js'), { parent: startPollFeeds }),
  'poll-cycle-postgres': spec([FIGURES.postgresPollCycle], () => import('./postgres-poll-cycle.js'), { parent: startPollFeeds }),
  'alert-latency': spec([FIGURES.alertP50, FIGURES.alertP95], () => import('./alert-latency.js')),
  scale: spec(
    [FIGURES.scaleSqliteCycle, FIGURES.scaleSqliteCpu, FIGURES.scalePostgresCycle, FIGURES.scalePostgresCpu, FIGURES.scalePairCycle, FIGURES.scalePairCpu, FIGURES.scaleDuplicates, FIGURES.scaleSplit],
    () => import('./scale.js'),
  ),
} satisfies Record<string, BenchmarkSpec>;

export type BenchmarkId = keyof typeof BENCHMARKS;

export function isBenchmarkId(id: string): id is BenchmarkId {
  return Object.hasOwn(BENCHMARKS, id);
}

/**
 * Feeds start small: every item of the first poll goes through all item stages, and 500 full feeds would make that
 * set-up cost minutes. The measured cycles come after it.
 */
const FIRST_POLL_ITEMS = 5;

async function startPollFeeds(): Promise<ParentSide> {
  const hosts = await startFeedHosts({ feeds: 500, hosts: 10, firstPollItems: FIRST_POLL_ITEMS });
  return { input: { feedUrls: hosts.feedUrls }, close: () => hosts.close() };
}

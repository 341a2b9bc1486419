import type { Target } from './support/figures.js';

/** Every figure the suite reports: its name, unit and target (from the performance issues). */
export interface FigureSpec {
  name: string;
  unit: string;
  target: Target | null;
}

export const FIGURES = {
  parse: { name: 'parse + normalise, 2 MB / 1,000-item RSS', unit: 'MB/s', target: { of: 'ratio', atMost: 1.3 } },
  topics10: { name: 'topic matching, 10 topics', unit: 'items/s', target: { of: 'value', atLeast: 20_000 } },
  topics1000: { name: 'topic matching, 1,000 topics', unit: 'items/s', target: { of: 'ratio', atMost: 3 } },
  topicsHostile: { name: 'topic matching, 10 topics + 50 hostile guild topics', unit: 'items/s', target: { of: 'ratio', atMost: 2 } },
  quotes: { name: 'quote extraction CPU time per 1,000-word article', unit: 'ms', target: { of: 'value', atMost: 5 } },
  summary: { name: 'summary per 1,000-word article', unit: 'ms', target: null },
  stories: { name: 'story clustering per item, 10,000 in window', unit: 'ms', target: null },
  whosaid10kP50: { name: '/whosaid p50, 10,000 quotes', unit: 'ms', target: null },
  whosaid10kP95: { name: '/whosaid p95, 10,000 quotes', unit: 'ms', target: { of: 'value', atMost: 5 } },
  whosaid100kP50: { name: '/whosaid p50, 100,000 quotes', unit: 'ms', target: null },
  whosaid100kP95: { name: '/whosaid p95, 100,000 quotes', unit: 'ms', target: { of: 'value', atMost: 5 } },
  postgresWhosaidP95: { name: '/whosaid p95, 100,000 quotes (PostgreSQL)', unit: 'ms', target: { of: 'value', atMost: 10 } },
  whosaidTop1Sqlite: { name: '/whosaid top-1, 6+ word stretches, 100,000 quotes (SQLite)', unit: '%', target: { of: 'value', atLeast: 95 } },
  whosaidTop1Postgres: { name: '/whosaid top-1, 6+ word stretches, 100,000 quotes (PostgreSQL)', unit: '%', target: { of: 'value', atLeast: 95 } },
  pollWall: { name: 'poll cycle, 500 feeds (250 × 304): wall time', unit: 's', target: { of: 'value', atMost: 10 } },
  pollRss: { name: 'poll cycle, 500 feeds: peak RSS', unit: 'MB', target: { of: 'value', atMost: 200 } },
  postgresPollCycle: { name: 'poll cycle, 500 feeds (PostgreSQL): CPU time', unit: 's', target: { of: 'ratio', atMost: 1.5 } },
  alertP50: { name: 'new item → Discord alert p50, 200 items', unit: 'ms', target: null },
  alertP95: { name: 'new item → Discord alert p95, 200 items', unit: 'ms', target: { of: 'value', atMost: 1000 } },
  scaleSqliteCycle: { name: 'poll cycle, 10,000 feeds, 2,500 guilds, 1 SQLite instance: wall time', unit: 's', target: { of: 'value', atMost: 300 } },
  scaleSqliteCpu: { name: 'poll cycle, 10,000 feeds, 2,500 guilds, 1 SQLite instance: CPU time', unit: 's', target: { of: 'value', atMost: 150 } },
  scalePostgresCycle: { name: 'poll cycle, 10,000 feeds, 2,500 guilds, 1 PostgreSQL instance: wall time', unit: 's', target: null },
  scalePostgresCpu: { name: 'poll cycle, 10,000 feeds, 2,500 guilds, 1 PostgreSQL instance: CPU time', unit: 's', target: null },
  scalePairCycle: { name: 'poll cycle, 10,000 feeds, 2,500 guilds, 2 PostgreSQL instances: wall time', unit: 's', target: null },
  scalePairCpu: { name: 'poll cycle, 10,000 feeds, 2,500 guilds, 2 PostgreSQL instances: CPU time of both', unit: 's', target: null },
  scaleSplit: { name: 'poll cycle, 10,000 feeds, 2 instances: smaller share of the polls', unit: '%', target: { of: 'value', atLeast: 30 } },
  scaleDuplicates: { name: 'poll cycle, 10,000 feeds: feeds fetched twice in a cycle', unit: 'fetches', target: { of: 'value', atMost: 0 } },
  timelineChart: { name: 'timeline chart render, 90 days', unit: 'ms', target: { of: 'value', atMost: 300 } },
} satisfies Record<string, FigureSpec>;

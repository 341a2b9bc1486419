import { mergeOutletQuotes, rankKeyQuotes, type KeyQuoteCandidate, type OutletQuote } from '../summary/key-quotes.js';

/** A quotation found in one report (the quote extractor's output, trimmed to what ranking needs). */
export interface ReportQuote {
  quote: string;
  speaker: string | null;
  speakerId?: string | null;
  speakerLabel?: string | null;
  confidence: number;
}

/** One report that belongs to a story. */
export interface StoryReport {
  outlet: string;
  url: string;
  title: string;
  publishedAt: Date;
  /** Ids of the topics the report matched. */
  topics?: string[];
  quotes?: ReportQuote[];
}

export interface StoryMeta {
  /** Distinct outlets in order of their first report. */
  outlets: string[];
  /** Each outlet's first report. */
  sources: { outlet: string; url: string; title: string }[];
  firstReportAt: Date;
  latestReportAt: Date;
  /** Union of the reports' topics, sorted. */
  topics: string[];
  reportCount: number;
  /** Ranked, the same quotation from several outlets merged (see rankKeyQuotes). */
  keyQuotes: KeyQuoteCandidate[];
}

export interface StoryMetaOptions {
  /** Person ids of the talks' principals (people.json `principal: true`). */
  principalIds?: ReadonlySet<string>;
  /** Default 3. */
  maxKeyQuotes?: number;
}

/** What a story knows about itself from its reports. Returns null for a story without reports. */
export function summarizeStoryMeta(reports: readonly StoryReport[], options: StoryMetaOptions = {}): StoryMeta | null {
  if (reports.length === 0) return null;
  const chronological = [...reports].sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime());
  const sources = new Map<string, { outlet: string; url: string; title: string }>();
  for (const report of chronological) {
    if (!sources.has(report.outlet)) sources.set(report.outlet, { outlet: report.outlet, url: report.url, title: report.title });
  }
  const principals = options.principalIds ?? new Set<string>();
  const quotes: OutletQuote[] = chronological.flatMap((report) =>
    (report.quotes ?? []).map((quote) => ({
      ...quote,
      outlet: report.outlet,
      principal: Boolean(quote.speakerId && principals.has(quote.speakerId)),
    })),
  );
  return {
    outlets: [...sources.keys()],
    sources: [...sources.values()],
    firstReportAt: chronological[0]!.publishedAt,
    latestReportAt: chronological[chronological.length - 1]!.publishedAt,
    topics: [...new Set(chronological.flatMap((report) => report.topics ?? []))].sort(),
    reportCount: chronological.length,
    keyQuotes: rankKeyQuotes(mergeOutletQuotes(quotes), options.maxKeyQuotes ?? 3),
  };
}

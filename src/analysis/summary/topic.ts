import { splitSentences } from '../../text/sentences.js';
import type { KeyQuoteCandidate } from './key-quotes.js';

export interface StorySource {
  outlet: string;
  url: string;
  /** The outlet's perspective id (config/perspectives.json), when known. */
  perspective?: string;
}

/** What the summary and digest layers need to know about a story (read from storage by services/stories.ts). */
export interface StoryDigestInput {
  id: string;
  title: string;
  /** Link to the story's best report. */
  url: string;
  /** The story summary (see summarizeStory); its first sentence is the one-line summary. */
  summary: string;
  /** One entry per outlet, earliest report first. */
  sources: StorySource[];
  firstReportAt: Date;
  latestReportAt: Date;
  /** Ranked key quotes (see rankKeyQuotes); the first one is shown. */
  keyQuotes: KeyQuoteCandidate[];
}

export interface TopicWindowOptions {
  now: Date;
  windowHours: number;
  /** Default 5. */
  limit?: number;
}

export interface TopicStoryLine {
  id: string;
  title: string;
  url: string;
  line: string;
  keyQuote: KeyQuoteCandidate | null;
  links: StorySource[];
  outletCount: number;
}

export interface TopicSummary {
  windowStart: Date;
  windowEnd: Date;
  stories: TopicStoryLine[];
}

/**
 * Stories reported within the window, most important first: more distinct outlets ranks higher, and a story's weight
 * halves for every half-window since its latest report, so a fresh story with fewer outlets can pass a stale one.
 */
export function rankStoriesInWindow<T extends StoryDigestInput>(stories: readonly T[], windowStart: Date, windowEnd: Date): T[] {
  const halfLifeMs = Math.max(1, (windowEnd.getTime() - windowStart.getTime()) / 2);
  const inWindow = stories.filter(
    (story) => story.latestReportAt >= windowStart && story.firstReportAt <= windowEnd,
  );
  const weight = (story: T) =>
    distinctOutlets(story) * 2 ** (-(windowEnd.getTime() - story.latestReportAt.getTime()) / halfLifeMs);
  return inWindow
    .map((story) => ({ story, weight: weight(story) }))
    .sort((a, b) => b.weight - a.weight || b.story.latestReportAt.getTime() - a.story.latestReportAt.getTime())
    .map(({ story }) => story);
}

export function distinctOutlets(story: StoryDigestInput): number {
  return new Set(story.sources.map((source) => source.outlet)).size;
}

/** The top stories of a topic over the last `windowHours`, each with a one-line summary, key quote and links. */
export function summarizeTopic(stories: readonly StoryDigestInput[], options: TopicWindowOptions): TopicSummary {
  const windowEnd = options.now;
  const windowStart = new Date(windowEnd.getTime() - options.windowHours * 3_600_000);
  const top = rankStoriesInWindow(stories, windowStart, windowEnd).slice(0, options.limit ?? 5);
  return {
    windowStart,
    windowEnd,
    stories: top.map((story) => ({
      id: story.id,
      title: story.title,
      url: story.url,
      line: firstSentence(story.summary),
      keyQuote: story.keyQuotes[0] ?? null,
      links: story.sources,
      outletCount: distinctOutlets(story),
    })),
  };
}

export function firstSentence(summary: string): string {
  return splitSentences(summary)[0]?.text ?? '';
}

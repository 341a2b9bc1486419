import type { Perspective } from '../analysis/sides/types.js';
import type { StoryDigestInput, StorySource } from '../analysis/summary/topic.js';

export interface DigestTopic {
  id: string;
  name: string;
}

/** A story as the digest receives it: the summary layer's story plus the topics it matched. */
export interface DigestStory extends StoryDigestInput {
  /** The topics the story matched, the best-matching first. */
  topicIds: string[];
  /** Each report's perspective id and publication time (epoch ms): what blindspots are found from. */
  reports?: readonly { perspective: string; publishedAt: number }[];
}

export interface DigestInput {
  /** The subscription's topics, in the order their sections appear. */
  subscriptionTopics: DigestTopic[];
  stories: DigestStory[];
  /** Stories the previous digest of this subscription showed: shown again only as "developing". */
  previousDigestStoryIds: ReadonlySet<string>;
  windowStart: Date;
  windowEnd: Date;
  /** On a quiet day, say "no new coverage" instead of sending nothing. */
  quietNote: boolean;
  /** config/perspectives.json: with it, each story says how many of its outlets each side has. */
  perspectives?: readonly Perspective[];
  /** Add the "Covered by one side only" section (needs `perspectives`). */
  blindspots?: boolean;
}

export type DigestStoryStatus = 'new' | 'developing';

export interface DigestEntry {
  storyId: string;
  status: DigestStoryStatus;
  title: string;
  url: string;
  /** The first sentence of the story summary. */
  summaryLine: string;
  keyQuote: DigestKeyQuote | null;
  sources: StorySource[];
  /** "Reported by 4 outlets: 🇺🇦 2 · 🌐 1 · 🇷🇺 state 1"; null without perspectives. */
  coverage: string | null;
}

/** A story in the window that only one side covered. */
export interface DigestBlindspot {
  storyId: string;
  title: string;
  url: string;
  /** The side, e.g. "🇷🇺 Russian state media". */
  side: string;
  /** Its reports in the window. */
  reports: number;
}

/** A story's key quote as the digest shows it, credited to the speaker's name, else to how the article describes them. */
export interface DigestKeyQuote {
  quote: string;
  speaker: string;
}

export interface DigestSection {
  topic: DigestTopic;
  entries: DigestEntry[];
}

export interface DigestQuoteLine {
  quote: string;
  speaker: string;
  storyId: string;
  storyTitle: string;
  url: string;
}

export interface Digest {
  windowStart: Date;
  windowEnd: Date;
  /** Non-empty sections in subscription order; each story appears once, under the subscribed topic it matches best. */
  sections: DigestSection[];
  /** The day's top quotes by named speakers, one per speaker. */
  whoSaidWhat: DigestQuoteLine[];
  /** Stories of the digest that only one side covered in the window (empty unless asked for). */
  blindspots: DigestBlindspot[];
  /** Subscribed topics without new coverage (listed only when the quiet note is on). */
  quietTopics: DigestTopic[];
}

import type { StoryDigestInput, StorySource } from '../analysis/summary/topic.js';

export interface DigestTopic {
  id: string;
  name: string;
}

/** A story as the digest receives it: the summary layer's story plus the topics it matched. */
export interface DigestStory extends StoryDigestInput {
  /** The topics the story matched, the best-matching first. */
  topicIds: string[];
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
  /** Subscribed topics without new coverage (listed only when the quiet note is on). */
  quietTopics: DigestTopic[];
}

import { rankKeyQuotes, type KeyQuoteCandidate } from '../analysis/summary/key-quotes.js';
import { firstSentence, rankStoriesInWindow } from '../analysis/summary/topic.js';
import type { Digest, DigestEntry, DigestInput, DigestKeyQuote, DigestQuoteLine, DigestSection, DigestStory, DigestTopic } from './types.js';

const WHO_SAID_WHAT_LIMIT = 5;

/**
 * The digest of one subscription over a window: per subscribed topic, the stories reported in the window (most
 * outlets and most recent first), each marked new or, when the previous digest already showed it, developing; then
 * the day's top quotes. Pure: the caller supplies the stories, the previous digest's story ids and the window.
 */
export function buildDigest(input: DigestInput): Digest {
  const ranked = rankStoriesInWindow(input.stories, input.windowStart, input.windowEnd);
  const subscribed = new Set(input.subscriptionTopics.map((topic) => topic.id));
  // A story matching several subscribed topics goes under the one it matches best (its topicIds come best first).
  const home = new Map(ranked.map((story) => [story.id, story.topicIds.find((id) => subscribed.has(id))]));
  const sections: DigestSection[] = [];
  const quietTopics: DigestTopic[] = [];
  for (const topic of input.subscriptionTopics) {
    const stories = ranked.filter((story) => home.get(story.id) === topic.id);
    if (stories.length > 0) sections.push({ topic, entries: stories.map((story) => toEntry(story, input.previousDigestStoryIds)) });
    else if (input.quietNote) quietTopics.push(topic);
  }
  const shown = ranked.filter((story) => home.get(story.id) !== undefined);
  return {
    windowStart: input.windowStart,
    windowEnd: input.windowEnd,
    sections,
    whoSaidWhat: topQuotes(shown),
    quietTopics,
  };
}

function toEntry(story: DigestStory, previous: ReadonlySet<string>): DigestEntry {
  return {
    storyId: story.id,
    status: previous.has(story.id) ? 'developing' : 'new',
    title: story.title,
    url: story.url,
    summaryLine: firstSentence(story.summary),
    keyQuote: creditedQuote(story.keyQuotes[0]),
    sources: story.sources,
  };
}

function creditedQuote(quote: KeyQuoteCandidate | undefined): DigestKeyQuote | null {
  return quote ? { quote: quote.quote, speaker: quote.speaker ?? quote.speakerLabel ?? 'unattributed' } : null;
}

/** The best quotes by named speakers across the digest's stories, one per speaker. */
function topQuotes(stories: readonly DigestStory[]): DigestQuoteLine[] {
  const candidates: (KeyQuoteCandidate & { story: DigestStory })[] = stories.flatMap((story) =>
    story.keyQuotes.filter((quote) => quote.speaker).map((quote) => ({ ...quote, story })),
  );
  const lines: DigestQuoteLine[] = [];
  const speakers = new Set<string>();
  for (const candidate of rankKeyQuotes(candidates)) {
    const speaker = candidate.speaker!;
    if (speakers.has(speaker)) continue;
    speakers.add(speaker);
    lines.push({ quote: candidate.quote, speaker, storyId: candidate.story.id, storyTitle: candidate.story.title, url: candidate.story.url });
    if (lines.length >= WHO_SAID_WHAT_LIMIT) break;
  }
  return lines;
}

import { coverageOfOutlets, DEFAULT_PERSPECTIVE, findBlindspots, type Perspective } from '../analysis/sides/index.js';
import { rankKeyQuotes, type KeyQuoteCandidate } from '../analysis/summary/key-quotes.js';
import { firstSentence, rankStoriesInWindow } from '../analysis/summary/topic.js';
import type { Digest, DigestBlindspot, DigestEntry, DigestInput, DigestKeyQuote, DigestQuoteLine, DigestSection, DigestStory, DigestTopic } from './types.js';

const WHO_SAID_WHAT_LIMIT = 5;

/**
 * The digest of one subscription over a window: per subscribed topic, the stories reported in the window (most
 * outlets and most recent first), each marked new or, when the previous digest already showed it, developing; then
 * the day's top quotes; and, when asked for, the stories only one side covered. Pure: the caller supplies the
 * stories, the previous digest's story ids and the window.
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
    if (stories.length > 0) sections.push({ topic, entries: stories.map((story) => toEntry(story, input.previousDigestStoryIds, input.perspectives)) });
    else if (input.quietNote) quietTopics.push(topic);
  }
  const shown = ranked.filter((story) => home.get(story.id) !== undefined);
  return {
    windowStart: input.windowStart,
    windowEnd: input.windowEnd,
    sections,
    whoSaidWhat: topQuotes(shown),
    blindspots: input.blindspots && input.perspectives ? blindspotsOf(shown, input, input.perspectives) : [],
    quietTopics,
  };
}

function toEntry(story: DigestStory, previous: ReadonlySet<string>, perspectives: readonly Perspective[] | undefined): DigestEntry {
  return {
    storyId: story.id,
    status: previous.has(story.id) ? 'developing' : 'new',
    title: story.title,
    url: story.url,
    summaryLine: firstSentence(story.summary),
    keyQuote: creditedQuote(story.keyQuotes[0]),
    sources: story.sources,
    coverage: perspectives ? coverageOfOutlets(story.sources.map((source) => source.perspective ?? DEFAULT_PERSPECTIVE), perspectives) : null,
  };
}

function blindspotsOf(stories: readonly DigestStory[], input: DigestInput, perspectives: readonly Perspective[]): DigestBlindspot[] {
  const byId = new Map(stories.map((story) => [story.id, story]));
  const window = { since: input.windowStart.getTime(), until: input.windowEnd.getTime() };
  const found = findBlindspots(stories.map((story) => ({ storyId: story.id, reports: story.reports ?? [] })), window, perspectives);
  return found.flatMap((blindspot) => {
    const story = byId.get(blindspot.storyId);
    const side = `${blindspot.perspective.emoji} ${blindspot.perspective.label}`;
    return story ? [{ storyId: story.id, title: story.title, url: story.url, side, reports: blindspot.reports }] : [];
  });
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

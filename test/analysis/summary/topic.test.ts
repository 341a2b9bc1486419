import { describe, expect, it } from 'vitest';
import { firstSentence, summarizeTopic, type StoryDigestInput } from '../../../src/analysis/summary/topic.js';

const now = new Date('2025-08-19T06:00:00Z');
const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000);

function story(id: string, outlets: string[], latestHoursAgo: number, firstHoursAgo = latestHoursAgo + 1): StoryDigestInput {
  return {
    id,
    title: `Story ${id}`,
    url: `https://example.com/${id}`,
    summary: `U.S. President Donald Trump met officials about ${id}. A second sentence follows.`,
    sources: outlets.map((outlet) => ({ outlet, url: `https://${outlet.toLowerCase()}.example/${id}` })),
    firstReportAt: hoursAgo(firstHoursAgo),
    latestReportAt: hoursAgo(latestHoursAgo),
    keyQuotes: [{ quote: `Quote about ${id} that is long enough.`, speaker: 'Steve Witkoff', confidence: 0.9, outletCount: 1, principal: true }],
  };
}

describe('summarizeTopic', () => {
  it('ranks stories in the window by distinct outlets and recency, with one line, key quote and links each', () => {
    const summary = summarizeTopic(
      [
        story('fresh-few', ['Reuters', 'AP'], 1),
        story('stale-many', ['Reuters', 'AP', 'BBC'], 23),
        story('wide', ['Reuters', 'AP', 'BBC', 'CNN', 'Reuters'], 2),
        story('outside', ['Reuters', 'AP', 'BBC', 'CNN', 'NYT'], 30),
      ],
      { now, windowHours: 24 },
    );
    expect(summary.windowStart).toEqual(hoursAgo(24));
    expect(summary.stories.map((line) => line.id)).toEqual(['wide', 'fresh-few', 'stale-many']);
    expect(summary.stories[0]).toMatchObject({
      line: 'U.S. President Donald Trump met officials about wide.',
      outletCount: 4,
      keyQuote: { speaker: 'Steve Witkoff' },
    });
    expect(summary.stories[0]?.links).toHaveLength(5);
  });

  it('honours the limit and copes with an empty window', () => {
    const stories = Array.from({ length: 8 }, (_, i) => story(`s${i}`, ['Reuters'], i));
    expect(summarizeTopic(stories, { now, windowHours: 24, limit: 3 }).stories).toHaveLength(3);
    expect(summarizeTopic([], { now, windowHours: 24 }).stories).toEqual([]);
  });

  it('takes the first sentence of a summary without splitting at abbreviations', () => {
    expect(firstSentence('U.S. envoy Steve Witkoff met Mr. Putin. Then he left.')).toBe('U.S. envoy Steve Witkoff met Mr. Putin.');
  });
});

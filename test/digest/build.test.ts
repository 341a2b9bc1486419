import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/digest/build.js';
import { digestStory, windowEnd, windowStart } from './fixtures.js';

const peaceTalks = { id: 'peace-talks', name: 'Peace talks' };
const strikes = { id: 'strikes', name: 'Strikes' };
const sanctions = { id: 'sanctions', name: 'Sanctions' };
const base = { previousDigestStoryIds: new Set<string>(), windowStart, windowEnd, quietNote: true };

describe('buildDigest', () => {
  it('makes one section per subscribed topic with coverage, each story once, in subscription order', () => {
    const digest = buildDigest({
      ...base,
      subscriptionTopics: [strikes, peaceTalks, sanctions],
      stories: [
        digestStory('meeting', { topicIds: ['peace-talks'] }),
        digestStory('kharkiv', { topicIds: ['strikes', 'peace-talks'] }),
      ],
    });
    expect(digest.sections.map((section) => section.topic.id)).toEqual(['strikes', 'peace-talks']);
    expect(digest.sections[0]?.entries.map((entry) => entry.storyId)).toEqual(['kharkiv']);
    expect(digest.sections[1]?.entries.map((entry) => entry.storyId)).toEqual(['meeting']);
    expect(digest.quietTopics).toEqual([sanctions]);
  });

  it('marks stories of the previous digest that developed as developing, others as new, and drops stale ones', () => {
    const digest = buildDigest({
      ...base,
      previousDigestStoryIds: new Set(['old-developed', 'old-stale']),
      subscriptionTopics: [peaceTalks],
      stories: [
        digestStory('fresh'),
        digestStory('old-developed', { firstReportAt: new Date('2025-08-17T10:00:00Z') }),
        digestStory('old-stale', { firstReportAt: new Date('2025-08-17T10:00:00Z'), latestReportAt: new Date('2025-08-17T20:00:00Z') }),
      ],
    });
    const entries = digest.sections[0]!.entries;
    expect(Object.fromEntries(entries.map((entry) => [entry.storyId, entry.status]))).toEqual({ fresh: 'new', 'old-developed': 'developing' });
  });

  it('ranks stories by outlets and recency and gives each its summary line, key quote and sources', () => {
    const digest = buildDigest({
      ...base,
      subscriptionTopics: [peaceTalks],
      stories: [
        digestStory('one-outlet', { sources: [{ outlet: 'Reuters', url: 'https://reuters.example/1' }] }),
        digestStory('three-outlets', {
          sources: ['Reuters', 'AP', 'BBC'].map((outlet) => ({ outlet, url: `https://${outlet}.example/3` })),
        }),
      ],
    });
    const [first] = digest.sections[0]!.entries;
    expect(first).toMatchObject({
      storyId: 'three-outlets',
      summaryLine: 'U.S. President Donald Trump said he had begun arranging a Putin-Zelensky meeting.',
      keyQuote: { speaker: 'Volodymyr Zelensky' },
    });
    expect(first?.sources).toHaveLength(3);
  });

  it('lists the top quotes, one per named speaker', () => {
    const witkoff = { quote: 'Article 5-like protection was agreed at the Alaska summit.', speaker: 'Steve Witkoff', confidence: 0.9, outletCount: 3, principal: true };
    const digest = buildDigest({
      ...base,
      subscriptionTopics: [peaceTalks],
      stories: [
        digestStory('a', { keyQuotes: [witkoff, { ...witkoff, quote: 'That is big. I mean, really big, honestly.', outletCount: 1 }] }),
        digestStory('b'),
        digestStory('c', { keyQuotes: [{ quote: 'The world will be watching Washington now.', speaker: null, confidence: 0.9, outletCount: 5, principal: false }] }),
      ],
    });
    expect(digest.whoSaidWhat.map((line) => line.speaker)).toEqual(['Steve Witkoff', 'Volodymyr Zelensky']);
    // Shown bare: the full stop that closed the quotation is left to the attribution.
    expect(digest.whoSaidWhat[0]).toMatchObject({ quote: 'Article 5-like protection was agreed at the Alaska summit', storyId: 'a', url: 'https://news.example/a' });
  });

  it("credits an unnamed speaker's key quote to how the article describes them", () => {
    const unnamed = { quote: 'The Europeans will not accept a deal that rewards aggression.', confidence: 0.7, outletCount: 2, principal: false };
    const digest = buildDigest({
      ...base,
      subscriptionTopics: [peaceTalks],
      stories: [
        digestStory('described', { keyQuotes: [{ ...unnamed, speaker: null, speakerLabel: 'a senior European diplomat' }] }),
        digestStory('anonymous', { keyQuotes: [{ ...unnamed, speaker: null }], latestReportAt: new Date('2025-08-18T22:00:00Z') }),
        digestStory('no-quote', { keyQuotes: [], latestReportAt: new Date('2025-08-18T21:00:00Z') }),
      ],
    });
    expect(digest.sections[0]!.entries.map((entry) => entry.keyQuote)).toEqual([
      { quote: unnamed.quote, speaker: 'a senior European diplomat' },
      { quote: unnamed.quote, speaker: 'unattributed' },
      null,
    ]);
    expect(digest.whoSaidWhat).toEqual([]);
  });

  it('lists quiet topics only when the quiet note is on', () => {
    const quiet = { ...base, subscriptionTopics: [peaceTalks], stories: [] };
    expect(buildDigest(quiet).quietTopics).toEqual([peaceTalks]);
    expect(buildDigest({ ...quiet, quietNote: false }).quietTopics).toEqual([]);
  });
});

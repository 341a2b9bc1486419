import { describe, expect, it } from 'vitest';
import { summarizeStoryMeta, type StoryReport } from '../../../src/analysis/stories/story-meta.js';

const report = (outlet: string, iso: string, extra: Partial<StoryReport> = {}): StoryReport => ({
  outlet,
  url: `https://${outlet.toLowerCase().replace(/\s+/g, '')}.example/${iso}`,
  title: `${outlet} report`,
  publishedAt: new Date(iso),
  ...extra,
});

describe('summarizeStoryMeta', () => {
  it('collects outlets, first and latest report, topics and ranked key quotes', () => {
    const article5 = 'The United States is potentially prepared to give Article 5 security guarantees';
    const meta = summarizeStoryMeta(
      [
        report('AP', '2025-08-17T16:00:00Z', {
          topics: ['security-guarantees'],
          quotes: [{ quote: article5, speaker: 'Steve Witkoff', speakerId: 'steve-witkoff', confidence: 0.9 }],
        }),
        report('CNN', '2025-08-17T14:30:00Z', {
          topics: ['security-guarantees', 'alaska-summit'],
          quotes: [
            { quote: `“${article5}.”`, speaker: null, speakerLabel: 'the envoy', confidence: 0.4 },
            { quote: 'The world will be watching to see whether Washington defends Ukraine', speaker: null, confidence: 0.8 },
          ],
        }),
        report('AP', '2025-08-17T18:00:00Z', { topics: ['security-guarantees'] }),
      ],
      { principalIds: new Set(['steve-witkoff']) },
    );
    expect(meta).not.toBeNull();
    expect(meta!.outlets).toEqual(['CNN', 'AP']);
    expect(meta!.sources.map((source) => source.url)).toEqual([
      'https://cnn.example/2025-08-17T14:30:00Z',
      'https://ap.example/2025-08-17T16:00:00Z',
    ]);
    expect(meta!.firstReportAt).toEqual(new Date('2025-08-17T14:30:00Z'));
    expect(meta!.latestReportAt).toEqual(new Date('2025-08-17T18:00:00Z'));
    expect(meta!.topics).toEqual(['alaska-summit', 'security-guarantees']);
    expect(meta!.reportCount).toBe(3);
    expect(meta!.keyQuotes[0]).toMatchObject({ speaker: 'Steve Witkoff', principal: true, outletCount: 2 });
    // Words nobody is credited with are no key quote.
    expect(meta!.keyQuotes).toHaveLength(1);
  });

  it('returns null for a story without reports', () => {
    expect(summarizeStoryMeta([])).toBeNull();
  });
});

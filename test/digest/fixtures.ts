import type { DigestStory } from '../../src/digest/types.js';

export const windowStart = new Date('2025-08-18T06:00:00Z');
export const windowEnd = new Date('2025-08-19T06:00:00Z');

export function digestStory(id: string, overrides: Partial<DigestStory> = {}): DigestStory {
  return {
    id,
    title: `Trump hosts Zelensky and European leaders (${id})`,
    url: `https://news.example/${id}`,
    summary: 'U.S. President Donald Trump said he had begun arranging a Putin-Zelensky meeting. European leaders joined.',
    sources: [
      { outlet: 'Reuters', url: `https://reuters.example/${id}` },
      { outlet: 'AP', url: `https://ap.example/${id}` },
    ],
    firstReportAt: new Date('2025-08-18T20:00:00Z'),
    latestReportAt: new Date('2025-08-18T23:00:00Z'),
    keyQuotes: [
      { quote: 'We made very good progress on security guarantees today.', speaker: 'Volodymyr Zelensky', confidence: 0.9, outletCount: 2, principal: true },
    ],
    topicIds: ['peace-talks'],
    ...overrides,
  };
}

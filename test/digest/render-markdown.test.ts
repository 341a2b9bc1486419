import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/digest/build.js';
import { renderDigestMarkdown } from '../../src/digest/render-markdown.js';
import { digestStory, windowEnd, windowStart } from './fixtures.js';

const base = { previousDigestStoryIds: new Set(['b']), windowStart, windowEnd, quietNote: true };

describe('renderDigestMarkdown', () => {
  it('renders sections, stories, quotes and the quiet note as Markdown', () => {
    const digest = buildDigest({
      ...base,
      subscriptionTopics: [
        { id: 'peace-talks', name: 'Peace talks' },
        { id: 'sanctions', name: 'Sanctions' },
      ],
      stories: [digestStory('a'), digestStory('b', { latestReportAt: new Date('2025-08-18T22:00:00Z') })],
    });
    expect(renderDigestMarkdown(digest)).toBe(
      [
        '# wirewatch digest — 2025-08-18 06:00 → 2025-08-19 06:00 UTC',
        '',
        '## Peace talks',
        '',
        '- **NEW** [Trump hosts Zelensky and European leaders (a)](https://news.example/a)',
        '  U.S. President Donald Trump said he had begun arranging a Putin-Zelensky meeting.',
        '  > “We made very good progress on security guarantees today.” — Volodymyr Zelensky',
        '  Sources: [Reuters](https://reuters.example/a), [AP](https://ap.example/a)',
        '',
        '- **DEVELOPING** [Trump hosts Zelensky and European leaders (b)](https://news.example/b)',
        '  U.S. President Donald Trump said he had begun arranging a Putin-Zelensky meeting.',
        '  > “We made very good progress on security guarantees today.” — Volodymyr Zelensky',
        '  Sources: [Reuters](https://reuters.example/b), [AP](https://ap.example/b)',
        '',
        '## Who said what',
        '',
        '- “We made very good progress on security guarantees today” — **Volodymyr Zelensky** (Trump hosts Zelensky and European leaders (a))',
        '',
        '_No new coverage for Sanctions._',
        '',
      ].join('\n'),
    );
  });

  it('keeps each item on one line and drops control characters a terminal would act on', () => {
    const digest = buildDigest({
      ...base,
      subscriptionTopics: [{ id: 'peace-talks', name: 'Peace\ntalks' }],
      stories: [digestStory('a', { title: 'Talks\r\n  resume\u001b[2J in Geneva\u202e' })],
    });
    const markdown = renderDigestMarkdown(digest);
    expect(markdown).toContain('## Peace talks\n');
    expect(markdown).toContain('- **NEW** [Talks resume[2J in Geneva](https://news.example/a)\n');
    expect(markdown).not.toMatch(/(?!\n)\p{Cc}|\u202e/u);
  });

  it('says so when there is no coverage at all', () => {
    const digest = buildDigest({ ...base, quietNote: false, subscriptionTopics: [{ id: 'x', name: 'X' }], stories: [] });
    expect(renderDigestMarkdown(digest)).toContain('_No new coverage._');
  });
});

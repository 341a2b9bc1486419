import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../../src/digest/build.js';
import { renderDigestMessages } from '../../../src/discord/render/digest.js';
import type { DigestStory } from '../../../src/digest/types.js';
import { digestStory, windowEnd, windowStart } from '../../digest/fixtures.js';
import { expectValidMessage } from '../../digest/message-limits.js';

const topic = { id: 'peace-talks', name: 'Peace talks' };
const base = { previousDigestStoryIds: new Set<string>(), windowStart, windowEnd, quietNote: true };

/** The descriptions of the topic sections' embeds (the "who said what" quotes repeat story titles). */
function sectionTexts(messages: ReturnType<typeof renderDigestMessages>): string[] {
  return messages.flatMap((message) =>
    message.embeds.filter((embed) => !embed.title?.startsWith('Who said what')).map((embed) => embed.description ?? ''),
  );
}

/** Story markers in the order the messages show them. */
function storyOrder(messages: ReturnType<typeof renderDigestMessages>): string[] {
  return [...sectionTexts(messages).join('\n').matchAll(/§S(\d+)§/g)].map((match) => match[1]!);
}

describe('renderDigestMessages', () => {
  it('renders a digest of 60 stories into valid messages, in story order, split between stories', () => {
    const stories = Array.from({ length: 60 }, (_, i) =>
      digestStory(`s${i}`, {
        title: `§S${i}§ Russian drones strike energy facilities across Ukraine as talks continue ${'x'.repeat(i * 3)}`,
        latestReportAt: new Date(windowEnd.getTime() - i * 60_000),
      }),
    );
    const digest = buildDigest({ ...base, subscriptionTopics: [topic], stories });
    const messages = renderDigestMessages(digest);
    expect(messages.length).toBeGreaterThan(1);
    messages.forEach(expectValidMessage);
    expect(storyOrder(messages)).toEqual(digest.sections[0]!.entries.map((entry) => entry.storyId.slice(1)));
    for (const message of messages) {
      for (const embed of message.embeds) {
        for (const block of (embed.description ?? '').split('\n\n')) expect(block).toMatch(/^(🆕|🔄|> “)/);
      }
    }
    expect(messages[0]?.content).toMatch(/^\*\*wirewatch digest\*\* · 2025-08-18 06:00 → 2025-08-19 06:00 UTC$/);
    expect(messages[1]?.embeds?.[0]?.title).toBe('Peace talks (continued)');
    const last = messages[messages.length - 1]!;
    expect(last.embeds?.[last.embeds.length - 1]?.title).toBe('Who said what');
  });

  it('shows a story as badge, linked title, summary line, key quote and sources', () => {
    const digest = buildDigest({
      ...base,
      previousDigestStoryIds: new Set(['dev']),
      subscriptionTopics: [topic],
      stories: [digestStory('dev')],
    });
    const [message] = renderDigestMessages(digest);
    expect(message?.embeds?.[0]?.description).toBe(
      [
        '🔄 developing · **[Trump hosts Zelensky and European leaders (dev)](https://news.example/dev)**',
        'U.S. President Donald Trump said he had begun arranging a Putin-Zelensky meeting.',
        '> “We made very good progress on security guarantees today.” — Volodymyr Zelensky',
        'Sources: [Reuters](https://reuters.example/dev) · [AP](https://ap.example/dev)',
      ].join('\n'),
    );
  });

  it('marks a cut summary with an ellipsis and a link to the story', () => {
    const digest = buildDigest({
      ...base,
      subscriptionTopics: [topic],
      stories: [digestStory('long', { summary: `${'Very long sentence without an end '.repeat(40)}.` })],
    });
    const description = renderDigestMessages(digest)[0]?.embeds?.[0]?.description ?? '';
    expect(description).toContain('… [more](https://news.example/long)');
  });

  it('sends only the quiet note on a quiet day, and nothing when the note is off', () => {
    const quiet = { ...base, subscriptionTopics: [topic, { id: 'x', name: 'Sanctions @everyone' }], stories: [] };
    const messages = renderDigestMessages(buildDigest(quiet));
    expect(messages).toHaveLength(1);
    expect(messages[0]?.embeds).toEqual([]);
    expect(messages[0]?.content).toContain('No new coverage for Peace talks, Sanctions @\u200beveryone.');
    messages.forEach(expectValidMessage);
    expect(renderDigestMessages(buildDigest({ ...quiet, quietNote: false }))).toEqual([]);
  });
});

const hostile = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ maxLength: 5_000 }),
  fc.constantFrom('@everyone', '@here', '<@123456>', '<@&42>', '<#7>', '[click](https://evil.example)', '*_~|>`', '# Heading', '- item'),
  fc.array(fc.constantFrom('@everyone ', '*', '[', ']', '(', ')', '\n', 'word ', '🇺🇦', '\\', '<@1>'), { maxLength: 600 }).map((parts) => parts.join('')),
);
const url = fc.oneof(fc.webUrl(), fc.constant('javascript:alert(1)'), fc.constant(`https://long.example/${'a'.repeat(700)}`));

const storyArbitrary = (index: number, topicIds: string[]) =>
  fc.record({
    title: hostile,
    url,
    summary: hostile,
    quote: hostile,
    speaker: fc.option(hostile, { nil: null }),
    outlets: fc.array(fc.record({ outlet: hostile, url }), { maxLength: 12 }),
    topic: fc.constantFrom(...topicIds),
    hoursAgo: fc.integer({ min: 0, max: 23 }),
  }).map(
    (generated): DigestStory =>
      digestStory(`s${index}`, {
        title: `§S${index}§ ${generated.title}`,
        url: generated.url,
        summary: generated.summary,
        sources: generated.outlets,
        keyQuotes: [{ quote: generated.quote, speaker: generated.speaker, confidence: 0.8, outletCount: 1, principal: false }],
        topicIds: [generated.topic],
        latestReportAt: new Date(windowEnd.getTime() - generated.hoursAgo * 3_600_000),
      }),
  );

describe('renderDigestMessages (properties)', () => {
  it('keeps every Discord limit, never pings and keeps story order, whatever the feed text', () => {
    const digestArbitrary = fc
      .record({
        topics: fc.array(fc.record({ id: fc.uuid(), name: hostile }), { minLength: 1, maxLength: 12 }),
        storyCount: fc.integer({ min: 0, max: 80 }),
      })
      .chain(({ topics, storyCount }) =>
        fc
          .tuple(...Array.from({ length: storyCount }, (_, i) => storyArbitrary(i, topics.map((t) => t.id))))
          .map((stories) => ({ topics, stories })),
      );
    fc.assert(
      fc.property(digestArbitrary, fc.boolean(), ({ topics, stories }, quietNote) => {
        const digest = buildDigest({ ...base, quietNote, subscriptionTopics: topics, stories });
        const messages = renderDigestMessages(digest);
        messages.forEach(expectValidMessage);
        const expected = digest.sections.flatMap((section) => section.entries.map((entry) => entry.storyId.slice(1)));
        expect(storyOrder(messages)).toEqual(expected);
        const shown = sectionTexts(messages).join('\n');
        for (const id of expected) expect(shown.split(`§S${id}§`)).toHaveLength(2);
      }),
      { numRuns: 60 },
    );
  });
});

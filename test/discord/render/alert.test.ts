import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StoryAlertContent } from '../../../src/pipeline/alert-content.js';
import { renderQuoteAlert, renderStoryAlert } from '../../../src/discord/render/alert.js';
import { EMBED_LIMITS, embedsLength, messageBodySchema, type MessageBody } from '../../../src/discord/delivery/message-body.js';
import { renderFeedDisabledNotice, renderFloodNotice, renderPausedNotice } from '../../../src/discord/render/notice.js';

const story: StoryAlertContent = {
  storyId: 'story:812',
  headline: 'Russia, Ukraine swap 146 prisoners of war each in UAE-mediated exchange',
  link: 'https://www.aljazeera.com/news/2025/8/24/russia-ukraine-prisoner-swap',
  outlet: 'Al Jazeera',
  time: '2025-08-24T10:31:00.000Z',
  summary: 'Russia and Ukraine each released 146 prisoners of war on Sunday, the Russian Defence Ministry said, in an exchange mediated by the United Arab Emirates.',
  keyQuote: { quote: 'Our people are home', speaker: 'Volodymyr Zelensky', speakerLabel: null },
  topics: [{ topicId: 'prisoner-exchanges', topicName: 'Prisoner exchanges', explainSummary: '“prisoners of war” in the title; “exchange” in the lede' }],
  alsoReportedBy: [],
};

/** The parts of the embeds where Discord renders markdown and mentions (author and footer are shown as typed). */
function renderedText(body: MessageBody): string {
  return body.embeds
    .flatMap((embed) => [embed.title, embed.description, ...(embed.fields ?? []).flatMap((field) => [field.name, field.value])])
    .filter((text): text is string => text !== undefined)
    .join('\n');
}

function expectWithinLimits(body: MessageBody): void {
  expect(messageBodySchema.safeParse(body).success).toBe(true);
  expect(embedsLength(body.embeds)).toBeLessThanOrEqual(EMBED_LIMITS.total);
  expect(body.allowed_mentions).toEqual({ parse: [] });
}

describe('renderStoryAlert', () => {
  it('shows headline, link, outlet, time, summary, key quote with speaker and why the topic matched', () => {
    const body = renderStoryAlert(story);
    expectWithinLimits(body);
    const [embed] = body.embeds;
    expect(embed).toMatchObject({
      title: story.headline,
      url: story.link,
      author: { name: 'Al Jazeera' },
      timestamp: '2025-08-24T10:31:00.000Z',
      description: story.summary,
      footer: { text: 'wirewatch alert · Prisoner exchanges' },
    });
    expect(embed?.fields).toEqual([
      { name: 'Key quote', value: '> “Our people are home”\n— Volodymyr Zelensky' },
      { name: 'Matched: Prisoner exchanges', value: '“prisoners of war” in the title; “exchange” in the lede' },
    ]);
  });

  it('lists the other outlets, linked when their link is known', () => {
    const body = renderStoryAlert({ ...story, alsoReportedBy: [{ outlet: 'Reuters', link: 'https://www.reuters.com/x' }, { outlet: 'Kyiv Independent', link: null }] });
    expect(body.embeds[0]?.fields?.at(-1)).toEqual({ name: 'Also reported by', value: '[Reuters](https://www.reuters.com/x), Kyiv Independent' });
  });

  it('escapes hostile feed text so nothing pings, links or formats', () => {
    const body = renderStoryAlert({
      ...story,
      headline: '@everyone **URGENT** <@123456789012345678> ceasefire',
      summary: 'Read [the leaked plan](https://evil.example/steal) now @here <@&222> # not a header',
      keyQuote: { quote: '||spoiler|| `code` <#333>', speaker: '@everyone', speakerLabel: null },
      outlet: 'Evil <@1> Outlet',
      link: 'javascript:alert(1)',
    });
    expectWithinLimits(body);
    const [embed] = body.embeds;
    expect(embed?.url).toBeUndefined();
    expect(embed?.title).toBe('@\u200beveryone \\*\\*URGENT\\*\\* \\<@123456789012345678\\> ceasefire');
    expect(embed?.description).toBe('Read \\[the leaked plan\\](https://evil.example/steal) now @\u200bhere \\<@&222\\> # not a header');
    const text = renderedText(body);
    expect(text).not.toMatch(/@(everyone|here)/u);
    expect(text).not.toMatch(/(^|[^\\])<[@#]/u);
    expect(text).not.toMatch(/(^|[^\\])\[the leaked plan\]/u);
  });

  it('stays within every Discord limit for very long input', () => {
    const long = (word: string, times: number) => Array.from({ length: times }, () => word).join(' ');
    const body = renderStoryAlert({
      ...story,
      headline: long('Ceasefire*', 200),
      summary: long('<@1> talks_', 3000),
      outlet: long('Outlet', 200),
      keyQuote: { quote: long('quote', 2000), speaker: long('Speaker', 100), speakerLabel: null },
      topics: Array.from({ length: 12 }, (_, i) => ({ topicId: `t${i}`, topicName: long('Topic', 80), explainSummary: long('because|', 400) })),
      alsoReportedBy: Array.from({ length: 200 }, (_, i) => ({ outlet: `Outlet number ${i}`, link: `https://outlet${i}.example/story/${'x'.repeat(100)}` })),
    });
    expectWithinLimits(body);
    const [embed] = body.embeds;
    expect(embed?.title?.length).toBeLessThanOrEqual(EMBED_LIMITS.title);
    expect(embed?.title?.endsWith('…')).toBe(true);
    expect(embed?.fields?.at(-1)?.value).toMatch(/ and \d+ more$/u);
    expect(embed?.fields?.filter((field) => field.name.startsWith('Matched'))).toHaveLength(4);
    expect(embed?.description?.length).toBeGreaterThan(1000);
  });

  it('always produces a valid message, whatever the text', () => {
    const text = fc.string({ unit: fc.constantFrom('a', 'Ж', '🇺🇦', ' ', '\n', '*', '_', '<', '@', '[', ']', '\\', '#', '-', '\u0000'), maxLength: 6000 });
    fc.assert(
      fc.property(text, text, text, text, (headline, summary, quote, outlet) => {
        const body = renderStoryAlert({ ...story, headline, summary, outlet, keyQuote: { quote, speaker: outlet, speakerLabel: null }, alsoReportedBy: [{ outlet, link: null }] });
        return messageBodySchema.safeParse(body).success;
      }),
      { numRuns: 60 },
    );
  });
});

describe('renderQuoteAlert', () => {
  it('shows the quote, the speaker (and how the article named them), outlet and link', () => {
    const body = renderQuoteAlert({
      personId: 'steve-witkoff',
      personName: 'Steve Witkoff',
      quote: 'We were able to win the following concession: that the United States could offer Article 5-like protection',
      speakerLabel: 'the U.S. special envoy',
      headline: 'Witkoff says Putin agreed to allow security guarantees for Ukraine',
      link: 'https://edition.cnn.com/2025/08/17/politics/witkoff-putin',
      outlet: 'CNN',
      time: '2025-08-17T14:02:00Z',
    });
    expectWithinLimits(body);
    expect(body.embeds[0]).toMatchObject({
      title: 'Witkoff says Putin agreed to allow security guarantees for Ukraine',
      url: 'https://edition.cnn.com/2025/08/17/politics/witkoff-putin',
      author: { name: 'CNN' },
      description:
        '> “We were able to win the following concession: that the United States could offer Article 5-like protection”\n— Steve Witkoff (the U.S. special envoy)',
      timestamp: '2025-08-17T14:02:00.000Z',
    });
  });
});

describe('notices', () => {
  it('are short, valid and never ping', () => {
    const bodies = [
      renderFloodNotice({ maxAlertsPerHour: 10, hasDigest: true }),
      renderFloodNotice({ maxAlertsPerHour: 10, hasDigest: false }),
      renderPausedNotice({ channelId: '300000000000000001', reason: 'Missing Permissions (Discord error 50013)', pausedCount: 2 }),
      renderFeedDisabledNotice({ outlet: 'Evil @everyone', url: 'https://feeds.example/rss', reason: 'HTTP 404 <@1> for 5 polls' }),
    ];
    for (const body of bodies) expectWithinLimits(body);
    expect(bodies[0]?.embeds[0]?.description).toContain('10 alerts in the last hour');
    expect(renderedText(bodies[3] as MessageBody)).not.toMatch(/@everyone|(^|[^\\])<@/u);
  });
});

describe('renderStoryAlert: role pings, compact style and the image', () => {
  const ROLE = '500000000000000001';
  const hostile = { ...story, headline: '@everyone <@&600000000000000002> [click](https://evil.example) **now**', outlet: '<@123456789012345678>' };

  it('mentions the subscription’s role and allows only it; feed text stays escaped', () => {
    const body = renderStoryAlert(hostile, [ROLE]);
    expect(messageBodySchema.safeParse(body).success).toBe(true);
    expect(body.content).toBe(`<@&${ROLE}>`);
    expect(body.allowed_mentions).toEqual({ parse: [], roles: [ROLE] });
    expect(renderStoryAlert(hostile).content).toBeUndefined();
  });

  it('compact: one line with the linked headline, outlet and topic, links not unfurled, escaped', () => {
    const body = renderStoryAlert({ ...story, style: 'compact' }, [ROLE]);
    expect(messageBodySchema.safeParse(body).success).toBe(true);
    expect(body.embeds).toEqual([]);
    expect(body.flags).toBe(4);
    expect(body.content).toBe(`<@&${ROLE}> **[${story.headline}](${story.link})** · Al Jazeera · Prisoner exchanges`);
    const escaped = renderStoryAlert({ ...hostile, style: 'compact' });
    expect(escaped.content).not.toMatch(/<@&?\d+>|@everyone/u);
    expect(escaped.content?.split('\n')).toHaveLength(1);
    expect(escaped.allowed_mentions).toEqual({ parse: [] });
  });

  it('shows the image as the thumbnail only when it is https on a public host', () => {
    expect(renderStoryAlert({ ...story, image: 'https://img.example.com/swap.jpg' }).embeds[0]?.thumbnail).toEqual({ url: 'https://img.example.com/swap.jpg' });
    for (const image of ['http://img.example.com/swap.jpg', 'https://10.0.0.5/swap.jpg', 'https://localhost/swap.jpg', null]) {
      expect(renderStoryAlert({ ...story, image }).embeds[0]?.thumbnail).toBeUndefined();
    }
  });

  it('refuses a stored payload whose content mentions a role it does not allow', () => {
    expect(messageBodySchema.safeParse({ content: `<@&${ROLE}>`, embeds: [], allowed_mentions: { parse: [] } }).success).toBe(false);
    expect(messageBodySchema.safeParse({ content: 'x', embeds: [], allowed_mentions: { parse: ['roles'] } }).success).toBe(false);
  });
});

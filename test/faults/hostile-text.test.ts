import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/digest/build.js';
import { renderDigestMessages } from '../../src/discord/render/digest.js';
import type { DigestStory } from '../../src/digest/types.js';
import { renderQuoteAlert, renderStoryAlert } from '../../src/discord/render/alert.js';
import type { MessageBody } from '../../src/discord/delivery/message-body.js';

/**
 * Text that tries to ping, format or link, in every place feed text reaches a message: headline, summary, key quote,
 * speaker, outlet names, topic explanations, digest titles, summary lines and sources.
 */
const attacks = [
  '@everyone the talks collapsed',
  '@here urgent: read this',
  'Statement by <@123456789012345678> and <@!123456789012345678>',
  'Ping the <@&987654321098765432> role and see <#555555555555555555>',
  '**BREAKING** __Kremlin__ ~~denies~~ ||secret deal|| `code` *rumour*',
  '# Huge headline\n-# small print\n> fake quote\n- list item',
  '[Official Zelensky statement](https://evil.example/phish)',
  '[https://kyivindependent.com/real-story](https://evil.example/fake)',
  'Join discord.gg/fakenews or https://discord.gg/fakenews or <https://discord.com/invite/fakenews>',
  'ＡＴ＠everyone fullwidth and @\u200beveryone already broken',
];

/** Links wirewatch itself puts in messages: the articles' own URLs. */
const ARTICLE = /^https:\/\/(news|reuters|ap)\.example\//u;

/** Text Discord renders as markdown (content, embed title, description, fields). Author and footer show as typed. */
function renderedTexts(message: MessageBody): string[] {
  return [
    message.content ?? '',
    ...(message.embeds ?? []).flatMap((embed) => [embed.title ?? '', embed.description ?? '', ...(embed.fields ?? []).flatMap((field) => [field.name, field.value])]),
  ];
}

function expectHarmless(message: MessageBody): void {
  expect(message.allowed_mentions).toEqual({ parse: [] });
  for (const text of renderedTexts(message)) {
    expect(text).not.toMatch(/(?<![\\\u200b])@(everyone|here)/u);
    expect(text).not.toMatch(/(?<!\\)<(@[!&]?|#)\d+>/u);
    expect(text).not.toMatch(/(?<!\\)(\*\*|__|~~|\|\|)(BREAKING|Kremlin|denies|secret)/u);
    expect(text).not.toMatch(/^(#{1,3} |-# |> fake)/mu);
    // Every live masked link (an unescaped "[") points at the article wirewatch links to, and its label cannot close
    // early to pick another target; feed text's own "[label](url)" shows literally.
    for (const [, label, target] of text.matchAll(/(?<!\\)\[((?:[^\]\\]|\\.)*)\]\((\S+?)\)/gu)) {
      expect(target).toMatch(ARTICLE);
      expect(label).not.toMatch(/(?<!\\)[[\]]/u);
    }
  }
  // Author and footer do not render markdown or mentions; they are still cleaned of invisible characters.
  for (const embed of message.embeds ?? []) {
    for (const plain of [embed.author?.name ?? '', embed.footer?.text ?? '']) expect(plain).not.toMatch(/\p{Cc}|[\u200b\u202a-\u202e]/u);
  }
}

describe('hostile feed text in alerts', () => {
  it.each(attacks)('story alert: %s', (attack) => {
    const alert = renderStoryAlert({
      storyId: 'story:1',
      headline: `${attack} — Zelensky meets Trump`,
      link: 'https://news.example/white-house',
      outlet: `${attack} News`,
      time: '2025-08-18T18:00:00Z',
      summary: `European leaders joined the talks. ${attack}`,
      keyQuote: { quote: `We are ready for peace. ${attack}`, speaker: attack, speakerLabel: attack },
      topics: [{ topicId: 'white-house-talks', topicName: attack, explainSummary: `"${attack}" in the title` }],
      alsoReportedBy: [
        { outlet: attack, link: 'https://reuters.example/white-house' },
        { outlet: `${attack} Daily`, link: null },
      ],
    });
    expectHarmless(alert);
    // The text is still there for the reader, only defused.
    expect(renderedTexts(alert).join('\n')).toContain('Zelensky meets Trump');
  });

  it.each(attacks)('quote alert: %s', (attack) => {
    const alert = renderQuoteAlert({
      personId: 'volodymyr-zelensky',
      personName: 'Volodymyr Zelensky',
      quote: `Ukraine will not give its land to the occupier. ${attack}`,
      speakerLabel: attack,
      headline: attack,
      link: 'https://news.example/land',
      outlet: attack,
      time: '2025-08-18T18:00:00Z',
    });
    expectHarmless(alert);
  });
});

describe('hostile feed text in the digest', () => {
  it('defuses every attack in titles, summaries, quotes, speakers and sources', () => {
    const stories: DigestStory[] = attacks.map((attack, index) => ({
      id: `story:${index + 1}`,
      title: `${attack} (${index + 1})`,
      url: `https://news.example/story-${index + 1}`,
      summary: `${attack}. Negotiators met again in Geneva.`,
      sources: [
        { outlet: attack, url: `https://reuters.example/story-${index + 1}` },
        { outlet: `${attack} AP`, url: `https://ap.example/story-${index + 1}` },
      ],
      firstReportAt: new Date('2025-08-18T08:00:00Z'),
      latestReportAt: new Date('2025-08-18T09:00:00Z'),
      keyQuotes: [{ quote: `We made progress. ${attack}`, speaker: attack, confidence: 0.9, outletCount: 2, principal: true }],
      topicIds: ['ceasefire-and-peace-deal'],
    }));
    const digest = buildDigest({
      subscriptionTopics: [{ id: 'ceasefire-and-peace-deal', name: '@everyone Ceasefire <@&987654321098765432>' }],
      stories,
      previousDigestStoryIds: new Set(),
      windowStart: new Date('2025-08-18T06:00:00Z'),
      windowEnd: new Date('2025-08-19T06:00:00Z'),
      quietNote: false,
    });
    const messages = renderDigestMessages(digest);
    expect(messages.length).toBeGreaterThan(0);
    messages.forEach(expectHarmless);
    const shown = messages.flatMap(renderedTexts).join('\n');
    for (let index = 1; index <= stories.length; index++) expect(shown).toContain(`(${index})`);
  });
});

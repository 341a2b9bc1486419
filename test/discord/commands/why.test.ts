import { MessageFlags, PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { slashCommands } from '../../../src/discord/commands/index.js';
import { NOT_VISIBLE } from '../../../src/discord/commands/why.js';
import { createInteractionRouter } from '../../../src/discord/interactions.js';
import type { WhyQuery, WhyReport } from '../../../src/discord/why-backend.js';
import { asInteraction, fakeCommandInteraction } from './fake-interaction.js';
import { testContext } from './fakes.js';

const MODERATOR = [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.ManageChannels];

async function run(options: Record<string, string | number>, why?: (guildId: string, query: WhyQuery) => Promise<WhyReport | null>, command = 'why') {
  const asked: WhyQuery[] = [];
  const test = await testContext({ why: async (guildId, query) => (asked.push(query), why ? why(guildId, query) : null) });
  const interaction = fakeCommandInteraction({ command, ...(command === 'subscribe' ? { subcommand: 'topic', permissions: MODERATOR } : {}), options });
  await createInteractionRouter(slashCommands, test.context)(asInteraction(interaction));
  return { test, asked, sent: interaction.sent };
}

const REPORT: WhyReport = {
  item: { title: '**Talks** @everyone', link: 'https://news.example/talks', outlet: 'Reuters' },
  storyTitle: null,
  answer: {
    matched: [{ topic: { topicId: 'talks', topicName: 'Talks', explain: undefined }, line: 'score 5 of 3 needed: “talks” (title)' }],
    nearlyMatched: [],
    subscriptions: [
      {
        subscription: { id: 1, channelId: '1400000000000000011', kind: 'topic', target: 'talks', targetName: 'Talks', mode: 'alerts', pausedAt: null, pausedReason: null, createdAt: 0, quietHours: null, timezone: 'UTC' },
        got: true,
        reason: 'alerted',
        delivery: 'retrying',
      },
    ],
  },
};

describe('/why', () => {
  it('asks for exactly one of url and story, and checks the url', async () => {
    expect((await run({})).sent[0]?.body.content).toBe('Give either `url` (an article’s link) or `story` (pick one as you type), not both.');
    expect((await run({ url: 'https://a.example/x', story: 'story:1' })).asked).toEqual([]);
    expect((await run({ url: 'not a link' })).sent[0]?.body.content).toBe('`url`: give a full web address starting with https://.');
  });

  it('answers privately: the report, escaped, or only that the article is not visible here', async () => {
    const hidden = await run({ url: 'https://insider.example/a' });
    expect(hidden.sent).toEqual([{ kind: 'reply', body: { content: NOT_VISIBLE, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } } }]);
    const shown = await run({ story: 'story:9' }, async () => REPORT);
    expect(shown.asked).toEqual([{ storyId: 'story:9' }]);
    const [embed] = shown.sent[0]?.body.embeds as { title: string; description: string; fields: { name: string; value: string }[] }[];
    expect(shown.sent[0]?.body.flags).toBe(MessageFlags.Ephemeral);
    expect(embed?.title).toBe('Why: \\*\\*Talks\\*\\* @\u200beveryone');
    expect(embed?.description).toContain('✅ <#1400000000000000011> · Topic: Talks: alerted · message: failed, retrying');
    expect(embed?.fields).toEqual([
      { name: 'Matched', value: '**Talks**: score 5 of 3 needed: “talks” (title)' },
      { name: 'Nearly matched', value: 'None came close.' },
    ]);
  });

  it('refuses min_outlets outside 2–10 on /subscribe with the option error text', async () => {
    const { sent, test } = await run({ topic: 'crimea', min_outlets: 1 }, undefined, 'subscribe');
    expect(sent[0]?.body.content).toBe('`min_outlets`: min_outlets is a whole number from 2 to 10: how many outlets must report a story before it is alerted.');
    expect(await test.subscriptions.listForGuild('1400000000000000001')).toEqual([]);
  });
});

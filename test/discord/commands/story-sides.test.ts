import { describe, expect, it } from 'vitest';
import { slashCommands } from '../../../src/discord/commands/index.js';
import { renderStorySides } from '../../../src/discord/commands/story.js';
import { messageBodySchema } from '../../../src/discord/delivery/message-body.js';
import { createInteractionRouter } from '../../../src/discord/interactions.js';
import { guildViewer } from '../../../src/store/visibility.js';
import { GUILD_A, GUILD_B, GUILD_C, HOUR, sidesWorld, T0 } from '../../support/sides-world.js';
import { asInteraction, fakeCommandInteraction } from './fake-interaction.js';
import { testContext } from './fakes.js';

/** Twelve sides with long labels: more than the embed shows. */
const PERSPECTIVES_WITH_MANY = Array.from({ length: 12 }, (_, index) => ({ id: `side-${index}`, label: `Side ${index} ${'x'.repeat(60)}`, emoji: '🏳️', tag: 'tag' }));

const at = (hoursIn: number) => `<t:${Math.floor((T0 + hoursIn * HOUR) / 1000)}:f>`;

describe('/story sides', () => {
  it('shows a story reported by three sides side by side: headlines, first report and a quote with speaker from each side’s own reports', async () => {
    const world = await sidesWorld();
    const view = await world.reader.sides('summit', guildViewer(GUILD_C));
    expect(view?.sides.map((side) => [side.perspective.id, side.firstReportAt, side.outlets, side.keyQuote?.speaker])).toEqual([
      ['ukrainian', T0, ['Ukrinform', 'Kyiv Independent'], 'Volodymyr Zelensky'],
      // The wider-reaching unattributed quote is passed over: a side's key quote has a speaker.
      ['russian-state', T0 + HOUR, ['TASS'], 'Dmitry Peskov'],
      ['western', T0 + 3 * HOUR, ['Reuters'], 'Steve Witkoff'],
    ]);
    const embed = renderStorySides(view!);
    expect(embed.description).toBe('4 reports from 3 sides: 🇺🇦 2 · 🇷🇺 state 1 · 🌐 1');
    expect(embed.fields?.map((field) => field.name)).toEqual(['🇺🇦 Ukrainian media', '🇷🇺 Russian state media', '🌐 Western media']);
    const [ukrainian, russian, western] = embed.fields!.map((field) => field.value);
    expect(ukrainian).toContain(`First report ${at(0)} · Ukrinform, Kyiv Independent`);
    expect(ukrainian).toContain('Kyiv awaits Moscow’s answer on summit');
    expect(ukrainian).toContain('— Volodymyr Zelensky');
    expect(ukrainian).not.toContain('Witkoff');
    expect(russian).toContain(`First report ${at(1)}`);
    expect(russian).toMatch(/No date has been set for any such meeting[^\n]*\n— Dmitry Peskov/u);
    expect(western).toContain('Witkoff says leaders’ meeting could come within weeks');
    expect(() => messageBodySchema.parse({ embeds: [embed], allowed_mentions: { parse: [] } })).not.toThrow();
  });

  it('stays within Discord’s limits and shows feed text as plain text, however many sides and reports', () => {
    const hostile = '@everyone <@&123456789012345678> [click](https://evil.example/) **now** ';
    const long = hostile + 'Negotiators in Geneva worked through the night. '.repeat(100);
    const sides = PERSPECTIVES_WITH_MANY.map((perspective, index) => ({
      perspective,
      firstReportAt: T0 + index * HOUR,
      outlets: Array.from({ length: 30 }, () => hostile),
      reports: Array.from({ length: 50 }, (_, report) => ({ itemId: report, outlet: hostile, title: long, link: 'javascript:alert(1)', publishedAt: T0, perspective: perspective.id })),
      keyQuote: { quote: long, speaker: hostile },
    }));
    const embed = renderStorySides({ id: 'story:1', title: long, sides });
    expect(() => messageBodySchema.parse({ embeds: [embed], allowed_mentions: { parse: [] } })).not.toThrow();
    const text = JSON.stringify(embed);
    expect(text).not.toContain('@everyone');
    expect(text).not.toContain('[click](https://evil.example/)');
    expect(text).not.toContain('javascript:');
  });

  it('answers through the command, publicly, and refuses a story the guild may not see', async () => {
    const world = await sidesWorld();
    await world.report(world.feeds.shared, 'tip', 2, 'Insider: envoy heads to Riyadh');
    const test = await testContext({ storySides: async (guildId, storyId) => world.reader.sides(storyId, guildViewer(guildId)) });
    const route = createInteractionRouter(slashCommands, test.context);
    const ask = async (guildId: string, story: string) => {
      const interaction = fakeCommandInteraction({ command: 'story', subcommand: 'sides', options: { story }, guildId });
      await route(asInteraction(interaction));
      return interaction.sent;
    };
    const summit = await ask(GUILD_B, 'summit');
    expect(summit.map((sent) => sent.kind)).toEqual(['deferReply', 'editReply']);
    expect(summit[1]?.body).toMatchObject({ embeds: [{ title: 'Zelensky: we are ready for a meeting at leaders’ level' }] });
    // The private story is A's and B's (they share the feed), each under its own label; C never sees it.
    expect((await world.reader.sides('tip', guildViewer(GUILD_A)))?.sides.map((side) => [side.perspective.id, side.outlets])).toEqual([['gulf', ['A’s tip line']]]);
    expect((await world.reader.sides('tip', guildViewer(GUILD_B)))?.sides.map((side) => [side.perspective.id, side.outlets])).toEqual([['russian-state', ['B’s wire']]]);
    const hidden = await ask(GUILD_C, 'tip');
    expect(hidden.at(-1)?.body).toMatchObject({ content: expect.stringContaining('there is no story "tip"') });
  });
});

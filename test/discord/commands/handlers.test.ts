import { MessageFlags, PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { MAX_FEEDS_PER_GUILD } from '../../../src/discord/commands/feeds.js';
import { slashCommands } from '../../../src/discord/commands/index.js';
import { MAX_TOPICS_PER_GUILD } from '../../../src/discord/commands/topic.js';
import { CommandError, createInteractionRouter, type SlashCommand } from '../../../src/discord/interactions.js';
import { asInteraction, fakeCommandInteraction } from './fake-interaction.js';
import { testContext, WITKOFF_HIT } from './fakes.js';

const MODERATOR = [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.ManageChannels, PermissionFlagsBits.ManageGuild];

function commandThat(execute: SlashCommand['execute']): SlashCommand {
  return { data: { name: 'probe', toJSON: () => ({ name: 'probe', description: 'probe' }) }, execute };
}

describe('the error boundary', () => {
  it('shows a CommandError to the member alone and does not log it', async () => {
    const { context, logger } = await testContext();
    const route = createInteractionRouter([commandThat(async () => Promise.reject(new CommandError('`since`: write 24h')))], context);
    const interaction = fakeCommandInteraction({ command: 'probe' });
    await route(asInteraction(interaction));
    expect(interaction.sent).toEqual([{ kind: 'reply', body: { content: '`since`: write 24h', flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } } }]);
    expect(logger.entries).toEqual([]);
  });

  it('logs an unexpected failure and apologises ephemerally, after a public deferral too', async () => {
    const { context, logger } = await testContext();
    const route = createInteractionRouter(
      [
        commandThat(async (interaction) => {
          await interaction.deferReply();
          throw new TypeError('cannot read properties of undefined');
        }),
      ],
      context,
    );
    const interaction = fakeCommandInteraction({ command: 'probe' });
    await route(asInteraction(interaction));
    expect(interaction.sent.map((sent) => sent.kind)).toEqual(['deferReply', 'deleteReply', 'followUp']);
    expect(interaction.sent[2]?.body).toMatchObject({ flags: MessageFlags.Ephemeral, content: expect.stringContaining('Something went wrong') });
    expect(logger.errors()).toMatchObject([{ message: 'slash command failed', context: { command: 'probe' } }]);
  });

  it('edits an ephemeral deferral with the message', async () => {
    const { context } = await testContext();
    const route = createInteractionRouter(
      [
        commandThat(async (interaction) => {
          await interaction.deferReply({ flags: MessageFlags.Ephemeral });
          throw new CommandError('The feed was not added.');
        }),
      ],
      context,
    );
    const interaction = fakeCommandInteraction({ command: 'probe' });
    await route(asInteraction(interaction));
    expect(interaction.sent.map((sent) => [sent.kind, sent.body.content])).toEqual([['deferReply', undefined], ['editReply', 'The feed was not added.']]);
  });

  it('answers a command it no longer has', async () => {
    const { context } = await testContext();
    const interaction = fakeCommandInteraction({ command: 'retired' });
    await createInteractionRouter(slashCommands, context)(asInteraction(interaction));
    expect(interaction.sent[0]?.body.content).toContain('no /retired command');
  });
});

describe('command handlers with a fake context', () => {
  const run = async (setup: Parameters<typeof fakeCommandInteraction>[0], backends = {}) => {
    const test = await testContext(backends);
    const interaction = fakeCommandInteraction(setup);
    await createInteractionRouter(slashCommands, test.context)(asInteraction(interaction));
    return { test, interaction, text: JSON.stringify(interaction.sent) };
  };

  it('/subscribe re-checks Manage Channels from the member’s permissions', async () => {
    const refused = await run({ command: 'subscribe', subcommand: 'topic', options: { topic: 'crimea' } });
    expect(refused.text).toContain('You need the Manage Channels permission');
    expect(await refused.test.subscriptions.listForGuild('1400000000000000001')).toEqual([]);

    const accepted = await run({ command: 'subscribe', subcommand: 'topic', options: { topic: 'crimea', mode: 'digest', time: '18:45', timezone: 'Europe/London' }, permissions: MODERATOR });
    expect(await accepted.test.subscriptions.listForGuild('1400000000000000001')).toMatchObject([{ target: 'crimea', mode: 'digest', digestTime: '18:45', timezone: 'Europe/London' }]);
    expect(accepted.interaction.sent[0]?.body.flags).toBe(MessageFlags.Ephemeral);
  });

  it('/unsubscribe cannot remove another server’s subscription', async () => {
    const test = await testContext();
    const other = await test.subscriptions.add(
      { guildId: '1400000000000000099', channelId: '1400000000000000098', kind: 'topic', target: 'crimea', mode: 'alerts', digestTime: '08:00', timezone: 'UTC', quietNote: false, createdBy: '1400000000000000097' },
      test.clock.time,
    );
    const interaction = fakeCommandInteraction({ command: 'unsubscribe', options: { subscription: String(other.id) }, permissions: MODERATOR });
    await createInteractionRouter(slashCommands, test.context)(asInteraction(interaction));
    expect(JSON.stringify(interaction.sent)).toContain('this server has no subscription');
    expect(await test.subscriptions.byId(other.id)).not.toBeNull();
  });

  it('/whosaid refuses a fragment without words before searching', async () => {
    const asked: string[] = [];
    const { interaction } = await run({ command: 'whosaid', options: { quote: '“…” !!' } }, { whoSaid: async (_guildId: string, fragment: string) => (asked.push(fragment), { best: WITKOFF_HIT, alternatives: [] }) });
    expect(asked).toEqual([]);
    expect(interaction.sent[0]?.body.content).toContain('`quote`: give some of the words');
  });

  it('/quotes passes person, topic and window to the service', async () => {
    const queries: unknown[] = [];
    const { test, interaction } = await run(
      { command: 'quotes', options: { person: 'witkoff', topic: 'security-guarantees', since: '48h' } },
      { quotes: async (query: unknown) => (queries.push(query), [WITKOFF_HIT]) },
    );
    expect(queries).toEqual([{ guildId: '1400000000000000001', personId: 'steve-witkoff', topicId: 'security-guarantees', since: test.clock.time - 48 * 3_600_000, limit: 10 }]);
    expect(interaction.sent.map((sent) => sent.kind)).toEqual(['deferReply', 'editReply']);
    expect(JSON.stringify(interaction.sent[1]?.body)).toContain('Quotes by Steve Witkoff about Security guarantees in the last 48h');
  });

  it('/summary story reports an unknown story to the asker alone', async () => {
    const { interaction } = await run({ command: 'summary', subcommand: 'story', options: { story: 'story:404' } }, { summarizeStory: async () => null });
    expect(interaction.sent.map((sent) => sent.kind)).toEqual(['deferReply', 'deleteReply', 'followUp']);
    expect(interaction.sent[2]?.body).toMatchObject({ flags: MessageFlags.Ephemeral, content: expect.stringContaining('there is no story "story:404"') });
  });

  it('/topic create and /feeds add stop at the per-server limits', async () => {
    const guildId = '1400000000000000001';
    const test = await testContext({ validateFeed: async () => ({ ok: true, value: { title: 'Feed', itemCount: 1 } }) });
    for (let index = 0; index < MAX_TOPICS_PER_GUILD; index += 1) {
      const checked = await test.catalogue.check(guildId, { id: `topic-${index}`, name: `Topic ${index}`, description: 'x', threshold: 1, rules: { anyOf: [{ terms: [`term ${index}`] }] } });
      if (!checked.ok) throw new Error(checked.problems.join('; '));
      await test.catalogue.save(guildId, `topic-${index}`, checked.topic, 'someone');
    }
    for (let index = 0; index < MAX_FEEDS_PER_GUILD; index += 1) {
      await test.feeds.addForGuild(guildId, { url: `https://news${index}.example.org/rss`, outlet: `Outlet ${index}`, fullText: false, intervalSeconds: 600 }, 1);
    }
    const route = createInteractionRouter(slashCommands, test.context);
    const topic = fakeCommandInteraction({ command: 'topic', subcommand: 'create', options: { id: 'one-more', name: 'One more', description: 'x', rules: '{"anyOf":[{"terms":["more"]}]}' }, permissions: MODERATOR });
    const feed = fakeCommandInteraction({ command: 'feeds', subcommand: 'add', options: { url: 'https://one-more.example.org/rss' }, permissions: MODERATOR });
    await route(asInteraction(topic));
    await route(asInteraction(feed));
    expect(topic.sent[0]?.body.content).toContain(`already has ${MAX_TOPICS_PER_GUILD} topics of its own`);
    expect(feed.sent[0]?.body.content).toContain(`has added ${MAX_FEEDS_PER_GUILD} feeds`);
    expect(await test.feeds.bySourceUrl('https://one-more.example.org/rss')).toBeNull();
  });
});

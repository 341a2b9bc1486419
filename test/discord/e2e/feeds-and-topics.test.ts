import { MessageFlags } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { feedValidator } from '../../../src/discord/context.js';
import type { InteractionRecord } from '../../support/discord/index.js';
import { startBotOnLocalDiscord, startFeedServer, stopBot, type RunningBot } from './harness.js';

let running: RunningBot | undefined;
let feedServer: Awaited<ReturnType<typeof startFeedServer>> | undefined;

afterEach(async () => {
  await stopBot(running);
  await feedServer?.close();
  running = undefined;
  feedServer = undefined;
});

function ephemeralText(record: InteractionRecord): string {
  const message = record.followUps.at(-1) ?? record.original;
  expect((message?.current.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
  return [message?.current.content ?? '', ...(message?.current.embeds ?? []).map((embed) => embed.description ?? '')].join('\n');
}

const fetchSettings = (allowPrivateNetworks: boolean) => ({ userAgent: 'wirewatch-test/1.0 (+https://example.org/wirewatch)', totalTimeoutMs: 5_000, allowPrivateNetworks });

describe('/feeds add', () => {
  it('refuses a feed on 127.0.0.1 when private networks are not allowed', async () => {
    feedServer = await startFeedServer();
    running = await startBotOnLocalDiscord({ backends: { validateFeed: feedValidator(fetchSettings(false)) } });
    const { server, moderator, test } = running;

    const record = await server.sendSlashCommand({ name: 'feeds add', userId: moderator, options: { url: feedServer.url } });
    expect(ephemeralText(record)).toContain('private or local network address');
    expect(await test.feeds.all()).toEqual([]);
    expect(test.feedsChanged).toBe(0);
    expect(server.violations).toEqual([]);
  });

  it('accepts a feed from a local feed server when private networks are allowed, then lists and removes it', async () => {
    feedServer = await startFeedServer();
    running = await startBotOnLocalDiscord({ backends: { validateFeed: feedValidator(fetchSettings(true)) } });
    const { server, moderator, analyst, test, guild } = running;

    const refused = await server.sendSlashCommand({ name: 'feeds add', userId: analyst, options: { url: feedServer.url } });
    expect(ephemeralText(refused)).toContain('Manage Server');

    const added = await server.sendSlashCommand({ name: 'feeds add', userId: moderator, options: { url: feedServer.url } });
    expect(ephemeralText(added)).toContain('Added the World News – Europe feed (3 items right now)');
    expect(await test.feeds.all()).toMatchObject([{ sourceUrl: feedServer.url, outlet: 'World News – Europe', origin: 'guild', intervalSeconds: 600 }]);
    expect(await test.feeds.owners((await test.feeds.all())[0]?.id ?? 0)).toEqual([{ guildId: guild.id, outlet: 'World News – Europe' }]);
    expect(test.feedsChanged).toBe(1);

    const again = await server.sendSlashCommand({ name: 'feeds add', userId: moderator, options: { url: feedServer.url } });
    expect(ephemeralText(again)).toContain('already reads that feed');

    const status = await server.sendSlashCommand({ name: 'feeds status' });
    expect(ephemeralText(status)).toContain('last success: never');
    expect(ephemeralText(status)).toContain('next poll: due now');

    const feedId = String((await test.feeds.all())[0]?.id);
    const choices = await server.sendAutocomplete({ name: 'feeds remove', userId: moderator, options: { feed: '' }, focused: 'feed' });
    expect(choices.choices?.map((choice) => choice.value)).toEqual([feedId]);
    const removed = await server.sendSlashCommand({ name: 'feeds remove', userId: moderator, options: { feed: feedId } });
    expect(ephemeralText(removed)).toContain('Removed the World News – Europe feed');
    expect(await test.feeds.all()).toEqual([]);
    expect(server.violations).toEqual([]);
  });

  it('explains a URL that is not a web address', async () => {
    running = await startBotOnLocalDiscord({ backends: { validateFeed: feedValidator(fetchSettings(true)) } });
    const record = await running.server.sendSlashCommand({ name: 'feeds add', userId: running.moderator, options: { url: 'ftp://example.org/feed.xml' } });
    expect(ephemeralText(record)).toContain('`url`: give a full web address starting with https://');
    expect(running.server.violations).toEqual([]);
  });
});

describe('/topic create, edit and delete', () => {
  const rules = JSON.stringify({ anyOf: [{ label: 'drone strikes', terms: ['drone strike*', 'drone attack*', 'Shahed'] }], context: ['Ukrain*', 'Kyiv'] });

  it('creates a guild topic others can subscribe to, edits and deletes it', async () => {
    running = await startBotOnLocalDiscord();
    const { server, moderator, test, guild } = running;
    const created = await server.sendSlashCommand({
      name: 'topic create',
      userId: moderator,
      options: { id: 'drone-strikes', name: 'Drone strikes', description: 'Drone attacks on Ukrainian cities and Russian refineries.', rules },
    });
    expect(ephemeralText(created)).toContain('Created the topic **Drone strikes** (`drone-strikes`)');
    expect(await test.catalogue.resolve(guild.id, 'drone-strikes')).toMatchObject({ id: `g${guild.id}-drone-strikes`, origin: 'guild' });

    await server.sendSlashCommand({ name: 'subscribe topic', userId: moderator, options: { topic: 'drone-strikes' } });
    expect((await test.subscriptions.listForGuild(guild.id)).map((subscription) => subscription.target)).toEqual([`g${guild.id}-drone-strikes`]);

    const edited = await server.sendSlashCommand({ name: 'topic edit', userId: moderator, options: { id: 'drone-strikes', threshold: 2 } });
    expect(ephemeralText(edited)).toContain('Updated');
    expect((await test.catalogue.resolve(guild.id, 'drone-strikes'))?.definition.threshold).toBe(2);

    const deleted = await server.sendSlashCommand({ name: 'topic delete', userId: moderator, options: { id: 'drone-strikes' } });
    expect(ephemeralText(deleted)).toContain('Deleted the topic **Drone strikes** and stopped its 1 subscription');
    expect(await test.catalogue.resolve(guild.id, 'drone-strikes')).toBeNull();
    expect(await test.subscriptions.listForGuild(guild.id)).toEqual([]);
    expect(server.violations).toEqual([]);
  });

  it('says which part of the rules is wrong and why', async () => {
    running = await startBotOnLocalDiscord();
    const { server, moderator } = running;
    const badJson = await server.sendSlashCommand({ name: 'topic create', userId: moderator, options: { id: 'drones', name: 'Drones', description: 'Drones.', rules: '{"anyOf": [' } });
    expect(ephemeralText(badJson)).toContain('`rules`: not valid JSON');

    const badRules = JSON.stringify({ anyOf: [{ terms: ['drone strike', { person: 'boris-johnson' }] }], near: [{ terms: ['Shahed'], near: ['Kyiv'], within: 500 }] });
    const record = await server.sendSlashCommand({ name: 'topic create', userId: moderator, options: { id: 'drones', name: 'Drones', description: 'Drones.', rules: badRules } });
    const text = ephemeralText(record);
    expect(text).toContain('rules.near\\[0\\].within: must be a whole number 1–50');

    const unknownPerson = JSON.stringify({ anyOf: [{ terms: ['drone strike', { person: 'boris-johnson' }] }] });
    const second = await server.sendSlashCommand({ name: 'topic create', userId: moderator, options: { id: 'drones', name: 'Drones', description: 'Drones.', rules: unknownPerson } });
    expect(ephemeralText(second)).toContain('rules.anyOf\\[0\\].terms\\[1\\].person: unknown person "boris-johnson"');

    const shipped = await server.sendSlashCommand({ name: 'topic delete', userId: moderator, options: { id: 'crimea' } });
    expect(ephemeralText(shipped)).toContain('shipped topics cannot be deleted');
    expect(running.test.logger.errors()).toEqual([]);
    expect(server.violations).toEqual([]);
  });
});

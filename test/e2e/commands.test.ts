import { InteractionResponseType } from 'discord-api-types/v10';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerText, demoItem, isEphemeral, startWorld, type ConnectedApp, type E2eWorld } from './harness.js';

let world: E2eWorld;
let app: ConnectedApp;

/**
 * One app and one local Discord server for these commands: they read the same stored news and change nothing
 * another test here reads (the refusal test compares before and after).
 * Both outlets' feeds carry the morning's reports, the seed article among them, when the app first reads them.
 */
beforeAll(async () => {
  world = await startWorld();
  world.serve('capital', [demoItem('01-white-house-meeting', 'capital'), demoItem('03-kharkiv-strikes', 'capital')]);
  world.serve('ledger', [demoItem('02-white-house-rewrite', 'ledger')]);
  app = await world.launch();
});

afterAll(async () => {
  await world.close();
});

const MEETING_TITLE = demoItem('01-white-house-meeting', 'capital').title;

describe('slash commands against the real app and its stored news', () => {
  it('/whosaid finds who said "really big" in the seed article', async () => {
    const record = await world.discord.sendSlashCommand({ name: 'whosaid', userId: world.analyst, options: { quote: 'really big' } });

    expect(record.response?.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const [embed] = record.original?.current.embeds ?? [];
    expect(embed?.title).toBe('Who said “really big”?');
    expect(embed?.description).toMatch(/really big/u);
    expect(embed?.description).toMatch(/— Steve Witkoff/u);
    expect(embed?.description).toContain('First reported by [Capital Wire](https://capitalwire.example/world/2025/08/18/white-house-meeting)');
    expect(world.discord.violations).toEqual([]);
  });

  it('/summary topic defers, then edits in the summary of the topic’s stories', async () => {
    const record = await world.discord.sendSlashCommand({ name: 'summary topic', userId: world.analyst, options: { topic: 'white-house-talks' } });

    expect(record.response?.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect(record.original?.history.length).toBeGreaterThanOrEqual(1);
    expect(isEphemeral(record)).toBe(false);
    const [embed] = record.original?.current.embeds ?? [];
    expect(embed?.title).toBe('Trump–Zelensky talks at the White House: the last 24h');
    expect(embed?.description).toContain(MEETING_TITLE);
    expect(embed?.description).toMatch(/2 outlets: \[Capital Wire\]\(.+\), \[Kyiv Ledger\]\(.+\)/u);
    expect(world.discord.violations).toEqual([]);
  });

  it('/summary story offers the story as an autocomplete choice and summarises it across outlets', async () => {
    const suggestions = await world.discord.sendAutocomplete({ name: 'summary story', userId: world.analyst, options: { story: 'zelensky' }, focused: 'story' });
    const choice = suggestions.choices?.find((candidate) => candidate.name === MEETING_TITLE);
    expect(choice).toBeDefined();

    const record = await world.discord.sendSlashCommand({ name: 'summary story', userId: world.analyst, options: { story: String(choice?.value) } });

    expect(record.response?.type).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    const [embed] = record.original?.current.embeds ?? [];
    expect(embed?.title).toBe(MEETING_TITLE);
    expect(embed?.description?.length).toBeGreaterThan(100);
    expect(embed?.fields).toContainEqual(expect.objectContaining({ name: 'Reported by 2 outlets' }));
    expect(world.discord.violations).toEqual([]);
  });

  it('/digest now previews the digest of the server’s subscribed topics, for the member alone', async () => {
    await world.discord.sendSlashCommand({ name: 'subscribe topic', userId: world.moderator, channelId: world.digestChannel, options: { topic: 'crimea', mode: 'digest' } });

    const record = await world.discord.sendSlashCommand({ name: 'digest now', userId: world.analyst, channelId: world.digestChannel });

    expect(isEphemeral(record)).toBe(true);
    const preview = answerText(record);
    expect(preview).toContain('**wirewatch digest**');
    expect(preview).toContain('Crimea');
    expect(preview).toContain(MEETING_TITLE);
    expect(preview).not.toContain('Russian drone and missile strikes on Kharkiv');
    expect(world.discord.messages(world.digestChannel).filter((message) => message.origin === 'channel')).toEqual([]);
    expect(world.discord.violations).toEqual([]);
  });

  it('refuses /subscribe to a member without Manage Channels, ephemerally, and subscribes nothing', async () => {
    const before = await app.stores.subscriptions.listForGuild(world.guild.id);
    const record = await world.discord.sendSlashCommand({ name: 'subscribe topic', userId: world.analyst, channelId: world.alertsChannel, options: { topic: 'crimea' } });

    expect(isEphemeral(record)).toBe(true);
    expect(answerText(record)).toContain('Manage Channels');
    expect(await app.stores.subscriptions.listForGuild(world.guild.id)).toEqual(before);
    expect(await app.stores.subscriptions.listForChannel(world.alertsChannel)).toEqual([]);
    expect(world.discord.violations).toEqual([]);
  });
});

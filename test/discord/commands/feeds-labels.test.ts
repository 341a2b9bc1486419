import { PermissionFlagsBits } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { perspectiveChoices } from '../../../src/discord/commands/choices.js';
import { renderFeedList } from '../../../src/discord/commands/feeds.js';
import { slashCommands } from '../../../src/discord/commands/index.js';
import { createInteractionRouter } from '../../../src/discord/interactions.js';
import { asInteraction, fakeCommandInteraction } from './fake-interaction.js';
import { testContext } from './fakes.js';

const GUILD = '1400000000000000001';
const MANAGER = [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.ManageGuild];

async function addFeed(options: Record<string, string>) {
  const test = await testContext({ validateFeed: async () => ({ ok: true, value: { title: 'Feed title', itemCount: 3 } }) });
  const interaction = fakeCommandInteraction({ command: 'feeds', subcommand: 'add', options: { url: 'https://news.example/rss', ...options }, permissions: MANAGER, guildId: GUILD });
  await createInteractionRouter(slashCommands, test.context)(asInteraction(interaction));
  return { feed: (await test.feeds.visibleTo(GUILD)).find((feed) => feed.addedHere) ?? null, reply: String(interaction.sent.at(-1)?.body.content ?? '') };
}

describe('/feeds add country and perspective', () => {
  it('stores the server’s own labels, the country in upper case', async () => {
    expect((await addFeed({ country: 'ua', perspective: 'ukrainian' })).feed).toMatchObject({ country: 'UA', perspective: 'ukrainian' });
  });

  it('suggests the perspectives whose id or label holds what is typed', async () => {
    const { context } = await testContext();
    expect(perspectiveChoices(context, 'russ')).toEqual([
      { name: '🇷🇺 Russian state media', value: 'russian-state' },
      { name: '🇷🇺 Independent Russian media', value: 'russian-independent' },
    ]);
    expect(perspectiveChoices(context, '')).toHaveLength(6);
  });

  it('lists each feed with its labels', async () => {
    const test = await testContext();
    await test.feeds.register({ url: 'https://tass.example/rss', outlet: 'TASS', fullText: false, intervalSeconds: 600, origin: 'config', country: 'RU', perspective: 'russian-state' }, 0);
    expect(renderFeedList(await test.feeds.visibleTo(GUILD), false).description).toMatch(/\*\*TASS\*\* — https:\/\/tass\.example\/rss · russian-state, RU · configured/u);
  });

  it('labels a feed "other" with no country when the options are left out', async () => {
    expect((await addFeed({})).feed).toMatchObject({ country: null, perspective: 'other' });
  });

  it('refuses an unknown country or perspective, naming the option, and adds nothing', async () => {
    const badCountry = await addFeed({ country: 'XX' });
    expect(badCountry.feed).toBeNull();
    expect(badCountry.reply).toMatch(/^`country`: "XX" is not an ISO 3166 two-letter country code/u);
    const badSide = await addFeed({ perspective: 'kremlin' });
    expect(badSide.feed).toBeNull();
    expect(badSide.reply).toContain('`perspective`: there is no perspective "kremlin". Pick one from the list as you type: ukrainian, russian-state');
  });
});

describe('/subscribe topic blindspots', () => {
  it('is off unless asked for, and /subscriptions says when it is on', async () => {
    const test = await testContext();
    const route = createInteractionRouter(slashCommands, test.context);
    const subscribe = async (options: Record<string, string | boolean>) => {
      const interaction = fakeCommandInteraction({ command: 'subscribe', subcommand: 'topic', options: { topic: 'crimea', mode: 'digest', ...options }, permissions: [PermissionFlagsBits.ViewChannel, PermissionFlagsBits.ManageChannels], guildId: GUILD });
      await route(asInteraction(interaction));
      return String(interaction.sent.at(-1)?.body.content ?? '');
    };
    await subscribe({});
    expect(await test.subscriptions.listForGuild(GUILD)).toMatchObject([{ blindspots: false }]);
    expect(await subscribe({ blindspots: true })).toContain('digest at 08:00 UTC (with blindspots)');
    expect(await test.subscriptions.listForGuild(GUILD)).toMatchObject([{ blindspots: true }]);
  });
});

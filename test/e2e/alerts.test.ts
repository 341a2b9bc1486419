import { once } from 'node:events';
import { Events } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slashCommands } from '../../src/discord/commands/index.js';
import { answerText, channelPosts, demoItem, launchWithSeededFeeds, startWorld, subscribeTopic, type E2eWorld } from './harness.js';

const WHITE_HOUSE_TALKS = 'Trump–Zelensky talks at the White House';

let world: E2eWorld;

beforeEach(async () => {
  world = await startWorld();
});

afterEach(async () => {
  await world.close();
});

function subscribe(topic: string): Promise<void> {
  return subscribeTopic(world, world.alertsChannel, topic);
}

describe('alerts, end to end: feeds → pipeline → outbox → the local Discord server', () => {
  it('logs in and registers every slash command', async () => {
    const app = await launchWithSeededFeeds(world);

    expect(app.discord.bot.client.isReady()).toBe(true);
    expect(world.discord.gatewayStats.identifies).toBe(1);
    expect(world.discord.commands().map((command) => command.name)).toEqual(slashCommands.map((command) => command.data.name));
    expect(world.discord.violations).toEqual([]);
  });

  it('seeds a newly added feed silently, then posts an alert for a new item on a subscribed topic', async () => {
    const app = await launchWithSeededFeeds(world);
    await subscribe('white-house-talks');
    await subscribe('russian-strikes');

    // A moderator adds a third outlet whose feed already carries a matching story: that is history, not news.
    const feedUrl = world.serveFeed('/euro-dispatch/rss', 'Euro Dispatch', [
      demoItem('03-kharkiv-strikes', 'capital', { guid: 'euro-dispatch-kharkiv', link: 'https://eurodispatch.example/kharkiv-strikes' }),
    ]);
    const added = await world.discord.sendSlashCommand({ name: 'feeds add', userId: world.moderator, options: { url: feedUrl, outlet: 'Euro Dispatch' } });
    expect(answerText(added)).toContain('Added the Euro Dispatch feed (1 item right now)');
    await world.pollAndDeliver(app);
    const dispatch = await app.feeds.bySourceUrl(feedUrl);
    expect(dispatch).toMatchObject({ seeded: true });
    expect(await app.items.countForFeed(dispatch?.id ?? -1)).toBe(1);
    expect(channelPosts(world, world.alertsChannel)).toEqual([]);

    const meeting = demoItem('01-white-house-meeting', 'capital');
    world.serve('capital', [meeting, demoItem('03-kharkiv-strikes', 'capital')]);
    await world.pollAndDeliver(app);

    const posts = channelPosts(world, world.alertsChannel);
    expect(posts).toHaveLength(1);
    const [embed] = posts[0]?.current.embeds ?? [];
    expect(embed).toMatchObject({
      title: meeting.title,
      url: meeting.link,
      author: { name: 'Capital Wire' },
      timestamp: new Date(meeting.published).toISOString(),
      footer: { text: expect.stringContaining(WHITE_HOUSE_TALKS) },
    });
    const why = embed?.fields?.find((field) => field.name.startsWith(`Matched: ${WHITE_HOUSE_TALKS}`));
    expect(why?.value).toMatch(/White House/u);
    expect(why?.value).toMatch(/Zelensky/u);
    expect(embed?.description).toContain('White House meeting');
    expect(world.discord.violations).toEqual([]);
  });

  it('edits the alert when a second outlet reports the same story under another headline, and follows up what is new', async () => {
    const app = await launchWithSeededFeeds(world);
    await subscribe('white-house-talks');
    world.serve('capital', [demoItem('01-white-house-meeting', 'capital'), demoItem('03-kharkiv-strikes', 'capital')]);
    await world.pollAndDeliver(app);
    expect(channelPosts(world, world.alertsChannel)).toHaveLength(1);

    const rewrite = demoItem('02-white-house-rewrite', 'ledger');
    world.serve('ledger', [rewrite, demoItem('03-kharkiv-strikes', 'ledger')]);
    await world.pollAndDeliver(app);

    // The rewrite also quotes a principal the story had not heard from (Merz): besides the edit, one follow-up says so.
    const posts = channelPosts(world, world.alertsChannel);
    expect(posts).toHaveLength(2);
    const [alert, followUp] = posts;
    expect(followUp?.current.embeds[0]).toMatchObject({ title: rewrite.title, description: 'Friedrich Merz speaks for the first time in this story' });
    expect(alert?.history).toHaveLength(1);
    const [embed] = alert?.current.embeds ?? [];
    expect(embed?.title).toBe(demoItem('01-white-house-meeting', 'capital').title);
    expect(embed?.fields).toContainEqual({ name: 'Also reported by', value: `[Kyiv Ledger](${rewrite.link})` });
    expect(alert?.history[0]?.embeds[0]?.fields?.some((field) => field.name === 'Also reported by')).toBe(false);
    expect(world.discord.violations).toEqual([]);
  });

  it('escapes mentions, markdown and masked links in a feed headline, and pings nobody', async () => {
    const app = await launchWithSeededFeeds(world);
    await subscribe('crimea');
    const hostile = demoItem('01-white-house-meeting', 'ledger', {
      guid: 'ledger-hostile-headline',
      title: '@everyone <@123> **BREAKING**: Crimea [official statement](https://evil.example/phish) __now__',
    });
    world.serve('ledger', [hostile, demoItem('03-kharkiv-strikes', 'ledger')]);
    await world.pollAndDeliver(app);

    const [alert] = channelPosts(world, world.alertsChannel);
    const title = alert?.current.embeds[0]?.title ?? '';
    expect(title).toBe(
      '@\u200beveryone \\<@123\\> \\*\\*BREAKING\\*\\*: Crimea \\[official statement\\](https://evil.example/phish) \\_\\_now\\_\\_',
    );
    expect(alert?.current.content).toBe('');
    expect(world.discord.violations).toEqual([]);
  });

  it('pauses the subscription when it cannot post in the channel, and tells the server in a channel where it can', async () => {
    const app = await launchWithSeededFeeds(world);
    await subscribe('white-house-talks');
    const updated = once(app.discord.bot.client, Events.ChannelUpdate);
    world.discord.setChannelPermissions(world.alertsChannel, { send: false });
    await updated;

    world.serve('capital', [demoItem('01-white-house-meeting', 'capital'), demoItem('03-kharkiv-strikes', 'capital')]);
    await world.pollAndDeliver(app);

    const [subscription] = await app.stores.subscriptions.listForChannel(world.alertsChannel);
    expect(subscription?.pausedAt).toBe(world.clock.now);
    expect(subscription?.pausedReason).toMatch(/Missing Permissions/u);
    expect(channelPosts(world, world.alertsChannel)).toEqual([]);
    const notices = channelPosts(world, world.digestChannel);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.current.embeds[0]).toMatchObject({
      title: 'Alerts paused',
      description: expect.stringContaining(`wirewatch paused 1 subscription for <#${world.alertsChannel}>`),
    });
    // The refused post is the one rule break this test provokes: nothing else.
    expect(world.discord.violations.map((violation) => violation.kind)).toEqual(['missing-permissions']);
    expect(world.discord.violations[0]?.where).toBe(`POST /channels/${world.alertsChannel}/messages`);

    // Later news for the paused channel is not even attempted.
    world.serve('ledger', [demoItem('02-white-house-rewrite', 'ledger'), demoItem('03-kharkiv-strikes', 'ledger')]);
    await world.pollAndDeliver(app);
    expect(world.discord.violations).toHaveLength(1);
  });
});

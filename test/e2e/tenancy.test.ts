import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { GuildInfo } from '../support/discord/index.js';
import { addSecondServer, answerText, channelPosts, demoItem, isEphemeral, launchWithSeededFeeds, startWorld, subscribeTopic, type E2eWorld } from './harness.js';
import { queryRows } from '../support/stores.js';

/**
 * Two servers on one bot. Server A (the harness's default guild) adds a private feed whose URL carries a token;
 * server B is a second guild on the same local Discord server. Each test checks what the other server sees and does
 * not see: its channels, its command replies, its autocomplete.
 */

const SECRET = 'SECRET-7f3a';
const A_OUTLET = 'A Insider';
/** What the private feed calls itself: what any server adding its URL without naming it gets. */
const FEED_TITLE = 'Insider Wire';
const WITKOFF = 'Article 5-like language to cover a security guarantee';
/** The feed server routes by path and query string. */
const PRIVATE_PATH = `/insider/feed.xml?token=${SECRET}`;

let world: E2eWorld;
let b: { guild: GuildInfo; moderator: string; alerts: string };

beforeEach(async () => {
  world = await startWorld();
  b = addSecondServer(world, ['b-general']);
});

afterEach(async () => {
  await world.close();
});

/** A's private feed, at a URL with a token in its query string; serves `articles` (default: one old report). */
function servePrivateFeed(articles = [demoItem('03-kharkiv-strikes', 'capital', { guid: 'insider-kharkiv', link: `https://insider.example/kharkiv?token=${SECRET}` })]): string {
  return world.serveFeed(PRIVATE_PATH, FEED_TITLE, articles);
}

async function addFeedInA(url: string): Promise<string> {
  const record = await world.discord.sendSlashCommand({ name: 'feeds add', userId: world.moderator, options: { url, outlet: A_OUTLET } });
  return answerText(record);
}

async function asB(name: string, options: Record<string, string | boolean> = {}) {
  return world.discord.sendSlashCommand({ name, guildId: b.guild.id, channelId: b.alerts, userId: b.moderator, options });
}

async function subscribeB(topic: string): Promise<void> {
  const record = await asB('subscribe topic', { topic });
  expect(answerText(record)).toContain(`Subscribed <#${b.alerts}>`);
}

/** Everything B's channel shows. */
function bChannelText(): string {
  return JSON.stringify(channelPosts(world, b.alerts).map((message) => message.current));
}

describe('servers stay apart, end to end with two guilds', () => {
  it('keeps a private feed’s item and everything derived from it out of the other server', async () => {
    const app = await launchWithSeededFeeds(world);
    await subscribeTopic(world, world.alertsChannel, 'nato-membership');
    await subscribeB('nato-membership');
    await subscribeB('security-guarantees');
    expect(await addFeedInA(servePrivateFeed())).toContain(`Added the ${A_OUTLET} feed`);
    await world.pollAndDeliver(app);

    const meeting = demoItem('01-white-house-meeting', 'capital', { guid: 'insider-meeting', link: `https://insider.example/nato?token=${SECRET}` });
    servePrivateFeed([meeting]);
    await world.pollAndDeliver(app);

    // A, which added the feed, is alerted under its own name for the outlet.
    const aAlerts = channelPosts(world, world.alertsChannel);
    expect(aAlerts).toHaveLength(1);
    expect(aAlerts[0]?.current.embeds[0]).toMatchObject({ title: meeting.title, author: { name: A_OUTLET } });
    // B, subscribed to the same topics, gets nothing.
    expect(channelPosts(world, b.alerts)).toEqual([]);

    const aWhoSaid = await world.discord.sendSlashCommand({ name: 'whosaid', options: { quote: WITKOFF } });
    expect(answerText(aWhoSaid)).toContain(A_OUTLET);
    const bReplies = [
      await asB('whosaid', { quote: WITKOFF }),
      await asB('quotes', { since: '7d' }),
      await asB('quotes', { person: 'steve-witkoff', since: '7d' }),
      await asB('summary topic', { topic: 'nato-membership', since: '7d' }),
      await asB('digest now', { topic: 'nato-membership', since: '7d' }),
      await asB('digest now', { since: '7d' }),
      await asB('topic show', { id: 'nato-membership' }),
    ].map(answerText);
    expect(bReplies[0]).toContain('No stored quote matches');
    expect(bReplies[3]).toContain('No stories about');
    expect(bReplies[0]).not.toContain('Witkoff');
    for (const reply of bReplies) {
      expect(reply).not.toContain(A_OUTLET);
      expect(reply).not.toContain(SECRET);
      expect(reply).not.toContain(meeting.title);
    }
    // The /whosaid reply repeats the words asked; nothing else quotes them.
    for (const reply of bReplies.slice(1)) expect(reply).not.toMatch(/Article 5-like/u);
    const storyChoices = await world.discord.sendAutocomplete({
      name: 'summary story', guildId: b.guild.id, channelId: b.alerts, userId: b.moderator, options: { story: 'NATO membership' }, focused: 'story',
    });
    expect(storyChoices.choices).toEqual([]);
    const aStoryChoices = await world.discord.sendAutocomplete({ name: 'summary story', options: { story: 'NATO membership' }, focused: 'story' });
    expect(aStoryChoices.choices?.map((choice) => choice.name)).toEqual([meeting.title]);

    // A public outlet reports the same meeting: B is alerted with the public source alone, nothing of A's.
    world.serve('ledger', [demoItem('02-white-house-rewrite', 'ledger'), demoItem('03-kharkiv-strikes', 'ledger')]);
    await world.pollAndDeliver(app);
    const bAlerts = channelPosts(world, b.alerts);
    expect(bAlerts.length).toBeGreaterThan(0);
    expect(bChannelText()).toContain('Kyiv Ledger');
    expect(bChannelText()).not.toContain(A_OUTLET);
    expect(bChannelText()).not.toContain(SECRET);
    expect(world.discord.violations).toEqual([]);
  });

  it('refuses to subscribe another server’s channel, and delivery never posts there', async () => {
    const app = await launchWithSeededFeeds(world);
    const record = await world.discord.sendSlashCommand({
      name: 'subscribe topic', userId: world.moderator, channelId: world.alertsChannel, options: { topic: 'nato-membership', channel: b.alerts },
    });
    expect(isEphemeral(record)).toBe(true);
    expect(answerText(record)).toContain('not a channel of this server');
    expect(await app.stores.subscriptions.listForChannel(b.alerts)).toEqual([]);
    expect((await asB('subscriptions')).followUps).toEqual([]);

    // A subscription that names B's channel anyway (written before this check existed) posts nothing there.
    const planted = await app.stores.subscriptions.add(
      { guildId: world.guild.id, channelId: b.alerts, kind: 'topic', target: 'nato-membership', mode: 'alerts', digestTime: '08:00', timezone: 'UTC', quietNote: false, createdBy: world.moderator },
      world.clock.now,
    );
    world.serve('capital', [demoItem('01-white-house-meeting', 'capital'), demoItem('03-kharkiv-strikes', 'capital')]);
    await world.pollAndDeliver(app);
    expect(channelPosts(world, b.alerts)).toEqual([]);
    const refused = await queryRows(app.store, `SELECT status, last_error AS lastError FROM outbox WHERE subscription_id = ?`, planted.id);
    expect(refused).toEqual([{ status: 'failed', lastError: `channel ${b.alerts} is not in server ${world.guild.id}` }]);
    expect(world.discord.violations).toEqual([]);
  });

  it('adds a URL another server added as if it were new, naming nothing of that server', async () => {
    const app = await launchWithSeededFeeds(world);
    const url = servePrivateFeed();
    const aAnswer = await addFeedInA(url);
    await world.pollAndDeliver(app);
    const aPolledAt = world.clock.now;
    const feedId = String((await app.feeds.bySourceUrl(url))?.id);
    const polledBefore = `last success: <t:${Math.floor(aPolledAt / 1000)}:R>`;
    expect(answerText(await world.discord.sendSlashCommand({ name: 'feeds status', userId: world.moderator, options: { feed: feedId } }))).toContain(polledBefore);
    world.clock.now += 60_000;

    const bAnswer = answerText(await asB('feeds add', { url }));
    expect(bAnswer).toContain(`Added the ${FEED_TITLE} feed (1 item right now). wirewatch polls it every`);
    expect(bAnswer).not.toContain(A_OUTLET);
    expect(bAnswer).not.toContain('already reads');
    expect(aAnswer.replace(A_OUTLET, FEED_TITLE)).toBe(bAnswer);
    // Still one feed, fetched once; each server sees it under its own name, and B nothing of its history.
    expect((await app.feeds.all()).filter((feed) => feed.origin === 'guild')).toHaveLength(1);
    const bList = answerText(await asB('feeds list'));
    expect(bList).toContain(FEED_TITLE);
    expect(bList).not.toContain(A_OUTLET);
    // B's add polls the feed at once, as for a new feed; what happened before it is not B's to see.
    const bStatus = answerText(await asB('feeds status', { feed: feedId }));
    expect(bStatus).toMatch(new RegExp(`last success: (never|<t:${Math.floor(world.clock.now / 1000)}:R>)`, 'u'));
    expect(bStatus).not.toContain(polledBefore);
    const aList = answerText(await world.discord.sendSlashCommand({ name: 'feeds list', userId: world.moderator }));
    expect(aList).toContain(A_OUTLET);
    expect(aList).not.toContain(FEED_TITLE);
    expect(world.discord.violations).toEqual([]);
  });

  it('shows a feed’s token only to those who manage the server, and never in the feed-disabled notice', async () => {
    const app = await launchWithSeededFeeds(world);
    await subscribeTopic(world, world.alertsChannel, 'nato-membership');
    await subscribeB('nato-membership');
    const url = servePrivateFeed();
    await addFeedInA(url);
    await world.pollAndDeliver(app);

    const memberList = await world.discord.sendSlashCommand({ name: 'feeds list', userId: world.analyst });
    expect(answerText(memberList)).toContain(url.replace(`?token=${SECRET}`, ''));
    expect(answerText(memberList)).not.toContain(SECRET);
    const memberChoices = await world.discord.sendAutocomplete({ name: 'feeds status', userId: world.analyst, options: { feed: '' }, focused: 'feed' });
    expect(JSON.stringify(memberChoices.choices)).not.toContain(SECRET);
    const managerList = await world.discord.sendSlashCommand({ name: 'feeds list', userId: world.moderator });
    expect(isEphemeral(managerList)).toBe(true);
    expect(answerText(managerList)).toContain(SECRET);

    world.feeds.route(PRIVATE_PATH, (_request, response) => response.writeHead(410).end());
    const feedId = (await app.feeds.bySourceUrl(url))?.id ?? -1;
    for (let poll = 0; poll < 10 && (await app.feeds.byId(feedId))?.disabledAt === null; poll += 1) await world.pollAndDeliver(app);
    expect((await app.feeds.byId(feedId))?.disabledAt).not.toBeNull();

    const notices = channelPosts(world, world.alertsChannel).filter((message) => message.current.embeds[0]?.title === 'A news feed stopped working');
    expect(notices).toHaveLength(1);
    const notice = JSON.stringify(notices[0]?.current);
    expect(notice).toContain(A_OUTLET);
    expect(notice).toContain(url.replace(`?token=${SECRET}`, ''));
    expect(notice).not.toContain(SECRET);
    // B does not read that feed: it is told nothing about it.
    expect(channelPosts(world, b.alerts)).toEqual([]);
    expect(world.discord.violations).toEqual([]);
  });

  it('refuses a channel the moderator cannot view', async () => {
    const app = await launchWithSeededFeeds(world);
    const hidden = world.discord.createChannel(world.guild.id, { name: 'staff-only' });
    world.discord.setChannelPermissions(hidden, { view: false }, world.moderator);
    const record = await world.discord.sendSlashCommand({
      name: 'subscribe topic', userId: world.moderator, channelId: world.alertsChannel, options: { topic: 'nato-membership', channel: hidden },
    });
    expect(isEphemeral(record)).toBe(true);
    expect(answerText(record)).toContain('you cannot view');
    expect(await app.stores.subscriptions.listForGuild(world.guild.id)).toEqual([]);
    expect(await app.stores.subscriptions.listForGuild(b.guild.id)).toEqual([]);
    expect(channelPosts(world, hidden)).toEqual([]);
    expect(channelPosts(world, b.alerts)).toEqual([]);
    expect(world.discord.violations).toEqual([]);
  });
});

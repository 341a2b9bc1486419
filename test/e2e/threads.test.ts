import { once } from 'node:events';
import { Events } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOUR, START, answerText, channelPosts, demoItem, startWorld, subscribeTopic, type ConnectedApp, type E2eWorld, type LaunchOptions } from './harness.js';
import { queryRows } from '../support/stores.js';
import type { StoreBackend } from '../../src/store/index.js';

const FORUM_POSTS_ROUTE = 'POST /channels/:id/threads';
const THREAD_ROUTE = 'POST /channels/:id/messages/:id/threads';

let world: E2eWorld;

beforeEach(async () => {
  world = await startWorld();
});

afterEach(async () => {
  await world.close();
});

/** Both feeds already carry the morning's Kharkiv report when the app first polls them. */
async function launchWithSeededFeeds(options: LaunchOptions = {}): Promise<ConnectedApp> {
  world.serve('capital', [demoItem('03-kharkiv-strikes', 'capital')]);
  world.serve('ledger', [demoItem('03-kharkiv-strikes', 'ledger')]);
  return world.launch(options);
}

/** A forum channel the connected client knows about, with tags named like topics (and one that is not). */
async function createForum(app: ConnectedApp): Promise<string> {
  const created = once(app.discord.bot.client, Events.ChannelCreate);
  const forumId = world.discord.createChannel(world.guild.id, { name: 'talks-forum', kind: 'forum', tags: ['Weather', 'white house TALKS', 'Russian strikes'] });
  await created;
  return forumId;
}

async function outboxRows(store: StoreBackend) {
  return await queryRows<{ kind: string; status: string; threadId: string | null; inThreadOf: number | null }>(
    store,
    `SELECT kind, status, thread_id AS threadId, in_thread_of AS inThreadOf FROM outbox WHERE kind != 'notice' ORDER BY id`,
  );
}

describe('forum posts and threads, end to end', () => {
  it('posts a story in a forum as a post with the matching tags, and a second outlet replies inside it', async () => {
    const app = await launchWithSeededFeeds();
    const forumId = await createForum(app);
    await subscribeTopic(world, forumId, 'white-house-talks');
    const meeting = demoItem('01-white-house-meeting', 'capital');
    world.serve('capital', [meeting, demoItem('03-kharkiv-strikes', 'capital')]);
    await world.pollAndDeliver(app);

    const [post, ...others] = world.discord.threads(forumId);
    expect(others).toEqual([]);
    expect(post).toMatchObject({ name: meeting.title, appliedTags: ['white house TALKS'], ownerId: world.discord.botUserId });
    const [starter] = world.discord.messages(post?.id ?? '');
    expect(starter?.id).toBe(post?.id);
    expect(starter?.current.embeds[0]).toMatchObject({ title: meeting.title, author: { name: 'Capital Wire' } });

    const rewrite = demoItem('02-white-house-rewrite', 'ledger');
    world.serve('ledger', [rewrite, demoItem('03-kharkiv-strikes', 'ledger')]);
    await world.pollAndDeliver(app);

    expect(world.discord.threads(forumId)).toHaveLength(1);
    const inPost = world.discord.messages(post?.id ?? '');
    // The post's first message is left as it was; the second outlet and what it adds come as replies.
    expect(inPost[0]?.history).toEqual([]);
    expect(inPost.slice(1).map((message) => message.current.embeds[0]?.footer?.text)).toEqual([
      'wirewatch · another outlet reports this story',
      'wirewatch · new development in a story you follow',
    ]);
    expect(inPost[1]?.current.embeds[0]).toMatchObject({ title: rewrite.title, url: rewrite.link, author: { name: 'Kyiv Ledger' } });
    expect(await outboxRows(app.store)).toEqual([
      { kind: 'alert', status: 'sent', threadId: post?.id, inThreadOf: null },
      { kind: 'alert-edit', status: 'sent', threadId: null, inThreadOf: expect.any(Number) },
      { kind: 'alert', status: 'sent', threadId: null, inThreadOf: expect.any(Number) },
    ]);
    expect(world.discord.violations).toEqual([]);
  });

  it('starts a thread on each alert with threads:true, and posts the second outlet inside it', async () => {
    const app = await launchWithSeededFeeds();
    await subscribeTopic(world, world.alertsChannel, 'white-house-talks', { threads: true });
    const meeting = demoItem('01-white-house-meeting', 'capital');
    world.serve('capital', [meeting, demoItem('03-kharkiv-strikes', 'capital')]);
    await world.pollAndDeliver(app);

    const [alert] = channelPosts(world, world.alertsChannel);
    const [thread] = world.discord.threads(world.alertsChannel);
    expect(thread).toMatchObject({ id: alert?.id, name: meeting.title });
    expect(alert?.current.thread?.id).toBe(thread?.id);

    world.serve('ledger', [demoItem('02-white-house-rewrite', 'ledger'), demoItem('03-kharkiv-strikes', 'ledger')]);
    await world.pollAndDeliver(app);

    expect(channelPosts(world, world.alertsChannel)).toHaveLength(1);
    expect(alert?.history).toEqual([]);
    const inThread = world.discord.messages(thread?.id ?? '');
    expect(inThread.map((message) => message.current.embeds[0]?.author?.name)).toEqual(['Kyiv Ledger', 'Kyiv Ledger']);
    // The second outlet's report, with the people it newly quotes, then the development it brings.
    expect(inThread[0]?.current.embeds[0]?.fields?.map((field) => field.name)).toEqual(['New quote: Volodymyr Zelensky', 'New quote: Friedrich Merz']);
    expect(inThread[1]?.current.embeds[0]?.description).toBe('Friedrich Merz speaks for the first time in this story');
    expect(world.discord.violations).toEqual([]);
  });

  it('refuses a digest in a forum channel and says where it belongs', async () => {
    const app = await launchWithSeededFeeds();
    const forumId = await createForum(app);
    const record = await world.discord.sendSlashCommand({ name: 'subscribe topic', userId: world.moderator, channelId: world.alertsChannel, options: { topic: 'white-house-talks', channel: forumId, mode: 'both' } });
    expect(answerText(record)).toContain('a forum channel takes alerts');
    expect(await app.stores.subscriptions.listForChannel(forumId)).toEqual([]);
    expect(world.discord.violations).toEqual([]);
  });

  it('refuses quiet hours in a forum channel, which could not take the summary of what they held', async () => {
    const app = await launchWithSeededFeeds();
    const forumId = await createForum(app);
    const record = await world.discord.sendSlashCommand({ name: 'subscribe topic', userId: world.moderator, channelId: world.alertsChannel, options: { topic: 'white-house-talks', channel: forumId, quiet: '22:00-07:00' } });
    expect(answerText(record)).toContain('`quiet`: a forum channel takes each story as a post');
    expect(await app.stores.subscriptions.listForChannel(forumId)).toEqual([]);
    expect(world.discord.violations).toEqual([]);
  });

  it('makes one forum post when the answer to the first attempt is lost, and one thread when a thread start is answered with an error', async () => {
    const longBackoff = { baseDelayMs: HOUR, maxDelayMs: 2 * HOUR };
    const first = await launchWithSeededFeeds({ deliveryBackoff: longBackoff });
    const forumId = await createForum(first);
    await subscribeTopic(world, forumId, 'white-house-talks');
    await subscribeTopic(world, world.alertsChannel, 'white-house-talks', { threads: true });
    // Discord makes the post and the thread, but the answers are lost (a 5xx after the work was done).
    world.discord.failNext({ route: FORUM_POSTS_ROUTE, status: 500, afterHandling: true });
    world.discord.failNext({ route: THREAD_ROUTE, status: 502, afterHandling: true });
    world.serve('capital', [demoItem('01-white-house-meeting', 'capital'), demoItem('03-kharkiv-strikes', 'capital')]);
    await world.pollAndDeliver(first);

    // The thread's start was asked again at once (discord.js retries a 5xx): Discord says the message has its thread.
    expect((await outboxRows(first.store)).map((row) => row.status)).toEqual(['pending', 'sent']);
    expect(world.discord.threads(forumId)).toHaveLength(1);
    await world.stop(first);

    // A restart an hour later retries the post: it finds the one the lost answer made instead of posting again.
    world.clock.now = START + 2 * HOUR;
    const second = await world.launch({ deliveryBackoff: longBackoff });
    await second.discord.delivery.drain();

    const [post, ...extraPosts] = world.discord.threads(forumId);
    const [thread, ...extraThreads] = world.discord.threads(world.alertsChannel);
    expect([extraPosts, extraThreads]).toEqual([[], []]);
    expect(channelPosts(world, world.alertsChannel)).toHaveLength(1);
    expect(await outboxRows(second.store)).toEqual([
      { kind: 'alert', status: 'sent', threadId: post?.id, inThreadOf: null },
      { kind: 'alert', status: 'sent', threadId: thread?.id, inThreadOf: null },
    ]);
    expect(world.discord.requests.filter((request) => request.route === 'POST /channels/:channelId/threads')).toHaveLength(1);
    expect(world.discord.violations).toEqual([]);
  });
});

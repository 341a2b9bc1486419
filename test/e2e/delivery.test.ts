import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readStoredPayload } from '../../src/discord/delivery/message-body.js';
import type { Db } from '../../src/store/database.js';
import {
  HOUR,
  MINUTE,
  START,
  channelPosts,
  demoItem,
  startWorld,
  subscribeTopic,
  weekendStories,
  type E2eWorld,
} from './harness.js';

const MESSAGES_ROUTE = 'POST /channels/:id/messages';

let world: E2eWorld;

beforeEach(async () => {
  world = await startWorld();
});

afterEach(async () => {
  await world.close();
});

interface OutboxRow {
  id: number;
  kind: string;
  status: string;
  attempts: number;
  messageId: string | null;
}

function outboxRows(db: Db, channelId: string): OutboxRow[] {
  return db.prepare(`SELECT id, kind, status, attempts, message_id AS messageId FROM outbox WHERE channel_id = ? ORDER BY id`).all(channelId) as OutboxRow[];
}

function postsTo(channelId: string): { status: number }[] {
  return world.discord.requests.filter((request) => request.method === 'POST' && request.path.endsWith(`/channels/${channelId}/messages`));
}

describe('digests and delivery, end to end', () => {
  it('posts a scheduled digest once its time has passed, and only once', async () => {
    world.serve('capital', [demoItem('01-white-house-meeting', 'capital'), demoItem('03-kharkiv-strikes', 'capital')]);
    world.serve('ledger', [demoItem('02-white-house-rewrite', 'ledger')]);
    // The real node-cron schedule, every second, does the looking; the injected clock decides what is due.
    const app = await world.launch({ digestSchedule: '* * * * * *' });
    await subscribeTopic(world, world.digestChannel, 'white-house-talks', { mode: 'both', time: '13:00', timezone: 'UTC' });
    expect(await app.discord.runDueDigests()).toBe(0);

    world.clock.now = START + HOUR + 5 * MINUTE;
    const [digest] = await world.discord.waitFor(() => {
      const posts = channelPosts(world, world.digestChannel);
      return posts.length > 0 && posts;
    }, { description: 'the 13:00 digest in #daily-digest' });
    await app.discord.delivery.drain();

    expect(digest?.current.content).toBe('**wirewatch digest** · 2025-08-17 13:05 → 2025-08-18 13:05 UTC');
    const [section] = digest?.current.embeds ?? [];
    expect(section?.title).toBe('Trump–Zelensky talks at the White House');
    expect(section?.description).toContain(demoItem('01-white-house-meeting', 'capital').title);
    expect(section?.description).toContain('[Kyiv Ledger]');
    expect(app.stores.subscriptions.listForChannel(world.digestChannel)[0]?.lastDigestAt).toBe(world.clock.now);

    expect(await app.discord.runDueDigests()).toBe(0);
    await app.discord.delivery.drain();
    expect(channelPosts(world, world.digestChannel)).toHaveLength(1);
    expect(world.discord.violations).toEqual([]);
  });

  it('delivers every message of a digest once and in order when Discord rate-limits it halfway', async () => {
    world.serve('capital', [demoItem('01-white-house-meeting', 'capital'), demoItem('03-kharkiv-strikes', 'capital'), ...weekendStories('capital')]);
    world.serve('ledger', [demoItem('02-white-house-rewrite', 'ledger'), ...weekendStories('ledger')]);
    const app = await world.launch();
    for (const topic of ['ceasefire-and-peace-deal', 'territory-and-referendum', 'security-guarantees', 'russian-strikes']) {
      await subscribeTopic(world, world.digestChannel, topic, { mode: 'digest', time: '13:00' });
    }
    world.clock.now = START + HOUR + MINUTE;
    // Once the first message is stored (before its response leaves), the next post gets a 429.
    const rateLimited = world.discord
      .waitFor(() => channelPosts(world, world.digestChannel).length === 1, { description: 'the first digest message' })
      .then(() => world.discord.failNext({ route: MESSAGES_ROUTE, status: 429, retryAfter: 0.3 }));

    const queued = await app.discord.runDueDigests();
    expect(queued).toBeGreaterThanOrEqual(2);
    await rateLimited;
    await app.discord.delivery.drain();

    const posts = channelPosts(world, world.digestChannel);
    expect(posts.map((post) => post.current.content)).toEqual([
      expect.stringMatching(/^\*\*wirewatch digest\*\* · 2025-08-17 13:01 → 2025-08-18 13:01 UTC$/u),
      ...Array.from({ length: queued - 1 }, (_, index) => expect.stringMatching(new RegExp(`\\(${index + 2}/${queued}\\)$`, 'u'))),
    ]);
    expect(postsTo(world.digestChannel).map((request) => request.status)).toEqual([200, 429, ...Array<number>(queued - 1).fill(200)]);
    // One attempt each: discord.js waited the rate limit out, so the outbox never had to retry a row.
    const rows = outboxRows(app.db, world.digestChannel);
    expect(rows.map((row) => [row.kind, row.status, row.attempts])).toEqual(Array.from({ length: queued }, () => ['digest', 'sent', 1]));
    expect(rows.map((row) => row.messageId)).toEqual(posts.map((post) => post.id));
    // What was posted is what was queued, message for message, and no story appears twice.
    const queuedBodies = rows.map((row) => {
      const payload = readStoredPayload(app.stores.outbox.byId(row.id)?.payloadJson ?? '');
      return payload?.ok ? { content: payload.body.content, embeds: payload.body.embeds } : payload;
    });
    expect(posts.map((post) => ({ content: post.current.content, embeds: post.current.embeds }))).toEqual(queuedBodies);
    const storyHeadlines = posts.flatMap((post) => post.current.embeds.flatMap((embed) => [...(embed.description ?? '').matchAll(/^(?:🆕|🔄 developing ·) \*\*\[(.+?)\]\(/gmu)].map((match) => match[1])));
    expect(storyHeadlines.length).toBeGreaterThan(10);
    expect(new Set(storyHeadlines).size).toBe(storyHeadlines.length);
    expect(world.discord.violations).toEqual([]);
  });

  it('delivers alerts left pending by a stopped app exactly once after a restart on the same database', async () => {
    world.serve('capital', [demoItem('03-kharkiv-strikes', 'capital')]);
    world.serve('ledger', []);
    const longBackoff = { baseDelayMs: HOUR, maxDelayMs: 2 * HOUR };
    const first = await world.launch({ deliveryBackoff: longBackoff });
    await subscribeTopic(world, world.alertsChannel, 'white-house-talks');
    await subscribeTopic(world, world.alertsChannel, 'russian-strikes');

    // Discord answers 500 to every attempt discord.js makes (the first and its retries), so delivery backs off an hour.
    const attemptsPerSend = world.discord.restOptions.retries + 1;
    world.discord.failNext({ route: MESSAGES_ROUTE, status: 500, times: attemptsPerSend });
    const meeting = demoItem('01-white-house-meeting', 'capital');
    const [sumy] = weekendStories('ledger').filter((article) => article.title.startsWith('Missile attack on Sumy'));
    if (!sumy) throw new Error('the weekend fixture lost its Sumy story');
    world.serve('capital', [meeting, demoItem('03-kharkiv-strikes', 'capital')]);
    world.serve('ledger', [sumy]);
    await world.pollAndDeliver(first);

    expect(channelPosts(world, world.alertsChannel)).toEqual([]);
    const failures = Array<number>(attemptsPerSend).fill(500);
    expect(postsTo(world.alertsChannel).map((request) => request.status)).toEqual(failures);
    const pending = outboxRows(first.db, world.alertsChannel);
    expect(pending.map((row) => [row.kind, row.status])).toEqual([['alert', 'pending'], ['alert', 'pending']]);
    expect(pending[0]?.attempts).toBe(1);
    await world.stop(first);

    world.clock.now = START + 2 * HOUR;
    const second = await world.launch({ deliveryBackoff: longBackoff });
    await second.discord.delivery.drain();

    const posts = channelPosts(world, world.alertsChannel);
    expect(posts.map((post) => post.current.embeds[0]?.title).sort()).toEqual([meeting.title, sumy.title].sort());
    const delivered = outboxRows(second.db, world.alertsChannel);
    expect(delivered.map((row) => row.status)).toEqual(['sent', 'sent']);
    expect(delivered.map((row) => row.messageId)).toEqual(posts.map((post) => post.id));
    expect(postsTo(world.alertsChannel).map((request) => request.status)).toEqual([...failures, 200, 200]);

    await world.pollAndDeliver(second);
    expect(channelPosts(world, world.alertsChannel)).toHaveLength(2);
    expect(world.discord.violations).toEqual([]);
  });
});

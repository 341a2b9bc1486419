import { describe, expect, it } from 'vitest';
import { DeliveryWorker, type GuildNoticeChannels } from '../../../src/discord/delivery/worker.js';
import type { Stores } from '../../../src/store/index.js';
import { type NewOutboxMessage } from '../../../src/store/outbox.js';
import { discordError, fakeChannelGuilds, FakeClock, FakeScheduler, FakeSender, ids, networkError, notice, rateLimited, serverError } from './fakes.js';
import { openTestStores, execute } from '../../support/stores.js';

async function setup(options: { stores?: Stores; clock?: FakeClock; noticeChannel?: string | null; maxAttempts?: number; lookEveryMs?: number } = {}) {
  const stores = options.stores ?? (await openTestStores());
  const clock = options.clock ?? new FakeClock();
  const scheduler = new FakeScheduler();
  const sender = new FakeSender();
  const outbox = stores.outbox;
  const subscriptions = stores.subscriptions;
  const noticeLookups: string[] = [];
  const noticeChannels: GuildNoticeChannels = {
    async findNoticeChannel(guildId, unavailableChannelId) {
      noticeLookups.push(`${guildId}/${unavailableChannelId}`);
      return options.noticeChannel === undefined ? ids.systemChannel : options.noticeChannel;
    },
  };
  const worker = new DeliveryWorker({
    outbox,
    subscriptions,
    sender,
    noticeChannels,
    channelGuilds: fakeChannelGuilds,
    now: clock.now,
    scheduler,
    random: () => 0.5,
    maxAttempts: options.maxAttempts ?? 10,
    lookEveryMs: options.lookEveryMs,
  });
  const enqueue = async (channelId: string, text: string, extra: Partial<NewOutboxMessage> = {}) =>
    await outbox.enqueue({ guildId: ids.guild, channelId, kind: 'alert', payload: notice(text), ...extra }, clock.now());
  return { stores, clock, scheduler, sender, outbox, subscriptions, worker, enqueue, noticeLookups };
}

function texts(sender: FakeSender, channelId: string): (string | undefined)[] {
  return sender.inChannel(channelId).map((message) => message.body.embeds[0]?.description);
}

describe('DeliveryWorker', () => {
  it('delivers each channel in creation order, and a row waiting for a retry holds back the rest of its channel only', async () => {
    const { sender, worker, enqueue, clock, outbox } = await setup();
    sender.script(ids.channelA, serverError(503));
    await enqueue(ids.channelA, 'A1');
    await enqueue(ids.channelB, 'B1');
    await enqueue(ids.channelA, 'A2');
    await enqueue(ids.channelB, 'B2');
    worker.start();
    await worker.drain();

    expect(texts(sender, ids.channelB)).toEqual(['B1', 'B2']);
    expect(texts(sender, ids.channelA)).toEqual([]);
    expect(await outbox.pendingCount()).toBe(2);

    clock.advance(60_000);
    await worker.drain();
    expect(texts(sender, ids.channelA)).toEqual(['A1', 'A2']);
    expect(await outbox.pendingCount()).toBe(0);
    await worker.stop();
  });

  it.each([
    ['a 5xx', serverError(502)],
    ['a 429 whose retries discord.js exhausted', rateLimited(30)],
    ['a network error', networkError()],
  ])('retries after %s with backoff, reusing the nonce, and sends exactly once', async (_label, error) => {
    const { sender, worker, enqueue, clock, outbox, scheduler } = await setup();
    sender.script(ids.channelA, error, error);
    const row = await enqueue(ids.channelA, 'ceasefire alert');
    worker.start();
    await worker.drain();

    const afterFirst = await outbox.byId(row.id);
    expect(afterFirst).toMatchObject({ status: 'pending', attempts: 1 });
    const firstDelay = (afterFirst?.nextAttemptAt ?? 0) - clock.now();
    expect(firstDelay).toBeGreaterThanOrEqual(5_000);
    expect(scheduler.delays()).toEqual([firstDelay]);

    clock.advance(firstDelay);
    await worker.drain();
    const afterSecond = await outbox.byId(row.id);
    expect(afterSecond).toMatchObject({ status: 'pending', attempts: 2 });
    const secondDelay = (afterSecond?.nextAttemptAt ?? 0) - clock.now();
    expect(secondDelay).toBeGreaterThanOrEqual(firstDelay);

    // Not due yet: nothing is sent early.
    clock.advance(secondDelay - 1);
    await worker.drain();
    expect(sender.calls).toHaveLength(2);

    clock.advance(1);
    await worker.drain();
    expect(texts(sender, ids.channelA)).toEqual(['ceasefire alert']);
    expect(sender.calls.map((call) => call.nonce)).toEqual([row.nonce, row.nonce, row.nonce]);
    expect(await outbox.byId(row.id)).toMatchObject({ status: 'sent', attempts: 3, messageId: sender.messages[0]?.id, lastError: null });
    await worker.stop();
  });

  it('waits at least as long as Discord asks on a 429', async () => {
    const { sender, worker, enqueue, clock, outbox } = await setup();
    sender.script(ids.channelA, rateLimited(120));
    const row = await enqueue(ids.channelA, 'alert');
    worker.start();
    await worker.drain();
    expect(((await outbox.byId(row.id))?.nextAttemptAt ?? 0) - clock.now()).toBe(120_000);
    await worker.stop();
  });

  it('does not post twice when the response to a successful post was lost: the retry carries the same nonce', async () => {
    const { sender, worker, enqueue, clock, outbox } = await setup();
    sender.script(ids.channelA, 'posted-but-lost');
    const row = await enqueue(ids.channelA, 'alert');
    worker.start();
    await worker.drain();
    clock.advance(60_000);
    await worker.drain();
    expect(sender.inChannel(ids.channelA)).toHaveLength(1);
    expect(await outbox.byId(row.id)).toMatchObject({ status: 'sent', messageId: sender.messages[0]?.id });
    await worker.stop();
  });

  it('gives a row up after the attempt limit and goes on with the channel', async () => {
    const { sender, worker, enqueue, clock, outbox } = await setup({ maxAttempts: 3 });
    sender.script(ids.channelA, serverError(), serverError(), serverError());
    const doomed = await enqueue(ids.channelA, 'doomed');
    await enqueue(ids.channelA, 'next');
    worker.start();
    for (let i = 0; i < 3; i += 1) {
      await worker.drain();
      clock.advance(60 * 60_000);
    }
    await worker.drain();
    expect(await outbox.byId(doomed.id)).toMatchObject({ status: 'failed', attempts: 3 });
    expect((await outbox.byId(doomed.id))?.lastError).toMatch(/gave up after 3 attempts/);
    expect(texts(sender, ids.channelA)).toEqual(['next']);
    await worker.stop();
  });

  it('pauses the channel’s subscriptions on a permission error and tells the guild once, where it can post', async () => {
    const { sender, worker, enqueue, outbox, subscriptions, noticeLookups, clock } = await setup();
    const base = { guildId: ids.guild, channelId: ids.channelA, mode: 'alerts', digestTime: '08:00', timezone: 'UTC', quietNote: false, createdBy: ids.moderator } as const;
    const crimea = await subscriptions.add({ ...base, kind: 'topic', target: 'crimea' }, clock.now());
    const witkoff = await subscriptions.add({ ...base, kind: 'person', target: 'steve-witkoff' }, clock.now());
    const elsewhere = await subscriptions.add({ ...base, channelId: ids.channelB, kind: 'topic', target: 'crimea' }, clock.now());
    sender.script(ids.channelA, discordError(403, 50013, 'Missing Permissions'), discordError(403, 50013, 'Missing Permissions'));
    const first = await enqueue(ids.channelA, 'alert 1', { subscriptionId: crimea.id });
    const second = await enqueue(ids.channelA, 'alert 2', { subscriptionId: witkoff.id });
    await enqueue(ids.channelB, 'alert in B', { subscriptionId: elsewhere.id });
    worker.start();
    await worker.drain();

    expect(await subscriptions.byId(crimea.id)).toMatchObject({ pausedAt: clock.now(), pausedReason: 'Missing Permissions (Discord error 50013)' });
    expect((await subscriptions.byId(witkoff.id))?.pausedAt).toBe(clock.now());
    expect((await subscriptions.byId(elsewhere.id))?.pausedAt).toBeNull();
    expect(await outbox.byId(first.id)).toMatchObject({ status: 'failed', attempts: 1 });
    expect((await outbox.byId(second.id))?.status).toBe('failed');
    expect(sender.calls.filter((call) => call.channelId === ids.channelA)).toHaveLength(1);
    expect(noticeLookups).toEqual([`${ids.guild}/${ids.channelA}`]);
    const notices = sender.inChannel(ids.systemChannel);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.body.embeds[0]?.description).toContain(`<#${ids.channelA}>`);
    expect(notices[0]?.body.embeds[0]?.description).toContain('2 subscriptions');
    expect(texts(sender, ids.channelB)).toEqual(['alert in B']);

    // A later post to the same channel fails the same way but does not tell the guild again.
    await enqueue(ids.channelA, 'digest', { kind: 'digest' });
    sender.script(ids.channelA, discordError(404, 10003, 'Unknown Channel'));
    worker.kick();
    await worker.drain();
    expect(sender.inChannel(ids.systemChannel)).toHaveLength(1);
    await worker.stop();
  });

  it('fails a notice it cannot post without pausing anything or sending another notice', async () => {
    const { sender, worker, outbox, subscriptions, clock } = await setup();
    const subscription = await subscriptions.add(
      { guildId: ids.guild, channelId: ids.channelA, kind: 'topic', target: 'crimea', mode: 'both', digestTime: '08:00', timezone: 'UTC', quietNote: false, createdBy: ids.moderator },
      clock.now(),
    );
    sender.script(ids.channelA, discordError(403, 50001, 'Missing Access'));
    const row = await outbox.enqueue({ guildId: ids.guild, channelId: ids.channelA, kind: 'notice', payload: notice('feed down') }, clock.now());
    worker.start();
    await worker.drain();
    expect((await outbox.byId(row.id))?.status).toBe('failed');
    expect((await subscriptions.byId(subscription.id))?.pausedAt).toBeNull();
    expect(sender.messages).toHaveLength(0);
    await worker.stop();
  });

  it('gives up on a message Discord rejects (invalid body) and goes on', async () => {
    const { sender, worker, enqueue, outbox } = await setup();
    sender.script(ids.channelA, discordError(400, 50035, 'Invalid Form Body'));
    const rejected = await enqueue(ids.channelA, 'bad');
    await enqueue(ids.channelA, 'good');
    worker.start();
    await worker.drain();
    expect(await outbox.byId(rejected.id)).toMatchObject({ status: 'failed' });
    expect((await outbox.byId(rejected.id))?.lastError).toContain('50035');
    expect(texts(sender, ids.channelA)).toEqual(['good']);
    await worker.stop();
  });

  it('edits the message of the alert an edit row targets, after that alert is sent', async () => {
    const { sender, worker, enqueue, outbox } = await setup();
    sender.script(ids.channelA, serverError());
    const original = await enqueue(ids.channelA, 'first outlet', { storyId: 'story:7' });
    const edit = await enqueue(ids.channelA, 'also reported by AP', { kind: 'alert-edit', storyId: 'story:7', editsOutboxId: original.id });
    worker.start();
    await worker.drain();
    expect(sender.calls.map((call) => call.op)).toEqual(['create']);
    expect((await outbox.byId(edit.id))?.status).toBe('pending');

    await outbox.markRetry(original.id, 'test: due now', 0);
    await worker.drain();
    const [posted] = sender.inChannel(ids.channelA);
    expect(posted?.edits.map((body) => body.embeds[0]?.description)).toEqual(['also reported by AP']);
    expect(await outbox.byId(edit.id)).toMatchObject({ status: 'sent', messageId: posted?.id });
    await worker.stop();
  });

  it('fails an edit whose alert was never posted', async () => {
    const { sender, worker, enqueue, outbox } = await setup();
    sender.script(ids.channelA, discordError(400, 50035, 'Invalid Form Body'));
    const original = await enqueue(ids.channelA, 'first outlet', { storyId: 'story:7' });
    const edit = await enqueue(ids.channelA, 'edit', { kind: 'alert-edit', storyId: 'story:7', editsOutboxId: original.id });
    worker.start();
    await worker.drain();
    expect(await outbox.byId(edit.id)).toMatchObject({ status: 'failed', attempts: 0, lastError: 'the alert this edits was not posted (failed)' });
    expect(sender.calls.filter((call) => call.op === 'edit')).toHaveLength(0);
    await worker.stop();
  });

  it('fails a row whose stored payload no longer validates, without sending it', async () => {
    const { stores, sender, worker, enqueue, outbox } = await setup();
    const row = await enqueue(ids.channelA, 'x');
    await execute(stores, `UPDATE outbox SET payload_json = ? WHERE id = ?`, JSON.stringify({ embeds: [{ title: 'x'.repeat(300) }], allowed_mentions: { parse: [] } }), row.id);
    worker.start();
    await worker.drain();
    expect((await outbox.byId(row.id))?.status).toBe('failed');
    expect((await outbox.byId(row.id))?.lastError).toMatch(/^stored payload is not a valid message at embeds\.0\.title/);
    expect(sender.calls).toHaveLength(0);
    await worker.stop();
  });

  it('after a restart sends what was pending and never resends what was sent', async () => {
    const stores = await openTestStores();
    const clock = new FakeClock();
    const first = await setup({ stores, clock });
    first.sender.script(ids.channelB, serverError());
    await first.enqueue(ids.channelA, 'sent before the restart');
    await first.enqueue(ids.channelB, 'failed once before the restart');
    first.worker.start();
    await first.worker.drain();
    await first.worker.stop();
    await first.enqueue(ids.channelA, 'queued while stopped');

    clock.advance(10 * 60_000);
    const second = await setup({ stores, clock });
    second.worker.start();
    await second.worker.drain();
    expect(texts(first.sender, ids.channelA)).toEqual(['sent before the restart']);
    expect(texts(second.sender, ids.channelA)).toEqual(['queued while stopped']);
    expect(texts(second.sender, ids.channelB)).toEqual(['failed once before the restart']);
    expect(await second.outbox.pendingCount()).toBe(0);
    await second.worker.stop();
  });

  it('after a crash mid-send, the new worker resends with the same nonce and Discord keeps one message', async () => {
    const stores = await openTestStores();
    const clock = new FakeClock();
    const crashed = await setup({ stores, clock });
    crashed.sender.script(ids.channelA, 'posted-then-crash');
    const row = await crashed.enqueue(ids.channelA, 'alert');
    crashed.worker.start();
    await crashed.sender.messagesReach(1);
    // The process dies here: the worker is abandoned with the row still pending.

    const restarted = new DeliveryWorker({
      outbox: stores.outbox,
      subscriptions: stores.subscriptions,
      sender: crashed.sender, // the same Discord
      noticeChannels: { findNoticeChannel: async () => null },
      channelGuilds: fakeChannelGuilds,
      now: clock.now,
      scheduler: new FakeScheduler(),
    });
    restarted.start();
    await restarted.drain();
    expect(crashed.sender.calls.map((call) => call.nonce)).toEqual([row.nonce, row.nonce]);
    expect(crashed.sender.messages).toHaveLength(1);
    expect(await stores.outbox.byId(row.id)).toMatchObject({ status: 'sent', messageId: crashed.sender.messages[0]?.id });
    await restarted.stop();
  });

  it('stop() lets the send in flight finish and starts nothing new', async () => {
    const { sender, worker, enqueue, outbox } = await setup();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let entered: () => void = () => {};
    const sending = new Promise<void>((resolve) => {
      entered = resolve;
    });
    const create = sender.createMessage.bind(sender);
    sender.createMessage = async (channelId, body) => {
      entered();
      await gate;
      return create(channelId, body);
    };
    const inFlight = await enqueue(ids.channelA, 'in flight');
    const next = await enqueue(ids.channelA, 'next');
    worker.start();
    await sending;
    const stopped = worker.stop();
    release();
    await stopped;
    expect((await outbox.byId(inFlight.id))?.status).toBe('sent');
    expect((await outbox.byId(next.id))?.status).toBe('pending');
  });

  it('looks at the outbox every lookEveryMs while idle, so rows another instance queued (no kick here) go out', async () => {
    const { sender, worker, enqueue, scheduler, outbox, clock } = await setup({ lookEveryMs: 1_000 });
    worker.start();
    await worker.drain();
    expect(scheduler.delays()).toEqual([1_000]);

    // Queued by another instance: nothing kicks this worker; its next look finds the row.
    const row = await enqueue(ids.channelA, 'queued elsewhere');
    scheduler.fireAll();
    await worker.drain();
    expect(texts(sender, ids.channelA)).toEqual(['queued elsewhere']);
    expect((await outbox.byId(row.id))?.status).toBe('sent');

    // A row waiting for a retry seconds away does not delay the next look.
    sender.script(ids.channelB, serverError(503));
    await enqueue(ids.channelB, 'retried');
    worker.kick();
    await worker.drain();
    expect(((await outbox.nextAttemptAt()) ?? 0) - clock.now()).toBeGreaterThan(1_000);
    expect(scheduler.delays()).toEqual([1_000]);
    await worker.stop();
    expect(scheduler.delays()).toEqual([]);
  });

  it('without lookEveryMs an idle worker sets no timer (one instance: kicks and retries wake it)', async () => {
    const { worker, scheduler } = await setup();
    worker.start();
    await worker.drain();
    expect(scheduler.delays()).toEqual([]);
    await worker.stop();
  });
});

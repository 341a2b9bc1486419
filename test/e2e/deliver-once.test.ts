import { afterEach, describe, expect, it } from 'vitest';
import type { OutboxMessage } from '../../src/store/outbox.js';
import { execute, queryValue, TEST_STORE } from '../support/stores.js';
import { channelPosts, demoItem, HOUR, MINUTE, START, startWorld, subscribeTopic, type ConnectedApp, type E2eWorld } from './harness.js';

let world: E2eWorld | undefined;

afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** Roles are tried for every 100 ms instead of 5 s, so a takeover happens within the test's wait. */
const QUICK_ROLES = { roleCheckEveryMs: 100 };

async function startQuietWorld(): Promise<E2eWorld> {
  world = await startWorld();
  world.serve('capital', []);
  world.serve('ledger', []);
  return world;
}

/** A notice queued by `app` (as a command on any instance queues one); nothing on the delivering instance is told. */
async function queueNotice(app: ConnectedApp, channelId: string, text: string): Promise<OutboxMessage> {
  return app.stores.outbox.enqueue({ guildId: world!.guild.id, channelId, kind: 'notice', payload: { embeds: [{ title: text }], allowed_mentions: { parse: [] } } }, world!.clock.now);
}

function postedTexts(channelId: string): string[] {
  return channelPosts(world!, channelId).map((post) => post.current.embeds[0]?.title ?? post.current.content);
}

function messagePosts(channelId: string) {
  return world!.discord.requests.filter((request) => request.method === 'POST' && request.route === 'POST /channels/:channelId/messages' && request.path.includes(channelId));
}

describe('delivery and digests among instances', () => {
  it('an instance alone on its database delivers and schedules digests itself', async () => {
    const local = await startQuietWorld();
    const app = await local.launch();
    expect((await app.health()).role).toEqual({ analysisLeader: true, deliveryLeader: true, schedulerLeader: true, leasesHeld: 0 });
  });

  describe.runIf(TEST_STORE === 'postgres')('sharing one PostgreSQL database', () => {
    it('posts each alert and notice once, from the one delivering instance; when it stops, the other delivers within seconds', async () => {
      const local = await startQuietWorld();
      const first = await local.launch(QUICK_ROLES);
      const standby = await local.launch({ ...QUICK_ROLES, env: { WIREWATCH_SHARD_IDS: 'none', WIREWATCH_INSTANCE_ID: 'standby' } });
      expect((await first.health()).role).toMatchObject({ deliveryLeader: true, schedulerLeader: true });
      expect((await standby.health()).role).toMatchObject({ deliveryLeader: false, schedulerLeader: false });
      await subscribeTopic(local, local.alertsChannel, 'russian-strikes');

      // The standby polls and queues the alert; the deliverer finds the row on its own.
      const kharkiv = demoItem('03-kharkiv-strikes', 'capital');
      local.serve('capital', [kharkiv]);
      await standby.poller.pollAllOnce();
      await local.discord.waitFor(() => postedTexts(local.alertsChannel).includes(kharkiv.title), { description: 'the alert queued on the standby' });
      await queueNotice(standby, local.digestChannel, 'queued on the standby');
      await local.discord.waitFor(() => postedTexts(local.digestChannel).includes('queued on the standby'), { description: 'the notice queued on the standby' });

      await local.stop(first);
      await queueNotice(standby, local.digestChannel, 'after the deliverer stopped');
      await local.discord.waitFor(() => postedTexts(local.digestChannel).includes('after the deliverer stopped'), { description: 'the standby taking delivery over' });
      expect((await standby.health()).role).toMatchObject({ deliveryLeader: true });

      await standby.discord.delivery.drain();
      expect(postedTexts(local.alertsChannel)).toEqual([kharkiv.title]);
      expect(postedTexts(local.digestChannel)).toEqual(['queued on the standby', 'after the deliverer stopped']);
      // Sent once each, by one sender: no second POST that Discord's nonce check would have had to absorb.
      expect(messagePosts(local.alertsChannel)).toHaveLength(1);
      expect(messagePosts(local.digestChannel)).toHaveLength(2);
      expect(local.discord.violations).toEqual([]);
    });

    it('a row the stopped deliverer posted but never marked sent goes again with its nonce, and Discord keeps the one message', async () => {
      const local = await startQuietWorld();
      const first = await local.launch(QUICK_ROLES);
      const standby = await local.launch({ ...QUICK_ROLES, env: { WIREWATCH_SHARD_IDS: 'none', WIREWATCH_INSTANCE_ID: 'standby' } });
      const row = await queueNotice(standby, local.digestChannel, 'posted once');
      await local.discord.waitFor(() => postedTexts(local.digestChannel).length === 1, { description: 'the first post' });
      await first.discord.delivery.drain();
      const sent = await standby.stores.outbox.byId(row.id);
      expect(sent).toMatchObject({ status: 'sent', messageId: expect.any(String) });

      // As if the deliverer died after Discord took the POST but before it wrote down that the row was sent.
      await local.stop(first);
      await execute(standby.store, `UPDATE outbox SET status = 'pending', message_id = NULL, sent_at = NULL WHERE id = ?`, row.id);
      await local.discord.waitFor(() => messagePosts(local.digestChannel).length === 2, { description: 'the standby sending the row again' });
      await standby.discord.delivery.drain();

      expect(messagePosts(local.digestChannel).map((request) => request.status)).toEqual([200, 200]);
      expect(postedTexts(local.digestChannel)).toEqual(['posted once']);
      expect(channelPosts(local, local.digestChannel)[0]?.nonce).toBe(row.nonce);
      expect(await standby.stores.outbox.byId(row.id)).toMatchObject({ status: 'sent', messageId: sent?.messageId });
      expect(local.discord.violations).toEqual([]);
    });

    it('queues each due digest once, from the scheduler, and the standby takes the schedule over when it stops', async () => {
      const local = await startQuietWorld();
      local.serve('ledger', [demoItem('02-white-house-rewrite', 'ledger')]);
      // node-cron ticks every second in both; the injected clock decides what is due.
      const everySecond = { ...QUICK_ROLES, digestSchedule: '* * * * * *' };
      const first = await local.launch(everySecond);
      const standby = await local.launch({ ...everySecond, env: { WIREWATCH_SHARD_IDS: 'none', WIREWATCH_INSTANCE_ID: 'standby' } });
      await subscribeTopic(local, local.digestChannel, 'white-house-talks', { mode: 'digest', time: '13:00', timezone: 'UTC' });
      await subscribeTopic(local, local.alertsChannel, 'white-house-talks', { mode: 'digest', time: '14:00', timezone: 'UTC' });

      local.clock.now = START + HOUR + 5 * MINUTE;
      await local.discord.waitFor(() => channelPosts(local, local.digestChannel).length === 1, { description: 'the 13:00 digest' });
      await first.discord.delivery.drain();

      await local.stop(first);
      local.clock.now = START + 2 * HOUR + 5 * MINUTE;
      await local.discord.waitFor(() => channelPosts(local, local.alertsChannel).length === 1, { description: 'the 14:00 digest, from the standby' });
      await standby.discord.delivery.drain();
      expect((await standby.health()).role).toMatchObject({ deliveryLeader: true, schedulerLeader: true });
      const digestRows = await queryValue<number>(standby.store, `SELECT COUNT(*) AS n FROM outbox WHERE kind = 'digest'`);
      expect(digestRows).toBe(2);
      expect([...channelPosts(local, local.digestChannel), ...channelPosts(local, local.alertsChannel)]).toHaveLength(2);
      expect(local.discord.violations).toEqual([]);
    });
  });
});

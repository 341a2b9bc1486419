import { describe, expect, it } from 'vitest';
import { readStoredPayload } from '../../src/discord/delivery/message-body.js';
import { ids, notice } from '../discord/delivery/fakes.js';
import { openTestStores, queryValue, execute } from '../support/stores.js';

const NOW = Date.UTC(2025, 7, 20, 9, 0);

describe('OutboxStore', () => {
  it('gives every row a unique nonce of at most 25 characters, derived from its id and a stored salt', async () => {
    const outbox = (await openTestStores()).outbox;
    const rows = [];
    for (let i = 0; i < 50; i += 1) rows.push(await outbox.enqueue({ guildId: ids.guild, channelId: ids.channelA, kind: 'alert', payload: notice(`n${i}`) }, NOW));
    const nonces = rows.map((row) => row.nonce);
    expect(new Set(nonces).size).toBe(50);
    for (const row of rows) {
      expect(row.nonce.length).toBeLessThanOrEqual(25);
      expect(row.nonce.startsWith(`w${row.id.toString(36)}.`)).toBe(true);
      expect((await outbox.byId(row.id))?.nonce).toBe(row.nonce);
    }
    expect(rows[0]).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: NOW, createdAt: NOW, sentAt: null, messageId: null });
  });

  it('offers only the oldest pending row of each channel, and only once it is due', async () => {
    const outbox = (await openTestStores()).outbox;
    const add = (channelId: string) => outbox.enqueue({ guildId: ids.guild, channelId, kind: 'alert', payload: notice(channelId) }, NOW);
    const a1 = await add(ids.channelA);
    const b1 = await add(ids.channelB);
    const a2 = await add(ids.channelA);
    expect((await outbox.dueHeads(NOW, 10)).map((row) => row.id)).toEqual([a1.id, b1.id]);
    await outbox.markRetry(a1.id, 'HTTP 502', NOW + 5_000);
    expect((await outbox.dueHeads(NOW, 10)).map((row) => row.id)).toEqual([b1.id]);
    expect(await outbox.nextAttemptAt()).toBe(NOW);
    await outbox.markSent(b1.id, '900', NOW);
    expect(await outbox.nextAttemptAt()).toBe(NOW + 5_000);
    expect((await outbox.dueHeads(NOW + 5_000, 10)).map((row) => row.id)).toEqual([a1.id]);
    await outbox.markFailed(a1.id, 'gave up');
    expect((await outbox.dueHeads(NOW, 10)).map((row) => row.id)).toEqual([a2.id]);
    expect(await outbox.byId(a1.id)).toMatchObject({ status: 'failed', attempts: 2, lastError: 'gave up' });
  });

  it('never offers held rows to delivery', async () => {
    const outbox = (await openTestStores()).outbox;
    const held = await outbox.enqueue({ guildId: ids.guild, channelId: ids.channelA, kind: 'alert', payload: notice('held'), status: 'held' }, NOW);
    await outbox.enqueue({ guildId: ids.guild, channelId: ids.channelA, kind: 'alert', payload: notice('sent') }, NOW);
    expect((await outbox.dueHeads(NOW, 10)).map((row) => row.kind)).toEqual(['alert']);
    expect(held.status).toBe('held');
    expect(await outbox.alertActivity([ids.channelA], NOW - 1, 'flood')).toEqual([{ channelId: ids.channelA, alertsSince: 1, lastNoticeAt: null }]);
  });

  it('reads flood control\'s counts and last notices for many channels in one call', async () => {
    const outbox = (await openTestStores()).outbox;
    await outbox.enqueue({ guildId: ids.guild, channelId: ids.channelA, kind: 'alert', payload: notice('too old') }, NOW - 10);
    await outbox.enqueue({ guildId: ids.guild, channelId: ids.channelA, kind: 'alert', payload: notice('1') }, NOW);
    await outbox.enqueue({ guildId: ids.guild, channelId: ids.channelA, kind: 'alert', payload: notice('2') }, NOW + 1);
    await outbox.enqueue({ guildId: ids.guild, channelId: ids.channelA, kind: 'alert-edit', payload: notice('an edit is no alert') }, NOW);
    await outbox.enqueue({ guildId: ids.guild, channelId: ids.channelB, kind: 'alert', payload: notice('held'), status: 'held' }, NOW);
    await outbox.enqueue({ guildId: ids.guild, channelId: ids.channelB, kind: 'notice', noticeKey: 'flood', payload: notice('flood') }, NOW + 3);
    await outbox.enqueue({ guildId: ids.guild, channelId: ids.channelB, kind: 'notice', noticeKey: 'flood', payload: notice('flood again') }, NOW + 9);
    await outbox.enqueue({ guildId: ids.guild, channelId: ids.channelA, kind: 'notice', noticeKey: 'feed-disabled:1', payload: notice('other notice') }, NOW);
    expect(await outbox.alertActivity([ids.channelB, ids.channelA, 'nowhere'], NOW, 'flood')).toEqual([
      { channelId: ids.channelB, alertsSince: 0, lastNoticeAt: NOW + 9 },
      { channelId: ids.channelA, alertsSince: 2, lastNoticeAt: null },
      { channelId: 'nowhere', alertsSince: 0, lastNoticeAt: null },
    ]);
    expect(await outbox.alertActivity([], NOW, 'flood')).toEqual([]);
  });

  it('keeps the payload as the JSON text it was given; delivery reports one that no longer validates instead of throwing', async () => {
    const stores = await openTestStores();
    const outbox = stores.outbox;
    const row = await outbox.enqueue({ guildId: ids.guild, channelId: ids.channelA, kind: 'alert', payload: notice('x') }, NOW);
    expect(readStoredPayload(row.payloadJson)).toEqual({ ok: true, body: notice('x') });
    await execute(stores, `UPDATE outbox SET payload_json = '{"embeds": [' WHERE id = ?`, row.id);
    expect(readStoredPayload((await outbox.byId(row.id))?.payloadJson ?? '')).toMatchObject({ ok: false, error: expect.stringMatching(/^stored payload is not JSON/) });
    await execute(stores, `UPDATE outbox SET payload_json = ? WHERE id = ?`, JSON.stringify({ embeds: [], allowed_mentions: { parse: ['everyone'] } }), row.id);
    expect(readStoredPayload((await outbox.byId(row.id))?.payloadJson ?? '')).toMatchObject({ ok: false, error: expect.stringContaining('allowed_mentions.parse') });
  });

  it('fails every pending row of a channel at once and remembers when a notice was given', async () => {
    const outbox = (await openTestStores()).outbox;
    await outbox.enqueue({ guildId: ids.guild, channelId: ids.channelA, kind: 'alert', payload: notice('1') }, NOW);
    await outbox.enqueue({ guildId: ids.guild, channelId: ids.channelA, kind: 'digest', payload: notice('2') }, NOW);
    await outbox.enqueue({ guildId: ids.guild, channelId: ids.channelB, kind: 'notice', noticeKey: 'flood', payload: notice('3') }, NOW + 7);
    expect(await outbox.failPendingForChannel(ids.channelA, 'Missing Access')).toBe(2);
    expect(await outbox.pendingCount()).toBe(1);
    expect(await outbox.lastNoticeAt(ids.channelB, 'flood')).toBe(NOW + 7);
    expect(await outbox.lastNoticeAt(ids.channelA, 'flood')).toBeNull();
  });

  it('prunes finished rows before a cutoff, with their alerts, and keeps pending ones', async () => {
    const stores = await openTestStores();
    const outbox = stores.outbox;
    const old = await outbox.enqueue({ guildId: ids.guild, channelId: ids.channelA, kind: 'alert', storyId: 'story:1', payload: notice('old') }, NOW);
    await outbox.markSent(old.id, '77', NOW);
    await execute(stores, `INSERT INTO alerts (channel_id, story_id, guild_id, outbox_id, content_json, created_at, updated_at) VALUES (?, 'story:1', ?, ?, '{}', ?, ?)`, ids.channelA, ids.guild, old.id, NOW, NOW);
    const edit = await outbox.enqueue({ guildId: ids.guild, channelId: ids.channelA, kind: 'alert-edit', storyId: 'story:1', editsOutboxId: old.id, payload: notice('edit') }, NOW + 10);
    const stuck = await outbox.enqueue({ guildId: ids.guild, channelId: ids.channelB, kind: 'alert', payload: notice('pending') }, NOW);
    expect(await outbox.pruneBefore(NOW + 5)).toBe(1);
    expect(await outbox.byId(old.id)).toBeNull();
    expect((await outbox.byId(edit.id))?.editsOutboxId).toBeNull();
    expect((await outbox.byId(stuck.id))?.status).toBe('pending');
    expect(await queryValue(stores, `SELECT COUNT(*) FROM alerts`)).toBe(0);
  });
});

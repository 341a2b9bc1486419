import { describe, expect, it } from 'vitest';
import { readStoredPayload } from '../../src/discord/delivery/message-body.js';
import { OutboxStore } from '../../src/store/outbox.js';
import { ids, notice, openDeliveryDatabase } from '../discord/delivery/fakes.js';

const NOW = Date.UTC(2025, 7, 20, 9, 0);

describe('OutboxStore', () => {
  it('gives every row a unique nonce of at most 25 characters, derived from its id and a stored salt', () => {
    const outbox = new OutboxStore(openDeliveryDatabase());
    const rows = Array.from({ length: 50 }, (_, i) => outbox.enqueue({ guildId: ids.guild, channelId: ids.channelA, kind: 'alert', payload: notice(`n${i}`) }, NOW));
    const nonces = rows.map((row) => row.nonce);
    expect(new Set(nonces).size).toBe(50);
    for (const row of rows) {
      expect(row.nonce.length).toBeLessThanOrEqual(25);
      expect(row.nonce.startsWith(`w${row.id.toString(36)}.`)).toBe(true);
      expect(outbox.byId(row.id)?.nonce).toBe(row.nonce);
    }
    expect(rows[0]).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: NOW, createdAt: NOW, sentAt: null, messageId: null });
  });

  it('offers only the oldest pending row of each channel, and only once it is due', () => {
    const outbox = new OutboxStore(openDeliveryDatabase());
    const add = (channelId: string) => outbox.enqueue({ guildId: ids.guild, channelId, kind: 'alert', payload: notice(channelId) }, NOW);
    const a1 = add(ids.channelA);
    const b1 = add(ids.channelB);
    const a2 = add(ids.channelA);
    expect(outbox.dueHeads(NOW, 10).map((row) => row.id)).toEqual([a1.id, b1.id]);
    outbox.markRetry(a1.id, 'HTTP 502', NOW + 5_000);
    expect(outbox.dueHeads(NOW, 10).map((row) => row.id)).toEqual([b1.id]);
    expect(outbox.nextAttemptAt()).toBe(NOW);
    outbox.markSent(b1.id, '900', NOW);
    expect(outbox.nextAttemptAt()).toBe(NOW + 5_000);
    expect(outbox.dueHeads(NOW + 5_000, 10).map((row) => row.id)).toEqual([a1.id]);
    outbox.markFailed(a1.id, 'gave up');
    expect(outbox.dueHeads(NOW, 10).map((row) => row.id)).toEqual([a2.id]);
    expect(outbox.byId(a1.id)).toMatchObject({ status: 'failed', attempts: 2, lastError: 'gave up' });
  });

  it('never offers held rows, and lists them for the digest', () => {
    const outbox = new OutboxStore(openDeliveryDatabase());
    const held = outbox.enqueue({ guildId: ids.guild, channelId: ids.channelA, kind: 'alert', payload: notice('held'), status: 'held' }, NOW);
    outbox.enqueue({ guildId: ids.guild, channelId: ids.channelA, kind: 'alert', payload: notice('sent') }, NOW);
    expect(outbox.dueHeads(NOW, 10).map((row) => row.kind)).toEqual(['alert']);
    expect(outbox.heldSince(ids.channelA, NOW - 1).map((row) => row.id)).toEqual([held.id]);
    expect(outbox.alertsSince(ids.channelA, NOW - 1)).toBe(1);
  });

  it('keeps the payload as the JSON text it was given; delivery reports one that no longer validates instead of throwing', () => {
    const db = openDeliveryDatabase();
    const outbox = new OutboxStore(db);
    const row = outbox.enqueue({ guildId: ids.guild, channelId: ids.channelA, kind: 'alert', payload: notice('x') }, NOW);
    expect(readStoredPayload(row.payloadJson)).toEqual({ ok: true, body: notice('x') });
    db.prepare(`UPDATE outbox SET payload_json = '{"embeds": [' WHERE id = ?`).run(row.id);
    expect(readStoredPayload(outbox.byId(row.id)?.payloadJson ?? '')).toMatchObject({ ok: false, error: expect.stringMatching(/^stored payload is not JSON/) });
    db.prepare(`UPDATE outbox SET payload_json = ? WHERE id = ?`).run(JSON.stringify({ embeds: [], allowed_mentions: { parse: ['everyone'] } }), row.id);
    expect(readStoredPayload(outbox.byId(row.id)?.payloadJson ?? '')).toMatchObject({ ok: false, error: expect.stringContaining('allowed_mentions.parse') });
  });

  it('fails every pending row of a channel at once and remembers when a notice was given', () => {
    const outbox = new OutboxStore(openDeliveryDatabase());
    outbox.enqueue({ guildId: ids.guild, channelId: ids.channelA, kind: 'alert', payload: notice('1') }, NOW);
    outbox.enqueue({ guildId: ids.guild, channelId: ids.channelA, kind: 'digest', payload: notice('2') }, NOW);
    outbox.enqueue({ guildId: ids.guild, channelId: ids.channelB, kind: 'notice', noticeKey: 'flood', payload: notice('3') }, NOW + 7);
    expect(outbox.failPendingForChannel(ids.channelA, 'Missing Access')).toBe(2);
    expect(outbox.pendingCount()).toBe(1);
    expect(outbox.lastNoticeAt(ids.channelB, 'flood')).toBe(NOW + 7);
    expect(outbox.lastNoticeAt(ids.channelA, 'flood')).toBeNull();
  });

  it('prunes finished rows before a cutoff, with their alerts, and keeps pending ones', () => {
    const db = openDeliveryDatabase();
    const outbox = new OutboxStore(db);
    const old = outbox.enqueue({ guildId: ids.guild, channelId: ids.channelA, kind: 'alert', storyId: 'story:1', payload: notice('old') }, NOW);
    outbox.markSent(old.id, '77', NOW);
    db.prepare(`INSERT INTO alerts (channel_id, story_id, guild_id, outbox_id, content_json, created_at, updated_at) VALUES (?, 'story:1', ?, ?, '{}', ?, ?)`).run(ids.channelA, ids.guild, old.id, NOW, NOW);
    const edit = outbox.enqueue({ guildId: ids.guild, channelId: ids.channelA, kind: 'alert-edit', storyId: 'story:1', editsOutboxId: old.id, payload: notice('edit') }, NOW + 10);
    const stuck = outbox.enqueue({ guildId: ids.guild, channelId: ids.channelB, kind: 'alert', payload: notice('pending') }, NOW);
    expect(outbox.pruneBefore(NOW + 5)).toBe(1);
    expect(outbox.byId(old.id)).toBeNull();
    expect(outbox.byId(edit.id)?.editsOutboxId).toBeNull();
    expect(outbox.byId(stuck.id)?.status).toBe('pending');
    expect(db.prepare(`SELECT COUNT(*) FROM alerts`).pluck().get()).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { latestScheduledTime, subscriptionInputSchema, type SubscriptionInput } from '../../src/store/subscriptions.js';
import { ids } from '../discord/delivery/fakes.js';
import { openTestStores } from '../support/stores.js';

const NOW = Date.UTC(2025, 7, 20, 9, 0);

function input(overrides: Partial<SubscriptionInput> = {}): SubscriptionInput {
  return {
    guildId: ids.guild,
    channelId: ids.channelA,
    kind: 'topic',
    target: 'security-guarantees',
    mode: 'both',
    digestTime: '08:00',
    timezone: 'Europe/Kyiv',
    quietNote: false,
    createdBy: ids.moderator,
    ...overrides,
  };
}

describe('SubscriptionStore', () => {
  it('adds a subscription, and updates it when the channel subscribes to the same target again', async () => {
    const store = (await openTestStores()).subscriptions;
    const added = await store.add(input(), NOW);
    expect(added).toEqual({ ...input(), blindspots: false, chart: false, quietHours: null, minOutlets: 1, id: added.id, pausedAt: null, pausedReason: null, lastDigestAt: null, createdAt: NOW, pingRoleId: null, style: 'full', postAs: 'message' });
    const updated = await store.add(input({ mode: 'digest', digestTime: '18:30', timezone: 'America/New_York', quietNote: true, blindspots: true, chart: true, createdBy: '400000000000000002' }), NOW + 1000);
    expect(updated).toMatchObject({ id: added.id, mode: 'digest', digestTime: '18:30', timezone: 'America/New_York', quietNote: true, blindspots: true, chart: true, createdBy: ids.moderator, createdAt: NOW });
    expect(await store.listForGuild(ids.guild)).toHaveLength(1);
  });

  it('lists by guild, channel, topic and person', async () => {
    const store = (await openTestStores()).subscriptions;
    const a = await store.add(input(), NOW);
    const b = await store.add(input({ channelId: ids.channelB, target: 'crimea' }), NOW);
    const c = await store.add(input({ kind: 'person', target: 'steve-witkoff' }), NOW);
    const d = await store.add(input({ guildId: ids.otherGuild, channelId: ids.channelC, target: 'crimea' }), NOW);
    expect((await store.listForGuild(ids.guild)).map((s) => s.id).sort()).toEqual([a.id, b.id, c.id].sort());
    expect((await store.listForChannel(ids.channelA)).map((s) => s.id)).toEqual([a.id, c.id]);
    expect((await store.listForTopics(['crimea', 'security-guarantees'])).map((s) => s.id)).toEqual([a.id, b.id, d.id]);
    expect(await store.listForTopic('steve-witkoff')).toEqual([]);
    expect((await store.listForPerson('steve-witkoff')).map((s) => s.id)).toEqual([c.id]);
    expect(await store.listForTopics([])).toEqual([]);
    expect(await store.anyFollows(['crimea'], [])).toBe(true);
    expect(await store.anyFollows(['steve-witkoff'], ['crimea'])).toBe(false);
    expect(await store.anyFollows([], ['steve-witkoff'])).toBe(true);
    expect(await store.anyFollows([], [])).toBe(false);
  });

  it('removes only the guild’s own subscription', async () => {
    const store = (await openTestStores()).subscriptions;
    const added = await store.add(input(), NOW);
    expect(await store.remove(ids.otherGuild, added.id)).toBe(false);
    expect(await store.remove(ids.guild, added.id)).toBe(true);
    expect(await store.byId(added.id)).toBeNull();
  });

  it('pauses with a reason and resumes, one subscription or a whole channel', async () => {
    const store = (await openTestStores()).subscriptions;
    const a = await store.add(input(), NOW);
    const b = await store.add(input({ kind: 'person', target: 'steve-witkoff' }), NOW);
    expect(await store.pause(a.id, 'paused by a moderator', NOW)).toBe(true);
    expect(await store.pause(a.id, 'again', NOW + 1)).toBe(false);
    expect(await store.byId(a.id)).toMatchObject({ pausedAt: NOW, pausedReason: 'paused by a moderator' });
    expect(await store.pauseChannel(ids.channelA, 'Missing Access (Discord error 50001)', NOW + 2)).toBe(1);
    expect((await store.byId(b.id))?.pausedReason).toBe('Missing Access (Discord error 50001)');
    expect(await store.activeChannels()).toEqual([]);
    expect(await store.resumeChannel(ids.channelA)).toBe(2);
    expect(await store.byId(a.id)).toMatchObject({ pausedAt: null, pausedReason: null });
    expect(await store.resume(a.id)).toBe(false);
    expect(await store.activeChannels()).toEqual([{ guildId: ids.guild, channelId: ids.channelA }]);
  });

  it('finds the digests that are due in each subscription’s own time zone', async () => {
    const store = (await openTestStores()).subscriptions;
    const createdAt = Date.UTC(2025, 7, 19, 12, 0);
    const kyiv = await store.add(input({ digestTime: '08:00', timezone: 'Europe/Kyiv' }), createdAt); // 05:00 UTC in summer
    const newYork = await store.add(input({ channelId: ids.channelB, digestTime: '08:00', timezone: 'America/New_York' }), createdAt); // 12:00 UTC
    await store.add(input({ channelId: ids.channelC, mode: 'alerts' }), createdAt);
    const paused = await store.add(input({ target: 'crimea' }), createdAt);
    await store.pause(paused.id, 'moderator', createdAt);

    const at = Date.UTC(2025, 7, 20, 9, 0);
    expect((await store.dueForDigest(at)).map((s) => s.id)).toEqual([kyiv.id]);
    await store.markDigestSent([kyiv.id], at);
    expect(await store.dueForDigest(at)).toEqual([]);
    expect((await store.dueForDigest(Date.UTC(2025, 7, 20, 12, 0))).map((s) => s.id)).toEqual([newYork.id]);
    // 08:00 on the 21st in Kyiv; in New York it is already the 21st (01:00), so the 20th's missed digest is dropped.
    expect((await store.dueForDigest(Date.UTC(2025, 7, 21, 5, 0))).map((s) => s.id)).toEqual([kyiv.id]);
    expect((await store.dueForDigest(Date.UTC(2025, 7, 21, 12, 0))).map((s) => s.id)).toEqual([kyiv.id, newYork.id]);
  });

  it('keeps the ping role and alert style, replaced (or cleared) when the channel subscribes again', async () => {
    const store = (await openTestStores()).subscriptions;
    const added = await store.add(input({ pingRoleId: '500000000000000001', style: 'compact' }), NOW);
    expect(await store.byId(added.id)).toMatchObject({ pingRoleId: '500000000000000001', style: 'compact' });
    await store.add(input(), NOW + 1000);
    expect(await store.byId(added.id)).toMatchObject({ pingRoleId: null, style: 'full' });
    const bad = subscriptionInputSchema.safeParse(input({ pingRoleId: '@everyone', style: 'tiny' as never }));
    expect(bad.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual([
      'pingRoleId: a role id is a Discord snowflake (17–20 digits)',
      'style: the style is "full" (an embed) or "compact" (one line)',
    ]);
  });

  it('rejects invalid input with messages that say how to fix it', () => {
    const result = subscriptionInputSchema.safeParse(input({ digestTime: '8am', timezone: 'Kyiv', channelId: '#news' }));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual([
      'channelId: a channel id is a Discord snowflake (17–20 digits)',
      'digestTime: a digest time is HH:MM in 24-hour time, e.g. "08:30"',
      'timezone: a time zone is an IANA name, e.g. "Europe/Kyiv" or "UTC"',
    ]);
  });
});

describe('latestScheduledTime', () => {
  it('handles time zones and daylight-saving changes', () => {
    expect(latestScheduledTime('08:00', 'Europe/Kyiv', Date.UTC(2025, 7, 20, 4, 59))).toBe(Date.UTC(2025, 7, 19, 5, 0));
    expect(latestScheduledTime('08:00', 'Europe/Kyiv', Date.UTC(2025, 0, 20, 6, 0))).toBe(Date.UTC(2025, 0, 20, 6, 0));
    expect(latestScheduledTime('23:30', 'Asia/Kolkata', Date.UTC(2025, 7, 20, 0, 0))).toBe(Date.UTC(2025, 7, 19, 18, 0));
    // The day clocks go forward: 08:00 is already summer time.
    expect(latestScheduledTime('08:00', 'Europe/Kyiv', Date.UTC(2025, 2, 30, 6, 0))).toBe(Date.UTC(2025, 2, 30, 5, 0));
    // 02:30 does not exist in New York on 2025-03-09 (02:00 EST → 03:00 EDT): it is read as 03:30 EDT.
    expect(latestScheduledTime('02:30', 'America/New_York', Date.UTC(2025, 2, 9, 12, 0))).toBe(Date.UTC(2025, 2, 9, 7, 30));
    // 03:30 happens twice in Kyiv on 2025-10-26 (04:00 EEST → 03:00 EET): the first one counts.
    expect(latestScheduledTime('03:30', 'Europe/Kyiv', Date.UTC(2025, 9, 26, 12, 0))).toBe(Date.UTC(2025, 9, 26, 0, 30));
    expect(latestScheduledTime('00:00', 'UTC', Date.UTC(2025, 7, 20, 0, 0))).toBe(Date.UTC(2025, 7, 20, 0, 0));
  });
});

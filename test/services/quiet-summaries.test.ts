import { describe, expect, it } from 'vitest';
import { enqueueQuietSummaries } from '../../src/services/quiet-hours.js';
import { ids } from '../discord/delivery/fakes.js';
import { openTestStores } from '../support/stores.js';

/** 23:00 in Kyiv (UTC+3 in August), inside quiet hours of 22:00-07:00; they end at 04:00 UTC. */
const NIGHT = Date.UTC(2025, 7, 18, 20, 0);
const MORNING = Date.UTC(2025, 7, 19, 4, 0);

async function setup() {
  const stores = await openTestStores();
  const subscriptions = stores.subscriptions;
  const outbox = stores.outbox;
  const quietHolds = stores.quietHolds;
  const clock = { now: NIGHT };
  const subscription = await subscriptions.add(
    { guildId: ids.guild, channelId: ids.channelA, kind: 'topic', target: 'strikes', mode: 'alerts', digestTime: '08:00', timezone: 'Europe/Kyiv', quietNote: false, createdBy: ids.moderator, quietHours: '22:00-07:00' },
    NIGHT - 1000,
  );
  const hold = async (headline: string): Promise<void> => {
    const row = await outbox.enqueue({ guildId: ids.guild, channelId: ids.channelA, subscriptionId: subscription.id, kind: 'alert', payload: {}, status: 'held' }, clock.now);
    await quietHolds.hold({ outboxId: row.id, subscriptionId: subscription.id, guildId: ids.guild, channelId: ids.channelA, headline, link: `https://news.example/${row.id}`, outlet: 'Reuters', heldAt: clock.now });
  };
  const summaries = () => outbox.dueHeads(Number.MAX_SAFE_INTEGER, 10);
  const run = () => enqueueQuietSummaries({ stores, now: () => clock.now });
  return { subscriptions, subscription, quietHolds, clock, hold, summaries, run };
}

describe('enqueueQuietSummaries', () => {
  it('queues nothing while quiet, then one summary per channel listing every hold, once', async () => {
    const { clock, hold, summaries, run, quietHolds } = await setup();
    await hold('Strike on Kharkiv');
    await hold('Strike on *Odesa* @everyone');
    expect(await run()).toBe(0);
    clock.now = MORNING;
    expect(await run()).toBe(1);
    expect(await run()).toBe(0);
    const [summary] = await summaries();
    expect(summary).toMatchObject({ kind: 'digest', channelId: ids.channelA });
    const embed = JSON.parse(summary?.payloadJson ?? '{}').embeds[0];
    expect(embed.title).toBe('While it was quiet (22:00–07:00 Europe/Kyiv): 2 alerts');
    expect(embed.description).toBe('• [Strike on Kharkiv](https://news.example/1) — Reuters\n• [Strike on \\*Odesa\\* @\u200beveryone](https://news.example/2) — Reuters');
    expect(await quietHolds.waiting()).toEqual([]);
    expect(await quietHolds.stateOf(1)).toEqual({ releasedAt: MORNING, summaryOutboxId: summary?.id });
  });

  it('keeps a paused subscription’s holds until it is resumed', async () => {
    const { clock, hold, run, subscriptions, subscription } = await setup();
    await hold('Strike on Kharkiv');
    await subscriptions.pause(subscription.id, 'Missing Access', NIGHT);
    clock.now = MORNING;
    expect(await run()).toBe(0);
    await subscriptions.resume(subscription.id);
    expect(await run()).toBe(1);
  });
});

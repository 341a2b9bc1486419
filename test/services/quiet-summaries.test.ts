import { describe, expect, it } from 'vitest';
import { enqueueQuietSummaries } from '../../src/services/quiet-hours.js';
import { OutboxStore } from '../../src/store/outbox.js';
import { QuietHoldStore } from '../../src/store/quiet-holds.js';
import { SubscriptionStore } from '../../src/store/subscriptions.js';
import { ids, openDeliveryDatabase } from '../discord/delivery/fakes.js';

/** 23:00 in Kyiv (UTC+3 in August), inside quiet hours of 22:00-07:00; they end at 04:00 UTC. */
const NIGHT = Date.UTC(2025, 7, 18, 20, 0);
const MORNING = Date.UTC(2025, 7, 19, 4, 0);

function setup() {
  const db = openDeliveryDatabase();
  const subscriptions = new SubscriptionStore(db);
  const outbox = new OutboxStore(db);
  const quietHolds = new QuietHoldStore(db);
  const clock = { now: NIGHT };
  const subscription = subscriptions.add(
    { guildId: ids.guild, channelId: ids.channelA, kind: 'topic', target: 'strikes', mode: 'alerts', digestTime: '08:00', timezone: 'Europe/Kyiv', quietNote: false, createdBy: ids.moderator, quietHours: '22:00-07:00' },
    NIGHT - 1000,
  );
  const hold = (headline: string): void => {
    const row = outbox.enqueue({ guildId: ids.guild, channelId: ids.channelA, subscriptionId: subscription.id, kind: 'alert', payload: {}, status: 'held' }, clock.now);
    quietHolds.hold({ outboxId: row.id, subscriptionId: subscription.id, guildId: ids.guild, channelId: ids.channelA, headline, link: `https://news.example/${row.id}`, outlet: 'Reuters', heldAt: clock.now });
  };
  const summaries = () => outbox.dueHeads(Number.MAX_SAFE_INTEGER, 10);
  const run = () => enqueueQuietSummaries({ db, subscriptions, outbox, quietHolds, now: () => clock.now });
  return { subscriptions, subscription, quietHolds, clock, hold, summaries, run };
}

describe('enqueueQuietSummaries', () => {
  it('queues nothing while quiet, then one summary per channel listing every hold, once', () => {
    const { clock, hold, summaries, run, quietHolds } = setup();
    hold('Strike on Kharkiv');
    hold('Strike on *Odesa* @everyone');
    expect(run()).toBe(0);
    clock.now = MORNING;
    expect(run()).toBe(1);
    expect(run()).toBe(0);
    const [summary] = summaries();
    expect(summary).toMatchObject({ kind: 'digest', channelId: ids.channelA });
    const embed = JSON.parse(summary?.payloadJson ?? '{}').embeds[0];
    expect(embed.title).toBe('While it was quiet (22:00–07:00 Europe/Kyiv): 2 alerts');
    expect(embed.description).toBe('• [Strike on Kharkiv](https://news.example/1) — Reuters\n• [Strike on \\*Odesa\\* @\u200beveryone](https://news.example/2) — Reuters');
    expect(quietHolds.waiting()).toEqual([]);
    expect(quietHolds.stateOf(1)).toEqual({ releasedAt: MORNING, summaryOutboxId: summary?.id });
  });

  it('keeps a paused subscription’s holds until it is resumed', () => {
    const { clock, hold, run, subscriptions, subscription } = setup();
    hold('Strike on Kharkiv');
    subscriptions.pause(subscription.id, 'Missing Access', NIGHT);
    clock.now = MORNING;
    expect(run()).toBe(0);
    subscriptions.resume(subscription.id);
    expect(run()).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { enqueueAlertsForItem } from '../../../src/discord/delivery/enqueue-alerts.js';
import { DeliveryWorker } from '../../../src/discord/delivery/worker.js';
import type { AlertPlanningInput } from '../../../src/pipeline/alert-planning.js';
import { type SubscriptionInput } from '../../../src/store/subscriptions.js';
import { fakeChannelGuilds, FakeClock, FakeScheduler, FakeSender, ids } from './fakes.js';
import { openTestStores, queryRows } from '../../support/stores.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

async function setup() {
  const stores = await openTestStores();
  const clock = new FakeClock(Date.UTC(2025, 7, 18, 20, 0));
  const subscriptions = stores.subscriptions;
  const outbox = stores.outbox;
  const alerts = stores.alerts;
  const sender = new FakeSender();
  const worker = new DeliveryWorker({
    outbox,
    subscriptions,
    sender,
    noticeChannels: { findNoticeChannel: async () => ids.systemChannel },
    channelGuilds: fakeChannelGuilds,
    now: clock.now,
    scheduler: new FakeScheduler(),
  });
  const deps = { stores, recordDecisions: false, now: clock.now };
  const subscribe = (overrides: Partial<SubscriptionInput>) =>
    subscriptions.add(
      { guildId: ids.guild, channelId: ids.channelA, kind: 'topic', target: 'security-guarantees', mode: 'both', digestTime: '08:00', timezone: 'Europe/Kyiv', quietNote: false, createdBy: ids.moderator, ...overrides },
      clock.now(),
    );
  return { stores, clock, subscriptions, outbox, alerts, sender, worker, deps, subscribe };
}

function item(clock: FakeClock, storyId: number, outlet: string, outlets: string[], title: string): AlertPlanningInput {
  const slug = title.toLowerCase().replace(/[^a-z]+/gu, '-');
  return {
    item: {
      id: storyId * 100 + outlets.length,
      title,
      link: `https://news.example/${outlet.toLowerCase().replace(/\s+/gu, '-')}/${slug}`,
      outlet,
      publishedAt: new Date(clock.now() - 5 * MINUTE).toISOString(),
      fetchedAt: clock.now(),
      summary: `${title}. Officials gave few details.`,
    },
    story: { id: `story:${storyId}`, isNew: outlets.length === 1, outlets, itemCount: outlets.length },
    topics: [{ topicId: 'security-guarantees', topicName: 'Security guarantees', explainSummary: '“security guarantees” in the title' }],
    keyQuote: null,
    quotesByPerson: [],
    audience: null,
  };
}

describe('enqueueAlertsForItem with the delivery worker', () => {
  it('edits the posted alert when a second outlet reports the story within 24 hours, and posts anew after', async () => {
    const { clock, sender, worker, deps, subscribe } = await setup();
    await subscribe({});
    worker.start();

    expect(await enqueueAlertsForItem(deps, item(clock, 1, 'Reuters', ['Reuters'], 'Europeans press for security guarantees'))).toMatchObject({ posted: 1 });
    worker.kick();
    await worker.drain();
    clock.advance(3 * HOUR);
    expect(await enqueueAlertsForItem(deps, item(clock, 1, 'AP', ['Reuters', 'AP'], 'Leaders seek security guarantees for Kyiv'))).toMatchObject({ edited: 1 });
    worker.kick();
    await worker.drain();

    const [alert] = sender.inChannel(ids.channelA);
    expect(sender.inChannel(ids.channelA)).toHaveLength(1);
    expect(alert?.edits).toHaveLength(1);
    expect(alert?.edits[0]?.embeds[0]?.title).toBe('Europeans press for security guarantees');
    expect(alert?.edits[0]?.embeds[0]?.fields?.at(-1)).toEqual({ name: 'Also reported by', value: '[AP](https://news.example/ap/leaders-seek-security-guarantees-for-kyiv)' });

    clock.advance(22 * HOUR); // 25 hours after the alert
    expect(await enqueueAlertsForItem(deps, item(clock, 1, 'BBC News', ['Reuters', 'AP', 'BBC News'], 'Security guarantees: what we know'))).toMatchObject({ posted: 1 });
    worker.kick();
    await worker.drain();
    const posts = sender.inChannel(ids.channelA);
    expect(posts).toHaveLength(2);
    expect(posts[1]?.body.embeds[0]?.author?.name).toBe('BBC News');
    expect(posts[1]?.body.embeds[0]?.fields?.at(-1)?.value).toBe('Reuters, AP');
    await worker.stop();
  });

  it('an edit queued while the alert is still pending goes out after it, against its message', async () => {
    const { clock, sender, worker, deps, subscribe } = await setup();
    await subscribe({});
    await enqueueAlertsForItem(deps, item(clock, 2, 'Reuters', ['Reuters'], 'Security guarantees talks'));
    await enqueueAlertsForItem(deps, item(clock, 2, 'AFP', ['Reuters', 'AFP'], 'Security guarantees talks continue'));
    worker.start();
    await worker.drain();
    expect(sender.calls.map((call) => call.op)).toEqual(['create', 'edit']);
    expect(sender.inChannel(ids.channelA)[0]?.edits).toHaveLength(1);
    await worker.stop();
  });

  it('keeps two servers apart in one fan-out: one server\'s flooded channel holds only its own alerts, the other\'s posts and edits its own', async () => {
    const { clock, sender, worker, deps, subscribe } = await setup();
    await subscribe({});
    await subscribe({ guildId: ids.otherGuild, channelId: ids.channelC });
    worker.start();
    for (let story = 1; story <= 10; story += 1) {
      // Only the first server's channel gets these ten: the other subscribes to a topic they do not match.
      await enqueueAlertsForItem(deps, { ...item(clock, story, 'Reuters', ['Reuters'], `Security guarantees development number ${story}`), audience: [ids.guild] });
      clock.advance(MINUTE);
    }
    expect(await enqueueAlertsForItem(deps, item(clock, 20, 'Reuters', ['Reuters'], 'Security guarantees agreed in Paris'))).toMatchObject({ posted: 1, held: 1 });
    clock.advance(MINUTE);
    // The second outlet edits the alert where the story was posted; where it was held, it is skipped.
    expect(await enqueueAlertsForItem(deps, item(clock, 20, 'AP', ['Reuters', 'AP'], 'Paris talks agree security guarantees'))).toMatchObject({ edited: 1, skipped: 1 });
    worker.kick();
    await worker.drain();
    const other = sender.inChannel(ids.channelC);
    expect(other.map((message) => message.body.embeds[0]?.title)).toEqual(['Security guarantees agreed in Paris']);
    expect(other[0]?.edits).toHaveLength(1);
    expect(sender.inChannel(ids.channelA).map((message) => message.body.embeds[0]?.title).filter((title) => title?.includes('Paris'))).toEqual([]);
    await worker.stop();
  });

  it('holds the 11th alert of the hour for the digest and tells the channel once', async () => {
    const { clock, sender, worker, deps, subscribe } = await setup();
    await subscribe({});
    worker.start();
    for (let story = 1; story <= 13; story += 1) {
      await enqueueAlertsForItem(deps, item(clock, story, 'Reuters', ['Reuters'], `Security guarantees development number ${story}`));
      worker.kick();
      clock.advance(MINUTE);
    }
    await worker.drain();
    const messages = sender.inChannel(ids.channelA);
    expect(messages).toHaveLength(11);
    expect(messages.slice(0, 10).every((message) => message.body.embeds[0]?.title?.startsWith('Security guarantees development'))).toBe(true);
    expect(messages[10]?.body.embeds[0]?.title).toBe('Busy news hour');
    const held = await queryRows<{ storyId: string; payloadJson: string }>(
      deps.stores,
      `SELECT story_id AS "storyId", payload_json AS "payloadJson" FROM outbox WHERE channel_id = ? AND status = 'held' ORDER BY id`,
      ids.channelA,
    );
    expect(held.map((row) => row.storyId)).toEqual(['story:11', 'story:12', 'story:13']);
    // Never sent nor edited, a held alert keeps no message (most rows of a flooded channel).
    expect(held.map((row) => row.payloadJson)).toEqual(['null', 'null', 'null']);

    // An hour after the first alerts the channel is below the limit again.
    clock.advance(HOUR);
    await enqueueAlertsForItem(deps, item(clock, 14, 'Reuters', ['Reuters'], 'Security guarantees agreed'));
    worker.kick();
    await worker.drain();
    expect(sender.inChannel(ids.channelA).at(-1)?.body.embeds[0]?.title).toBe('Security guarantees agreed');

    // A held story is not posted when another outlet picks it up: it is in the digest.
    expect(await enqueueAlertsForItem(deps, item(clock, 12, 'AP', ['Reuters', 'AP'], 'Another take'))).toMatchObject({ skipped: 1, posted: 0 });
    await worker.stop();
  });

  it('writes nothing when no channel follows the item’s topics', async () => {
    const { clock, deps, outbox, subscribe } = await setup();
    await subscribe({ target: 'crimea' });
    expect(await enqueueAlertsForItem(deps, item(clock, 1, 'Reuters', ['Reuters'], 'Security guarantees'))).toEqual({ posted: 0, edited: 0, held: 0, skipped: 0 });
    expect(await outbox.pendingCount()).toBe(0);
  });
});

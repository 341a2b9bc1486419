import { describe, expect, it } from 'vitest';
import { enqueueDueDigests } from '../../src/services/digests.js';
import { enqueueQuietSummaries } from '../../src/services/quiet-hours.js';
import { createStoryReader } from '../../src/services/stories.js';
import type { StoreBackend, Stores } from '../../src/store/index.js';
import { ids } from '../discord/delivery/fakes.js';
import { openSharedTestBackends, queryValue, TEST_STORE } from '../support/stores.js';

/** 09:00 in Kyiv (UTC+3 in August): the 08:00 digests are due, and quiet hours of 22:00-07:00 are over. */
const MORNING = Date.UTC(2025, 7, 19, 6, 0);
const NIGHT = Date.UTC(2025, 7, 18, 20, 0);
const CHANNELS = Array.from({ length: 6 }, (_, index) => `11112222333344${String(index).padStart(4, '0')}`);

async function subscribeEach(stores: Stores, mode: 'digest' | 'alerts') {
  const added = [];
  for (const channelId of CHANNELS) {
    added.push(await stores.subscriptions.add(
      { guildId: ids.guild, channelId, kind: 'topic', target: 'strikes', mode, digestTime: '08:00', timezone: 'Europe/Kyiv', quietNote: true, createdBy: ids.moderator, quietHours: mode === 'alerts' ? '22:00-07:00' : null },
      NIGHT - 1_000,
    ));
  }
  return added;
}

/** One instance's scheduler run over its own connections to the shared database. */
function runDigests(backend: StoreBackend): Promise<number> {
  const { stores } = backend;
  return enqueueDueDigests({
    stores,
    storyReader: createStoryReader({ ...stores, principalIds: new Set(), perspectives: [] }),
    history: stores.digestHistory,
    topicName: (topicId) => topicId,
    perspectives: [],
    now: () => MORNING,
  });
}

const digestRows = (backend: StoreBackend) => queryValue<number>(backend, `SELECT COUNT(*) AS n FROM outbox WHERE kind = 'digest'`);

// Two instances' schedulers at once need two connections taking turns, which one SQLite process cannot interleave.
describe.runIf(TEST_STORE === 'postgres')('two schedulers at once on one PostgreSQL database', () => {
  it('queue each channel’s digest once', async () => {
    const [one, two] = await openSharedTestBackends(2);
    await subscribeEach(one!.stores, 'digest');

    const [byOne, byTwo] = await Promise.all([runDigests(one!), runDigests(two!)]);

    // A quiet day's digest is one message (the quiet note): one per channel, whichever instance queued it.
    expect(byOne + byTwo).toBe(CHANNELS.length);
    expect(await digestRows(one!)).toBe(CHANNELS.length);
    expect(await queryValue<number>(one!, `SELECT COUNT(DISTINCT channel_id) AS n FROM outbox WHERE kind = 'digest'`)).toBe(CHANNELS.length);
    expect(await runDigests(two!)).toBe(0);
  });

  it('list each alert held in quiet hours in one summary', async () => {
    const [one, two] = await openSharedTestBackends(2);
    for (const subscription of await subscribeEach(one!.stores, 'alerts')) {
      for (const headline of ['Strike on Kharkiv', 'Talks in Istanbul']) {
        const row = await one!.stores.outbox.enqueue({ guildId: ids.guild, channelId: subscription.channelId, subscriptionId: subscription.id, kind: 'alert', payload: {}, status: 'held' }, NIGHT);
        await one!.stores.quietHolds.hold({ outboxId: row.id, subscriptionId: subscription.id, guildId: ids.guild, channelId: subscription.channelId, headline, link: null, outlet: 'Reuters', heldAt: NIGHT });
      }
    }

    const runs = await Promise.all([one!, two!].map((backend) => enqueueQuietSummaries({ stores: backend.stores, now: () => MORNING })));

    expect(runs[0]! + runs[1]!).toBe(CHANNELS.length);
    expect(await digestRows(one!)).toBe(CHANNELS.length);
    expect(await queryValue<number>(one!, `SELECT COUNT(DISTINCT channel_id) AS n FROM outbox WHERE kind = 'digest'`)).toBe(CHANNELS.length);
    expect(await one!.stores.quietHolds.waiting()).toEqual([]);
  });
});

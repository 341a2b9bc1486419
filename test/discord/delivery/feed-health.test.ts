import { describe, expect, it } from 'vitest';
import { enqueueFeedDisabledNotices } from '../../../src/discord/delivery/feed-health.js';
import type { OutboxStore } from '../../../src/store/outbox.js';
import { readStoredPayload } from '../../../src/discord/delivery/message-body.js';
import { type SubscriptionInput } from '../../../src/store/subscriptions.js';
import { FakeClock, ids } from './fakes.js';
import { openTestStores } from '../../support/stores.js';

async function setup() {
  const stores = await openTestStores();
  const clock = new FakeClock();
  const subscriptions = stores.subscriptions;
  const outbox = stores.outbox;
  // Feed 9 was added by the other guild, which calls its outlet "Guild wire".
  const owners = async (feedId: number) => (feedId === 9 ? [{ guildId: ids.otherGuild, outlet: 'Guild wire' }] : []);
  const subscribe = (overrides: Partial<SubscriptionInput>) =>
    subscriptions.add(
      { guildId: ids.guild, channelId: ids.channelA, kind: 'topic', target: 'crimea', mode: 'alerts', digestTime: '08:00', timezone: 'UTC', quietNote: false, createdBy: ids.moderator, ...overrides },
      clock.now(),
    );
  return { clock, subscriptions, outbox, subscribe, deps: { feeds: { owners }, subscriptions, outbox, now: clock.now } };
}

const configFeed = { id: 4, outlet: 'Meduza', url: 'https://meduza.io/rss/en/all', origin: 'config' as const, lastSuccessAt: Date.UTC(2025, 7, 19) };

/** Each channel gets at most one notice here, so the channel heads are all the notices. */
async function queuedNotices(outbox: OutboxStore, now: number) {
  return (await outbox.dueHeads(now, 100)).filter((row) => row.kind === 'notice');
}

describe('enqueueFeedDisabledNotices', () => {
  it('tells every subscribed channel of every guild once, with the reason, for a configured feed', async () => {
    const { clock, outbox, subscribe, deps, subscriptions } = await setup();
    await subscribe({});
    await subscribe({ target: 'security-guarantees' });
    await subscribe({ channelId: ids.channelB, kind: 'person', target: 'steve-witkoff', mode: 'digest' });
    await subscribe({ guildId: ids.otherGuild, channelId: ids.channelC });
    const paused = await subscribe({ channelId: ids.systemChannel });
    await subscriptions.pause(paused.id, 'moderator', 0);

    expect(await enqueueFeedDisabledNotices(deps, configFeed, 'HTTP 410 Gone on 10 polls in a row')).toBe(3);
    const notices = await queuedNotices(outbox, clock.now());
    expect(notices.map((row) => row.channelId).sort()).toEqual([ids.channelA, ids.channelB, ids.channelC].sort());
    const [first] = notices;
    const payload = readStoredPayload(first?.payloadJson ?? '');
    const description = payload.ok ? payload.body.embeds[0]?.description : undefined;
    expect(description).toContain('HTTP 410 Gone on 10 polls in a row');
    expect(description).toContain('Meduza feed (https://meduza.io/rss/en/all)');

    expect(await enqueueFeedDisabledNotices(deps, configFeed, 'HTTP 410 Gone on 10 polls in a row')).toBe(0);
  });

  it('tells only the guild that added a guild feed', async () => {
    const { clock, outbox, subscribe, deps } = await setup();
    await subscribe({});
    await subscribe({ guildId: ids.otherGuild, channelId: ids.channelC });
    const guildFeed = { ...configFeed, id: 9, origin: 'guild' as const, url: 'https://user:pw@wire.example/feed.xml?token=SECRET#latest' };
    expect(await enqueueFeedDisabledNotices(deps, guildFeed, `HTTP 404 at ${guildFeed.url}`)).toBe(1);
    const notices = await queuedNotices(outbox, clock.now());
    expect(notices.map((row) => row.channelId)).toEqual([ids.channelC]);
    const text = notices[0]?.payloadJson ?? '';
    expect(text).toContain('Guild wire feed (https://wire.example/feed.xml)');
    expect(text).not.toMatch(/SECRET|user:pw|latest/u);
  });

  it('tells the channels again when the feed had worked since the last notice', async () => {
    const { clock, subscribe, deps } = await setup();
    await subscribe({});
    expect(await enqueueFeedDisabledNotices(deps, configFeed, 'timeout')).toBe(1);
    clock.advance(3 * 86_400_000);
    expect(await enqueueFeedDisabledNotices(deps, { ...configFeed, lastSuccessAt: clock.now() - 86_400_000 }, 'timeout')).toBe(1);
  });
});

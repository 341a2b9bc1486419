import { REST } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enqueueAlertsForItem } from '../../../src/discord/delivery/enqueue-alerts.js';
import { restMessageSender } from '../../../src/discord/delivery/sender.js';
import { DeliveryWorker } from '../../../src/discord/delivery/worker.js';
import type { AlertPlanningInput } from '../../../src/pipeline/alert-planning.js';
import { startDiscordServer, type LocalDiscord } from '../../support/discord/index.js';
import { FakeClock, FakeScheduler } from './fakes.js';
import { openTestStores } from '../../support/stores.js';

let server: LocalDiscord;
let rest: REST;

beforeEach(async () => {
  server = await startDiscordServer();
  rest = new REST(server.restOptions).setToken(server.botToken);
});

afterEach(async () => {
  await server.close();
});

async function setup() {
  const stores = await openTestStores();
  const clock = new FakeClock(Date.now());
  const guild = server.guild();
  const alertsChannel = guild.channels['news-alerts'] ?? '';
  const digestChannel = guild.channels['daily-digest'] ?? '';
  const subscriptions = stores.subscriptions;
  const outbox = stores.outbox;
  await subscriptions.add(
    { guildId: guild.id, channelId: alertsChannel, kind: 'topic', target: 'istanbul-talks', mode: 'alerts', digestTime: '08:00', timezone: 'Europe/Kyiv', quietNote: false, createdBy: guild.ownerId },
    clock.now(),
  );
  const worker = new DeliveryWorker({
    outbox,
    subscriptions,
    sender: restMessageSender(rest),
    noticeChannels: { findNoticeChannel: async () => digestChannel },
    channelGuilds: { guildOf: async () => guild.id },
    now: clock.now,
    scheduler: new FakeScheduler(),
  });
  const deps = { stores, recordDecisions: false, now: clock.now };
  return { clock, alertsChannel, digestChannel, subscriptions, outbox, worker, deps };
}

function report(clock: FakeClock, outlet: string, outlets: string[], overrides: Partial<AlertPlanningInput['item']> = {}): AlertPlanningInput {
  return {
    item: {
      id: outlets.length,
      title: 'Russian and Ukrainian delegations to meet in Istanbul on Wednesday',
      link: `https://news.example/${outlet.toLowerCase()}/istanbul-talks`,
      outlet,
      publishedAt: new Date(clock.now() - 10 * 60_000).toISOString(),
      fetchedAt: clock.now(),
      summary: 'Delegations from Kyiv and Moscow will meet in Istanbul for a third round of direct talks, officials said on Monday.',
      ...overrides,
    },
    story: { id: 'story:istanbul', isNew: outlets.length === 1, outlets, itemCount: outlets.length },
    topics: [{ topicId: 'istanbul-talks', topicName: 'Istanbul talks', explainSummary: '“Istanbul” and “talks” in the title' }],
    keyQuote: { quote: 'We are ready to meet at any level', speaker: 'Rustem Umerov', speakerLabel: null },
    quotesByPerson: [],
    audience: null,
  };
}

describe('delivery through discord.js REST against the local Discord server', () => {
  it('posts an alert with hostile feed text safely, then edits it for a second outlet', async () => {
    const { clock, alertsChannel, worker, deps } = await setup();
    worker.start();
    await enqueueAlertsForItem(deps, report(clock, 'Reuters', ['Reuters'], { summary: '@everyone <@&123456789012345678> [click](https://evil.example) **now**' }));
    worker.kick();
    await worker.drain();
    await enqueueAlertsForItem(deps, report(clock, 'AP', ['Reuters', 'AP']));
    worker.kick();
    await worker.drain();
    await worker.stop();

    const [message, ...others] = server.messages(alertsChannel);
    expect(others).toEqual([]);
    expect(message?.history).toHaveLength(1);
    const embed = message?.current.embeds[0];
    expect(embed?.title).toBe('Russian and Ukrainian delegations to meet in Istanbul on Wednesday');
    expect(embed?.description).toBe('@\u200beveryone \\<@&123456789012345678\\> \\[click\\](https://evil.example) \\*\\*now\\*\\*');
    expect(embed?.fields?.at(-1)).toEqual({ name: 'Also reported by', value: '[AP](https://news.example/ap/istanbul-talks)' });
    expect(message?.current.mention_everyone).toBe(false);
    expect(server.violations).toEqual([]);
  });

  it('retries a 5xx that discord.js gave up on and posts exactly once', async () => {
    const { clock, alertsChannel, outbox, worker, deps } = await setup();
    server.failNext({ route: 'POST /channels/:id/messages', status: 503, times: 3 });
    worker.start();
    await enqueueAlertsForItem(deps, report(clock, 'Reuters', ['Reuters']));
    worker.kick();
    await worker.drain();
    expect(server.messages(alertsChannel)).toHaveLength(0);
    expect(await outbox.pendingCount()).toBe(1);

    clock.advance(60_000);
    await worker.drain();
    await worker.stop();
    expect(server.messages(alertsChannel)).toHaveLength(1);
    expect(await outbox.pendingCount()).toBe(0);
    expect(server.violations).toEqual([]);
  });

  it('pauses the subscription when the bot may not post, and tells the guild in a channel where it can', async () => {
    const { clock, alertsChannel, digestChannel, subscriptions, worker, deps } = await setup();
    server.setChannelPermissions(alertsChannel, { send: false });
    worker.start();
    await enqueueAlertsForItem(deps, report(clock, 'Reuters', ['Reuters']));
    worker.kick();
    await worker.drain();
    await worker.stop();

    expect(server.messages(alertsChannel)).toHaveLength(0);
    expect((await subscriptions.listForChannel(alertsChannel))[0]?.pausedReason).toBe('Missing Permissions (Discord error 50013)');
    const notices = server.messages(digestChannel);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.current.embeds[0]?.title).toBe('Alerts paused');
    expect(server.violations.map((violation) => violation.kind)).toEqual(['missing-permissions']);
  });
});

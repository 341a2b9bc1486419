import { describe, expect, it } from 'vitest';
import { detectDevelopment, type DevelopmentReport } from '../../../src/analysis/stories/development.js';
import { enqueueAlertsForItem } from '../../../src/discord/delivery/enqueue-alerts.js';
import { DeliveryWorker } from '../../../src/discord/delivery/worker.js';
import type { AlertPlanningInput } from '../../../src/pipeline/alert-planning.js';
import { fakeChannelGuilds, FakeClock, FakeScheduler, FakeSender, ids } from './fakes.js';
import { openTestStores } from '../../support/stores.js';
import type { Stores } from '../../../src/store/index.js';

const MINUTE = 60_000;

/** A bot on `db`: its stores, a worker and the Discord it posts to (shared across a restart when given). */
function bot(stores: Stores, clock: FakeClock, sender = new FakeSender()) {
  const subscriptions = stores.subscriptions;
  const outbox = stores.outbox;
  const deps = { stores, subscriptions, recordDecisions: false, now: clock.now };
  const worker = new DeliveryWorker({ outbox, subscriptions, sender, noticeChannels: { findNoticeChannel: async () => null }, channelGuilds: fakeChannelGuilds, now: clock.now, scheduler: new FakeScheduler() });
  return { deps, worker, sender, outbox };
}

async function subscribedBot() {
  const stores = await openTestStores();
  const clock = new FakeClock(Date.UTC(2025, 7, 28, 6, 0));
  const first = bot(stores, clock);
  await first.deps.subscriptions.add(
    { guildId: ids.guild, channelId: ids.channelA, kind: 'topic', target: 'strikes', mode: 'alerts', digestTime: '08:00', timezone: 'Europe/Kyiv', quietNote: false, createdBy: ids.moderator },
    clock.now(),
  );
  return { stores, clock, ...first };
}

const reports: Record<string, DevelopmentReport> = {
  first: { title: 'Russian attack on Kyiv kills at least 14', lede: 'A Russian drone and missile barrage killed at least 14 people, officials said.', quotedPrincipals: [] },
  reReport: { title: 'Russian missile and drone attack on Kyiv kills at least 10', lede: 'A massive attack killed at least 10 people.', quotedPrincipals: [] },
  zelensky: { title: 'Zelensky: Kyiv strike shows Moscow wants no peace', lede: '', quotedPrincipals: [{ id: 'volodymyr-zelensky', name: 'Volodymyr Zelensky' }] },
  toll: { title: 'Death toll in Russian strike on Kyiv rises to 18', lede: '', quotedPrincipals: [] },
};

/** The alert input for the story's report number `index` (0 is the first), with the development the analysis finds. */
function input(clock: FakeClock, index: number, outlet: string, report: DevelopmentReport, earlier: DevelopmentReport[]): AlertPlanningInput {
  const outlets = ['Reuters', 'AP', 'BBC', 'Kyiv Independent'].slice(0, index + 1);
  const development = detectDevelopment(report, earlier);
  return {
    item: { id: 100 + index, title: report.title, link: `https://news.example/${index}`, outlet, publishedAt: new Date(clock.now() - MINUTE).toISOString(), fetchedAt: clock.now(), summary: report.lede },
    story: { id: 'story:kyiv', isNew: index === 0, outlets, itemCount: index + 1 },
    topics: [{ topicId: 'strikes', topicName: 'Strikes', explainSummary: '“attack” in the title' }],
    keyQuote: null,
    quotesByPerson: [],
    development: development ? { summary: development.summary } : null,
    audience: null,
  };
}

describe('a development in a followed story', () => {
  it('a plain re-report edits the alert and posts nothing', async () => {
    const { clock, deps, worker, sender } = await subscribedBot();
    worker.start();
    await enqueueAlertsForItem(deps, input(clock, 0, 'Reuters', reports.first!, []));
    clock.advance(30 * MINUTE);
    expect(await enqueueAlertsForItem(deps, input(clock, 1, 'AP', reports.reReport!, [reports.first!]))).toEqual({ posted: 0, edited: 1, held: 0, skipped: 0 });
    worker.kick();
    await worker.drain();
    expect(sender.inChannel(ids.channelA)).toHaveLength(1);
    expect(sender.inChannel(ids.channelA)[0]?.edits).toHaveLength(1);
    await worker.stop();
  });

  it('a principal quoted for the first time posts one follow-up saying so, besides the edit', async () => {
    const { clock, deps, worker, sender } = await subscribedBot();
    worker.start();
    await enqueueAlertsForItem(deps, input(clock, 0, 'Reuters', reports.first!, []));
    clock.advance(30 * MINUTE);
    expect(await enqueueAlertsForItem(deps, input(clock, 1, 'AP', reports.zelensky!, [reports.first!]))).toEqual({ posted: 1, edited: 1, held: 0, skipped: 0 });
    worker.kick();
    await worker.drain();
    const posts = sender.inChannel(ids.channelA);
    expect(posts).toHaveLength(2);
    expect(posts[1]?.body.embeds[0]).toMatchObject({ title: reports.zelensky!.title, description: 'Volodymyr Zelensky speaks for the first time in this story' });
    await worker.stop();
  });

  it('a rising toll posts one follow-up; the same toll again only edits', async () => {
    const { clock, deps, worker, sender } = await subscribedBot();
    worker.start();
    await enqueueAlertsForItem(deps, input(clock, 0, 'Reuters', reports.first!, []));
    clock.advance(2 * 60 * MINUTE);
    expect((await enqueueAlertsForItem(deps, input(clock, 1, 'AP', reports.toll!, [reports.first!]))).posted).toBe(1);
    clock.advance(30 * MINUTE);
    const sameToll = { ...reports.toll!, title: 'Kyiv strike: 18 killed, rescuers say' };
    expect(await enqueueAlertsForItem(deps, input(clock, 2, 'BBC', sameToll, [reports.first!, reports.toll!]))).toMatchObject({ posted: 0, edited: 1 });
    worker.kick();
    await worker.drain();
    const posts = sender.inChannel(ids.channelA);
    expect(posts.map((post) => post.body.embeds[0]?.description)).toEqual([reports.first!.lede, 'The count rises to 18 (earlier reports: 14)']);
    await worker.stop();
  });

  it('is posted exactly once when the bot dies mid-send and restarts', async () => {
    const { stores, clock, deps, worker, sender, outbox } = await subscribedBot();
    worker.start();
    await enqueueAlertsForItem(deps, input(clock, 0, 'Reuters', reports.first!, []));
    await worker.drain();
    sender.script(ids.channelA, 'posted-then-crash');
    await enqueueAlertsForItem(deps, input(clock, 1, 'AP', reports.toll!, [reports.first!]));
    worker.kick();
    await sender.messagesReach(2);
    // The process dies here, the follow-up still pending in the outbox; the restarted bot talks to the same Discord.

    const restarted = bot(stores, clock, sender);
    restarted.worker.start();
    await restarted.worker.drain();
    expect(sender.inChannel(ids.channelA)).toHaveLength(2);
    expect(await outbox.pendingCount()).toBe(0);
    await restarted.worker.stop();
  });
});

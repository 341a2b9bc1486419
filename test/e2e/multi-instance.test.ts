import { afterEach, describe, expect, it } from 'vitest';
import type { GuildInfo } from '../support/discord/index.js';
import type { FeedArticle } from '../support/news-feed.js';
import { TEST_STORE } from '../support/stores.js';
import { answerText, loadWeekendOfDiplomacy } from './harness.js';
import { startCluster, waitUntil, type Cluster, type Instance } from './multi-instance-harness.js';

/**
 * Three `wirewatch start` processes (shard 0, shard 1, no shard) on one PostgreSQL database, 200 feeds on four
 * loopback hosts, 50 guilds on two gateway shards. Over four poll intervals every feed is fetched once per interval
 * and every alert reaches Discord once; in the third, the analysis leader and a shard-holding instance are killed
 * with SIGKILL in the middle of an analysis batch, the survivor takes the work over within 30 s, and both come back.
 *
 * PostgreSQL only: several instances share one database only there (SQLite is one process's file; on SQLite
 * wirewatch runs as one instance, and the other end-to-end tests cover it).
 */
const FEEDS = 200;
const HOSTS = 4;
const GUILDS = 50;
const MINUTE = 60_000;
const TAKEOVER_MS = 30_000;

/** Each alerting interval brings one strikes story and one guarantees story, each carried by two outlets. */
const STORIES_BY_TOPIC = {
  'russian-strikes': ['zaporizhzhia-glide-bombs', 'odesa-port-drone-strike', 'sumy-missile-attack'],
  'security-guarantees': ['article-five-like-guarantees', 'reassurance-force-planning', 'zelensky-security-guarantees-in-ten-days'],
} as const;
type Topic = keyof typeof STORIES_BY_TOPIC;
/** Stories no guild follows: work for the analysis leader that alerts nobody. */
const UNFOLLOWED = ['kremlin-trilateral-summit', 'ceasefire-before-talks', 'prisoner-exchange', 'rubio-peace-framework', 'nordic-baltic-support'];

const stories = new Map(loadWeekendOfDiplomacy().map((story) => [story.slug, story]));

/** Guilds follow the two topics in pairs, so that each topic has guilds on both shards. */
const topicOf = (serial: number): Topic => (Math.floor(serial / 2) % 2 === 0 ? 'russian-strikes' : 'security-guarantees');

/** The articles each feed serves (newest first); an interval adds to them. */
const served = new Map<number, FeedArticle[]>();

/** A story's report as feed `feed` carries it in interval `round` (a story can come back in a later round: a new item). */
function article(slug: string, feed: number, round: number): FeedArticle {
  const story = stories.get(slug);
  if (!story) throw new Error(`no story ${slug} in the weekend fixture`);
  // Published minutes ago: the clock is real in the child processes, and old items never alert.
  return { guid: `${slug}-${feed}-${round}`, title: story.title, link: `https://outlet-${feed}.example/${round}/${slug}`, published: new Date(Date.now() - 10 * MINUTE).toISOString(), body: story.body };
}

function publish(cluster: Cluster, feed: number, slug: string, round: number): void {
  const articles = [article(slug, feed, round), ...(served.get(feed) ?? [])];
  served.set(feed, articles);
  cluster.farm.publish(feed, articles);
}

/**
 * What interval `round` (1–3) publishes: each followed topic's story on two feeds of different hosts from feed
 * `firstFeed` on (among the first 100 or the last four), and `unfollowed` feeds of 100–195 with a story nobody
 * follows. Returns the title each topic's guilds expect.
 */
function publishRound(cluster: Cluster, round: number, options: { firstFeed: number; unfollowed: number }): Record<Topic, string> {
  const titles = {} as Record<Topic, string>;
  (Object.keys(STORIES_BY_TOPIC) as Topic[]).forEach((topic, index) => {
    const slug = STORIES_BY_TOPIC[topic][round - 1] as string;
    const first = options.firstFeed + index * 2;
    publish(cluster, first, slug, round);
    publish(cluster, first + 1, slug, round);
    titles[topic] = stories.get(slug)?.title ?? slug;
  });
  const unfollowedFeeds = FEEDS / 2 - HOSTS;
  for (let offset = 0; offset < options.unfollowed; offset++) {
    publish(cluster, FEEDS / 2 + ((round * 37 + offset) % unfollowedFeeds), UNFOLLOWED[(round + offset) % UNFOLLOWED.length] as string, round);
  }
  return titles;
}

/** Makes every feed due and waits until each was fetched for this interval; returns the counts before it. */
async function pollInterval(cluster: Cluster): Promise<number[]> {
  const before = cluster.farm.fetchCounts();
  await cluster.makeEveryFeedDue();
  await cluster.farm.waitFor(() => cluster.farm.fetchCounts().every((count, feed) => count > (before[feed] ?? 0)), {
    timeoutMs: 30_000,
    description: () => `every feed fetched once more (${cluster.farm.fetchCounts().filter((count, feed) => count > (before[feed] ?? 0)).length} of ${FEEDS})`,
  });
  // The interval is over when no feed is due any more and no fetch is open: every poll's outcome is written.
  await waitUntil(async () => cluster.farm.inFlight() === 0 && (await cluster.db.value<number>('SELECT count(*) FROM feeds WHERE next_poll_at <= $1', [Date.now()])) === 0, {
    timeoutMs: 30_000,
    description: () => 'every feed scheduled for its next interval',
  });
  return before;
}

/** How many feeds were fetched other than exactly once since `before`, by count ("2 fetches": 170): {} when clean. */
function fetchedOtherThanOnce(cluster: Cluster, before: readonly number[]): Record<string, number> {
  const tally: Record<string, number> = {};
  cluster.farm.fetchCounts().forEach((count, feed) => {
    const fetches = count - (before[feed] ?? 0);
    if (fetches !== 1) tally[`${fetches} fetches`] = (tally[`${fetches} fetches`] ?? 0) + 1;
  });
  return tally;
}

function alertsChannel(guild: GuildInfo): string {
  return guild.channels['news-alerts'] ?? '';
}

/** Alert titles each guild's #news-alerts shows, in order, by guild. */
function postedTitles(cluster: Cluster): string[][] {
  return cluster.guilds.map((guild) =>
    cluster.discord.messages(alertsChannel(guild)).filter((message) => message.origin === 'channel' && !message.deleted).map((message) => message.current.embeds[0]?.title ?? message.current.content),
  );
}

/** Waits until every guild shows `count` alerts (and fails later if any shows more). */
async function waitForAlerts(cluster: Cluster, count: number, timeoutMs: number): Promise<void> {
  await cluster.discord.waitFor(() => postedTitles(cluster).every((titles) => titles.length >= count), {
    timeoutMs,
    description: () => `${count} alerts in every guild (have ${postedTitles(cluster).map((titles) => titles.length).join(',')})`,
  });
}

/** Sends one command in each guild (two at a time, one per shard) and returns each answer's text. */
async function commandInEveryGuild(cluster: Cluster, name: string, options: (serial: number) => Record<string, string>, guilds = cluster.guilds): Promise<string[]> {
  const answers: string[] = [];
  for (let serial = 0; serial < guilds.length; serial += 2) {
    const pair = guilds.slice(serial, serial + 2);
    const records = await Promise.all(
      pair.map((guild) =>
        cluster.discord.sendSlashCommand({ name, guildId: guild.id, channelId: alertsChannel(guild), userId: guild.members.moderator, options: options(cluster.guilds.indexOf(guild)) }),
      ),
    );
    answers.push(...records.map(answerText));
  }
  return answers;
}

/** The analysis batch lock (pg_advisory_xact_lock(1836216167, 100), which every batch transaction takes first) in pg_locks. */
const BATCH_LOCK = "locktype = 'advisory' AND classid = 1836216167 AND objid = 100 AND objsubid = 2";

/**
 * Whether one of the instance's connections (PGAPPNAME names them) is inside an analysis batch with items still to
 * process (not the empty batch that ends a run, nor the story window's restore, which take the lock too).
 */
async function inAnalysisBatch(cluster: Cluster, instance: Instance): Promise<boolean> {
  return (
    (await cluster.db.value<boolean>(
      `SELECT EXISTS (SELECT 1 FROM pg_locks JOIN pg_stat_activity USING (pid) WHERE pg_stat_activity.application_name = $1 AND pg_locks.granted AND ${BATCH_LOCK})
         AND EXISTS (SELECT 1 FROM items WHERE processed_at IS NULL)`,
      [`wirewatch-${instance.name}`],
    )) === true
  );
}

async function analysisLeader(cluster: Cluster, instances: readonly Instance[]): Promise<Instance> {
  return waitUntil(
    async () => {
      for (const instance of instances) if ((await cluster.health(instance))?.role?.analysisLeader === true) return instance;
      return null;
    },
    { timeoutMs: TAKEOVER_MS, description: () => `an analysis leader among ${instances.map((instance) => instance.name).join(', ')}` },
  );
}

let cluster: Cluster | undefined;

afterEach(async () => {
  await cluster?.close();
  cluster = undefined;
});

describe.skipIf(TEST_STORE !== 'postgres')('three instances on one PostgreSQL database', () => {
  it('fetches each feed once per interval, posts each alert once, and carries on when two instances are killed mid-batch', { timeout: 180_000 }, async () => {
    const local = await startCluster({ feeds: FEEDS, hosts: HOSTS, guilds: GUILDS });
    cluster = local;
    const { discord, farm, db } = local;
    let instances = await Promise.all([local.launch('worker', 'none'), local.launch('shard-0', '0'), local.launch('shard-1', '1')]);

    // Every guild subscribes its #news-alerts to a topic; the instance holding the guild's shard answers.
    const subscribed = await commandInEveryGuild(local, 'subscribe topic', (serial) => ({ topic: topicOf(serial) }));
    expect(subscribed.filter((answer) => !answer.includes('Subscribed'))).toEqual([]);

    // Interval 0: the feeds' first poll (nothing published yet).
    expect.soft(fetchedOtherThanOnce(local, await pollInterval(local)), 'feeds fetched other than once in interval 0').toEqual({});

    // Interval 1: two followed stories, each from two outlets, and some news nobody follows.
    const expected: Record<Topic, string>[] = [publishRound(local, 1, { firstFeed: HOSTS, unfollowed: 20 })];
    let before = await pollInterval(local);
    await waitForAlerts(local, 1, 30_000);
    expect.soft(fetchedOtherThanOnce(local, before), 'feeds fetched other than once in interval 1').toEqual({});
    expect.soft(postedTitles(local)).toEqual(local.guilds.map((_, serial) => expected.map((titles) => titles[topicOf(serial)])));

    // Interval 2: enough unfollowed news that the leader's analysis takes a while (the followed stories come from
    // the last feeds, so they are stored last); once every feed is fetched, the analysis leader and one other
    // shard-holding instance are killed while the leader is inside a batch.
    expected.push(publishRound(local, 2, { firstFeed: FEEDS - HOSTS, unfollowed: 90 }));
    before = await pollInterval(local);
    expect.soft(fetchedOtherThanOnce(local, before), 'feeds fetched other than once in interval 2').toEqual({});
    const leader = await analysisLeader(local, instances);
    await waitUntil(() => inAnalysisBatch(local, leader), { timeoutMs: 30_000, description: () => `${leader.name} inside an analysis batch` });
    const shardHolder = instances.find((instance) => instance !== leader && instance.shardIds !== 'none') as Instance;
    const killedAt = Date.now();
    await Promise.all([local.kill(leader), local.kill(shardHolder)]);
    const survivor = instances.find((instance) => instance !== leader && instance !== shardHolder) as Instance;
    const unprocessed = () => db.value<number>('SELECT count(*) FROM items WHERE processed_at IS NULL');
    const drained = async () => (await db.value<number>("SELECT count(*) FROM outbox WHERE status = 'pending'")) === 0;
    // The killed batch's work is undone: its items wait, unprocessed.
    expect(await unprocessed()).toBeGreaterThan(0);

    // Within 30 s the survivor leads the analysis, has processed every item and every guild has the interval's alert.
    expect(await analysisLeader(local, [survivor])).toBe(survivor);
    await waitUntil(async () => (await unprocessed()) === 0, { timeoutMs: TAKEOVER_MS - (Date.now() - killedAt), description: () => 'every item processed' });
    await waitForAlerts(local, 2, TAKEOVER_MS - (Date.now() - killedAt));
    await waitUntil(drained, { timeoutMs: TAKEOVER_MS - (Date.now() - killedAt), description: () => 'the outbox sent (alerts and their edits)' });
    expect(Date.now() - killedAt).toBeLessThan(TAKEOVER_MS);
    // Guilds on the survivor's shard are answered meanwhile.
    const survivorGuilds = local.guilds.filter((_, serial) => String(serial % 2) === survivor.shardIds);
    expect((await commandInEveryGuild(local, 'subscriptions', () => ({}), survivorGuilds)).filter((answer) => !answer.includes('Subscriptions (1)'))).toEqual([]);

    // Both come back (as new instances), and interval 3 runs on all three.
    const restarted = await Promise.all([local.launch(`${leader.name}-again`, leader.shardIds), local.launch(`${shardHolder.name}-again`, shardHolder.shardIds)]);
    instances = [survivor, ...restarted];
    expected.push(publishRound(local, 3, { firstFeed: 3 * HOSTS, unfollowed: 20 }));
    before = await pollInterval(local);
    await waitForAlerts(local, 3, 30_000);
    expect.soft(fetchedOtherThanOnce(local, before), 'feeds fetched other than once in interval 3').toEqual({});
    const answered = await commandInEveryGuild(local, 'subscriptions', () => ({}));
    expect(answered.filter((answer) => !answer.includes('Subscriptions (1)'))).toEqual([]);

    await waitUntil(drained, { timeoutMs: 30_000, description: () => 'the outbox sent (alerts and their edits)' });
    // One instance leads the analysis, one delivers; no lease is left held.
    const reports = await Promise.all(instances.map((instance) => local.health(instance)));
    expect(reports.map((report) => report?.role?.analysisLeader).filter(Boolean)).toEqual([true]);
    expect(reports.map((report) => report?.role?.deliveryLeader).filter(Boolean)).toEqual([true]);
    expect(reports.map((report) => report?.role?.leasesHeld)).toEqual([0, 0, 0]);
    // Every feed was fetched exactly once in each of the four intervals, never more than two at a time per host.
    expect(farm.fetchCounts().filter((count) => count !== 4)).toEqual([]);
    expect(farm.peakInFlightPerHost()).toBeLessThanOrEqual(2);
    // Every guild got each interval's alert for its topic once, in order, and nothing else.
    expect(postedTitles(local)).toEqual(local.guilds.map((_, serial) => expected.map((titles) => titles[topicOf(serial)])));
    // Nothing was lost: every item stored was processed, every queued message was sent.
    expect(await db.value<number>('SELECT count(*) FROM items')).toBe([...served.values()].reduce((sum, articles) => sum + articles.length, 0));
    expect(await db.value<number>('SELECT count(*) FROM items WHERE processed_at IS NULL')).toBe(0);
    expect(await db.all("SELECT id, kind, status FROM outbox WHERE status <> 'sent'")).toEqual([]);
    expect(discord.violations).toEqual([]);
    // No instance, killed or not, logged a warning or an error (they log at LOG_LEVEL=warn).
    const everyInstance = [leader, shardHolder, ...instances];
    expect(everyInstance.map((instance) => `${instance.name}: ${instance.child.stderr}${instance.child.stdout}`)).toEqual(everyInstance.map((instance) => `${instance.name}: `));
  });
});

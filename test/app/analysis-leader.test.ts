import { afterEach, describe, expect, it, vi } from 'vitest';
import type { App } from '../../src/app.js';
import { HOUR, OUTLETS, START, weekendStories } from '../e2e/harness.js';
import type { FeedArticle } from '../support/news-feed.js';
import { queryRows, queryValue, TEST_STORE } from '../support/stores.js';
import {
  BATCH_LOCK,
  closeClusters,
  cluster,
  GUILD,
  IDLE,
  lockHolders,
  MEMBER,
  pendingCount,
  ROLE_LOCK,
  seed,
  sideConnection,
  subscribeToEveryTopic,
  terminate,
  waiting,
  waitUntilProcessed,
  type Cluster,
} from './cluster.js';

afterEach(closeClusters);


/**
 * What processing left: each item's story (by the guid of the item that started it) and every outbox row queued, in
 * order. An item processed twice, or a story the new leader did not know, changes it.
 */
async function outcome(app: App) {
  const stories = await queryRows(
    app.store,
    `SELECT items.guid AS guid, starters.guid AS story FROM story_items JOIN items ON items.id = story_items.item_id
     JOIN items AS starters ON 'story:' || starters.id = story_items.story_id ORDER BY items.id`,
  );
  const outbox = await queryRows(app.store, 'SELECT kind, status, story_id AS storyId, subscription_id AS subscriptionId FROM outbox ORDER BY id');
  return { pending: await pendingCount(app), stories, outbox };
}

/** The outcome of one instance alone on a fresh database, its feed serving `polls` in turn: what a cluster must match. */
async function alone(polls: readonly (readonly FeedArticle[])[]) {
  const local = await cluster();
  const { app } = await local.launch('alone', IDLE);
  await subscribeToEveryTopic(app);
  await seed(local, app);
  for (const articles of polls) {
    local.serve('capital', articles);
    await app.poller.pollAllOnce();
  }
  return outcome(app);
}


/**
 * Starts `leader`'s batch and stops it at the item at `index` (a side session holds its row, so its markProcessed
 * waits) with the items before it done inside the open transaction. `release` lets it go on.
 */
async function batchStoppedAt(local: Cluster, leader: App, index: number) {
  const side = await sideConnection(local);
  const ids = await queryRows<{ id: number }>(leader.store, 'SELECT id FROM items ORDER BY id');
  await side.query('BEGIN');
  await side.query('SELECT id FROM items WHERE id = $1 FOR UPDATE', [ids[index]?.id]);
  const batch = leader.analysis.processPending();
  await vi.waitFor(
    async () => {
      const result = await side.query<{ count: number }>(`SELECT COUNT(*)::int AS count FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
      expect(result.rows[0]?.count).toBeGreaterThan(0);
    },
    { timeout: 10_000, interval: 20 },
  );
  return { side, batch, release: async () => void (await side.query('ROLLBACK')) };
}

/** A leader that only processes when the test says so, and a standby that campaigns and looks quickly; feeds seeded. */
async function leaderAndStandby() {
  const local = await cluster();
  const leader = await local.launch('leader', IDLE);
  const standby = await local.launch('standby');
  await subscribeToEveryTopic(standby.app);
  await seed(local, standby.app);
  return { local, leader, standby };
}

/** Sixteen distinct stories of a weekend, oldest first, all in one feed (so item ids, and the order they are processed in, are the same in every run). */
const weekend = (): FeedArticle[] => [...weekendStories('capital'), ...weekendStories('ledger')].sort((a, b) => Date.parse(a.published) - Date.parse(b.published));
/** The weekend's first eight stories. */
const firstHalf = (): FeedArticle[] => weekend().slice(0, 8);

/** A second outlet's report of the ledger's Kharkiv blackout (13 hours before START): the same event, the same story. */
const kharkivFollowUp: FeedArticle = {
  guid: 'capital-kharkiv-blackout',
  title: 'Overnight Russian strikes knock out power to 200,000 in Kharkiv region',
  link: `${OUTLETS.capital.site}/2025/08/kharkiv-blackout`,
  published: new Date(START - 12 * HOUR).toISOString(),
  body: ['Russian missiles and drones struck energy infrastructure in the Kharkiv region overnight, cutting power to about 200,000 households, the regional governor said.'],
};

/**
 * Once `successor` leads, the feed adds the Kharkiv follow-up: it must join the story the earlier leader started
 * from the first half of the weekend, and everything must be as on one instance that never handed over.
 */
async function expectStoryContinued(local: Cluster, successor: App): Promise<void> {
  await vi.waitFor(() => expect(successor.analysis.leads()).toBe(true), { timeout: 10_000, interval: 20 });
  local.serve('capital', [...firstHalf(), kharkivFollowUp]);
  await successor.poller.pollAllOnce();
  await waitUntilProcessed(successor);
  const result = await outcome(successor);
  expect(result.stories).toContainEqual({ guid: kharkivFollowUp.guid, story: 'ledger-kharkiv-energy-grid' });
  expect(result).toEqual(await alone([firstHalf(), [...firstHalf(), kharkivFollowUp]]));
}

// Instances share a database only on PostgreSQL (one SQLite file belongs to one process, which leads every role).
describe.runIf(TEST_STORE === 'postgres')('one analysis leader among instances sharing a database', () => {
  it('processes the items a follower stored, once, on the leader only', async () => {
    const local = await cluster();
    const leader = await local.launch('leader');
    const follower = await local.launch('follower');
    expect(leader.app.analysis.leads()).toBe(true);
    expect(follower.app.analysis.leads()).toBe(false);
    expect((await leader.app.health()).role).toMatchObject({ analysisLeader: true });
    expect((await follower.app.health()).role).toMatchObject({ analysisLeader: false });
    await subscribeToEveryTopic(follower.app);
    await seed(local, follower.app);

    local.serve('capital', weekend());
    await follower.app.poller.pollAllOnce();
    expect(await follower.app.analysis.processPending()).toBe(0);
    await waitUntilProcessed(leader.app);

    const result = await outcome(leader.app);
    expect(result.stories).toHaveLength(16);
    expect(result.outbox.length).toBeGreaterThan(8);
    expect(result).toEqual(await alone([weekend()]));
    expect(follower.app.analysis.leads()).toBe(false);
    expect([...leader.errors, ...follower.errors]).toEqual([]);
  });

  it('hands analysis over when the leader stops, with the story window restored from the tables', async () => {
    const local = await cluster();
    const first = await local.launch('first');
    const second = await local.launch('second');
    await subscribeToEveryTopic(first.app);
    await seed(local, first.app);
    local.serve('capital', firstHalf());
    await first.app.poller.pollAllOnce();
    expect(await pendingCount(first.app)).toBe(0);

    await first.app.stop();
    await expectStoryContinued(local, second.app);
    expect([...first.errors, ...second.errors]).toEqual([]);
  });

  it('redoes, once, the batch of a leader killed midway, on the instance that takes over', async () => {
    const { local, leader: doomed, standby: heir } = await leaderAndStandby();
    local.serve('capital', weekend());
    await heir.app.poller.pollAllOnce();
    const { side, release, batch: interrupted } = await batchStoppedAt(local, doomed.app, 5);
    // Five items are done inside the open batch when the leader dies: the server ends every session of its.
    const [batchSession] = await lockHolders(side, BATCH_LOCK);
    const [roleSession] = await lockHolders(side, ROLE_LOCK);
    await terminate(side, [batchSession!, roleSession!]);
    await expect(interrupted).rejects.toThrow();
    // Its batch rolled back: nothing of it remains (the heir's own batch stops at the held row, uncommitted).
    expect(await pendingCount(heir.app)).toBe(16);
    expect(Number(await queryValue(heir.app.store, 'SELECT COUNT(*) FROM outbox'))).toBe(0);
    await release();

    await waitUntilProcessed(heir.app);
    expect(heir.app.analysis.leads()).toBe(true);
    expect(await outcome(heir.app)).toEqual(await alone([weekend()]));
    expect(heir.errors).toEqual([]);
  });

  it('lets the old leader’s batch in flight end before the new leader reads the stories, and continues them', async () => {
    const { local, leader: old, standby: successor } = await leaderAndStandby();
    local.serve('capital', firstHalf());
    await successor.app.poller.pollAllOnce();
    const { side, release, batch: inFlight } = await batchStoppedAt(local, old.app, 3);
    // Only the old leader's role connection breaks: its batch goes on, and the successor is elected meanwhile.
    await terminate(side, await lockHolders(side, ROLE_LOCK));
    await vi.waitFor(async () => expect(await waiting(side, BATCH_LOCK)).toBe(1), { timeout: 10_000, interval: 20 });
    expect(successor.app.analysis.leads()).toBe(false);

    await release();
    expect(await inFlight).toBe(8);
    await expectStoryContinued(local, successor.app);
    expect(old.app.analysis.leads()).toBe(false);
    expect(await old.app.analysis.processPending()).toBe(0);
    expect([...old.errors, ...successor.errors]).toEqual([]);
  });

  it('matches a topic created on another instance in the leader’s next batch', async () => {
    const local = await cluster();
    const leader = await local.launch('leader');
    const other = await local.launch('other');
    await seed(local, other.app);
    const checked = await other.app.topics.check(GUILD, {
      id: 'grain-port',
      name: 'Grain port',
      description: 'Attacks on grain terminals.',
      threshold: 1,
      rules: { anyOf: [{ terms: ['grain terminal'] }] },
    });
    if (!checked.ok) throw new Error(checked.problems.join('\n'));
    await other.app.topics.save(GUILD, 'grain-port', checked.topic, MEMBER);
    expect((await leader.app.topics.resolve(GUILD, 'grain-port'))?.id).toBe(checked.topic.id);

    local.serve('capital', weekend());
    await other.app.poller.pollAllOnce();
    await waitUntilProcessed(leader.app);
    const matched = await queryRows<{ guid: string }>(
      leader.app.store,
      'SELECT items.guid AS guid FROM item_topics JOIN items ON items.id = item_topics.item_id WHERE item_topics.topic_id = ?',
      checked.topic.id,
    );
    expect(matched.map((row) => row.guid)).toEqual(['capital-odesa-port-drone-strike']);
    expect([...leader.errors, ...other.errors]).toEqual([]);
  });
});

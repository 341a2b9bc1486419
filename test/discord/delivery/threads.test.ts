import { describe, expect, it } from 'vitest';
import { enqueueAlertsForItem } from '../../../src/discord/delivery/enqueue-alerts.js';
import { deliverThreaded, type ThreadSender } from '../../../src/discord/delivery/thread-delivery.js';
import { matchingTags, threadName, type ThreadStart } from '../../../src/discord/delivery/thread-start.js';
import { FakeSender } from './fakes.js';
import { openTestStores, queryRows } from '../../support/stores.js';

const GUILD = '1400000000000000001';
const FORUM = '1400000000000000011';
const BODY = { embeds: [{ title: 'Talks resume in Istanbul' }], allowed_mentions: { parse: [] as never[] } };
const NOW = Date.UTC(2025, 7, 20, 9, 0);

/** A snowflake made at `ms` (Discord's epoch), as Discord gives a new thread. */
function snowflakeAt(ms: number, sequence: number): string {
  return ((BigInt(ms) - 1_420_070_400_000n) << 22n | BigInt(sequence)).toString();
}

/** Stands in for Discord's forum: posts kept with their names; every call recorded. */
class FakeForum implements ThreadSender {
  readonly posts: { id: string; name: string; tags: string[] }[] = [];
  readonly calls: string[] = [];
  loseNextAnswer = false;
  private sequence = 0;

  async startThread(_channelId: string, messageId: string): Promise<{ id: string }> {
    this.calls.push('startThread');
    return { id: messageId };
  }
  async createForumPost(_forumId: string, post: { name: string; appliedTags: string[] }): Promise<{ id: string }> {
    this.calls.push('createForumPost');
    const id = snowflakeAt(NOW, (this.sequence += 1));
    this.posts.push({ id, name: post.name, tags: post.appliedTags });
    if (this.loseNextAnswer) {
      this.loseNextAnswer = false;
      throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    }
    return { id };
  }
  async forumTags(): Promise<{ id: string; name: string }[]> {
    return [{ id: 't1', name: 'Peace talks' }, { id: 't2', name: 'istanbul-talks' }, { id: 't3', name: 'Weather' }];
  }
  async ownForumPosts(): Promise<{ id: string; name: string }[]> {
    this.calls.push('ownForumPosts');
    return this.posts.map(({ id, name }) => ({ id, name }));
  }
}

async function setUp() {
  const outbox = (await openTestStores()).outbox;
  const forum = new FakeForum();
  const deps = { outbox, sender: new FakeSender(), threads: forum, now: () => NOW };
  const enqueue = async (name: string) => {
    const threadStart: ThreadStart = { name, forum: true, topics: ['Istanbul talks', 'istanbul-talks'] };
    return await outbox.enqueue({ guildId: GUILD, channelId: FORUM, kind: 'alert', payload: BODY, threadStart }, NOW);
  };
  return { outbox, forum, deps, enqueue };
}

describe('forum posts, exactly once', () => {
  it('posts with the tags that match a topic, and records the attempt first', async () => {
    const { outbox, forum, deps, enqueue } = await setUp();
    const row = await enqueue('Talks resume in Istanbul');
    expect(await deliverThreaded(row, BODY, deps)).toMatchObject({ ok: true, threadId: forum.posts[0]?.id });
    expect(forum.posts).toMatchObject([{ name: 'Talks resume in Istanbul', tags: ['t2'] }]);
    expect((await outbox.byId(row.id))?.threadAttemptedAt).toBe(NOW);
  });

  it('after a lost answer, finds the post the first attempt made instead of posting again', async () => {
    const { outbox, forum, deps, enqueue } = await setUp();
    const row = await enqueue('Talks resume in Istanbul');
    forum.loseNextAnswer = true;
    await expect(deliverThreaded(row, BODY, deps)).rejects.toThrow('socket hang up');
    const retry = await deliverThreaded((await outbox.byId(row.id))!, BODY, deps);
    expect(retry).toEqual({ ok: true, messageId: forum.posts[0]?.id, threadId: forum.posts[0]?.id });
    expect(forum.posts).toHaveLength(1);
  });

  it('posts on a retry when the first attempt made nothing, and never adopts a post another row owns', async () => {
    const { outbox, forum, deps, enqueue } = await setUp();
    const first = await enqueue('Same headline');
    const sent = await deliverThreaded(first, BODY, deps);
    if (!sent.ok) throw new Error(sent.reason);
    await outbox.markSent(first.id, sent.messageId, NOW, sent.threadId);
    const second = await enqueue('Same headline');
    await outbox.markThreadAttempt(second.id, NOW);
    const retried = await deliverThreaded((await outbox.byId(second.id))!, BODY, deps);
    expect(forum.posts).toHaveLength(2);
    expect(retried).toMatchObject({ ok: true, threadId: forum.posts[1]?.id });
  });
});

describe('thread names and tags', () => {
  it('cuts a headline to 100 characters at a word, on one line', () => {
    const long = `Zelensky and European leaders arrive at the White House\nas Trump signals limits on Crimea and security guarantees for Kyiv`;
    const name = threadName(long);
    expect(name.length).toBeLessThanOrEqual(100);
    expect(name).toMatch(/^Zelensky and European leaders arrive at the White House as Trump .*\w…$/u);
    expect(threadName('   ')).toBe('wirewatch alert');
  });

  it('matches tags to topic names or ids whatever their case, spaces or hyphens, at most five', () => {
    const tags = ['Peace Talks', 'peace_talks', 'CRIMEA', 'security-guarantees', 'x', 'Crimea ', 'a', 'b'].map((name, index) => ({ id: String(index), name }));
    expect(matchingTags(tags, ['peace-talks', 'Crimea', 'Security guarantees'])).toEqual(['0', '1', '2', '3', '5']);
  });
});

describe('forum subscriptions and flood control', () => {
  it('holds what flood control holds back without a notice, since a forum takes no plain message', async () => {
    const stores = await openTestStores();
    const subscriptions = stores.subscriptions;
    await subscriptions.add({ guildId: GUILD, channelId: FORUM, kind: 'topic', target: 'istanbul-talks', mode: 'alerts', digestTime: '08:00', timezone: 'UTC', quietNote: false, createdBy: '1', postAs: 'forum-post' }, NOW);
    const deps = { stores, recordDecisions: false, now: () => NOW, planning: { maxAlertsPerHour: 1, editWindowMs: 86_400_000, maxItemAgeMs: 172_800_000 } };
    const story = (id: number, title: string) => ({
      item: { id, title, link: `https://news.example/${id}`, outlet: 'Wire', publishedAt: null, fetchedAt: NOW, summary: title },
      story: { id: `story:${id}`, isNew: true, outlets: ['Wire'], itemCount: 1 },
      topics: [{ topicId: 'istanbul-talks', topicName: 'Istanbul talks', explainSummary: 'in the title' }],
      quotesByPerson: [],
      audience: null,
    });
    expect(await enqueueAlertsForItem(deps, story(1, 'Talks resume in Istanbul'))).toMatchObject({ posted: 1 });
    expect(await enqueueAlertsForItem(deps, story(2, 'Delegations arrive in Istanbul'))).toMatchObject({ held: 1 });
    const rows = await queryRows(stores, `SELECT kind, status, CASE WHEN thread_start_json IS NULL THEN 0 ELSE 1 END AS startsThread FROM outbox ORDER BY id`);
    expect(rows).toEqual([{ kind: 'alert', status: 'pending', startsThread: 1 }, { kind: 'alert', status: 'held', startsThread: 0 }]);
  });
});

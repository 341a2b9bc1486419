import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseError, migrate, openDatabase } from '../../src/store/database.js';
import { type IncomingItem } from '../../src/store/items.js';
import { migrations } from '../../src/store/migrations/index.js';
import { OPERATOR } from '../../src/store/visibility.js';
import { openSqliteStores } from '../../src/store/sqlite-backend.js';
import { openTestStores } from '../support/stores.js';

const feed = { url: 'https://example.org/feed.xml', outlet: 'Example', fullText: false, intervalSeconds: 300, origin: 'config' as const };

function item(identity: string, title = identity): IncomingItem {
  return { identity, guid: identity, link: null, title, author: null, summary: '', content: '', published: null };
}

describe('migrations', () => {
  it('are numbered 1, 2, 3… in order, each once', () => {
    const versions = migrations.map((migration) => migration.version);
    expect(versions).toEqual(versions.map((_, index) => index + 1));
  });

  it('refuse a database newer than this code', () => {
    const db = openDatabase(':memory:');
    db.pragma('user_version = 999');
    expect(() => migrate(db, migrations)).toThrow(DatabaseError);
  });
});

describe('FeedStore', () => {
  it('registers a feed once per source URL and keeps its state across re-registration', async () => {
    const feeds = (await openTestStores()).feeds;
    const first = await feeds.register(feed, 1);
    await feeds.recordSuccess(first.id, { polledAt: 2, nextPollAt: 100, etag: '"v1"', lastModified: null });
    const again = await feeds.register({ ...feed, outlet: 'Renamed' }, 3);
    expect(again).toMatchObject({ id: first.id, outlet: 'Renamed', etag: '"v1"', nextPollAt: 100 });
    expect(await feeds.all()).toHaveLength(1);
  });

  it('leases due feeds soonest first, skips disabled and leased ones, and releases a lease with the outcome', async () => {
    const feeds = (await openTestStores()).feeds;
    const a = await feeds.register(feed, 0);
    const b = await feeds.register({ ...feed, url: 'https://example.org/b' }, 0);
    const c = await feeds.register({ ...feed, url: 'https://example.org/c' }, 0);
    await feeds.recordSuccess(a.id, { polledAt: 0, nextPollAt: 50, etag: null, lastModified: null });
    await feeds.recordSuccess(b.id, { polledAt: 0, nextPollAt: 20, etag: null, lastModified: null });
    await feeds.recordFailure(c.id, { polledAt: 0, nextPollAt: 10, code: 'http-status', message: 'HTTP 500', disable: true });
    const claim = { owner: 'one', now: 30, leaseMs: 1_000, limit: 10, maxPerHost: 10 };
    expect(await feeds.nextDueAt(30)).toBe(20);
    expect((await feeds.claim(claim)).map((due) => due.id)).toEqual([b.id]);
    expect(await feeds.nextDueAt(30)).toBe(50);
    expect((await feeds.claim({ ...claim, owner: 'two', now: 60 })).map((due) => due.id)).toEqual([a.id]);
    expect(await feeds.leasesHeld('one', 60)).toBe(1);
    expect(await feeds.nextDueAt(60)).toBeNull();
    await feeds.recordSuccess(b.id, { polledAt: 60, nextPollAt: 70, etag: null, lastModified: null, leaseOwner: 'two' });
    expect(await feeds.leasesHeld('one', 60)).toBe(1);
    await feeds.recordSuccess(b.id, { polledAt: 60, nextPollAt: 70, etag: null, lastModified: null, leaseOwner: 'one' });
    expect(await feeds.leasesHeld('one', 60)).toBe(0);
    expect(await feeds.nextDueAt(60)).toBe(70);
  });

  it('counts consecutive failures, resets them on success, and records the reason when disabling', async () => {
    const feeds = (await openTestStores()).feeds;
    const { id } = await feeds.register(feed, 0);
    await feeds.recordFailure(id, { polledAt: 1, nextPollAt: 2, code: 'timeout', message: 'timed out', disable: false });
    await feeds.recordFailure(id, { polledAt: 3, nextPollAt: 4, code: 'timeout', message: 'timed out again', disable: false });
    expect(await feeds.byId(id)).toMatchObject({ consecutiveFailures: 2, lastErrorCode: 'timeout', lastError: 'timed out again', disabledAt: null });
    await feeds.recordSuccess(id, { polledAt: 5, nextPollAt: 6, etag: null, lastModified: null });
    expect(await feeds.byId(id)).toMatchObject({ consecutiveFailures: 0, lastSuccessAt: 5, lastError: 'timed out again' });
    await feeds.recordFailure(id, { polledAt: 7, nextPollAt: 8, code: 'http-status', message: 'HTTP 410', disable: true });
    expect(await feeds.byId(id)).toMatchObject({ disabledAt: 7, disabledReason: 'HTTP 410' });
    await feeds.enable(id, 9);
    expect(await feeds.byId(id)).toMatchObject({ disabledAt: null, consecutiveFailures: 0, nextPollAt: 9 });
  });

  it('tells when any feed was last polled, successfully or not, and null before the first poll', async () => {
    const feeds = (await openTestStores()).feeds;
    const first = await feeds.register(feed, 0);
    const second = await feeds.register({ ...feed, url: 'https://example.org/other.xml' }, 0);
    expect(await feeds.lastPollAt()).toBeNull();
    await feeds.recordSuccess(first.id, { polledAt: 50, nextPollAt: 60, etag: null, lastModified: null });
    await feeds.recordFailure(second.id, { polledAt: 70, nextPollAt: 80, code: 'timeout', message: 'timed out', disable: false });
    expect(await feeds.lastPollAt()).toBe(70);
  });

  it('follows a permanent redirect but keeps the source URL as the key', async () => {
    const feeds = (await openTestStores()).feeds;
    const { id } = await feeds.register(feed, 0);
    await feeds.moveTo(id, 'https://example.org/new.xml', 1);
    expect(await feeds.byId(id)).toMatchObject({ url: 'https://example.org/new.xml', sourceUrl: feed.url });
    expect((await feeds.register(feed, 2)).id).toBe(id);
  });

  it('retires config feeds no longer configured and brings them back when listed again', async () => {
    const feeds = (await openTestStores()).feeds;
    const { id } = await feeds.register(feed, 0);
    await feeds.retireConfigFeedsExcept([], 1);
    expect((await feeds.byId(id))?.disabledReason).toBe('removed from feeds.json');
    await feeds.register(feed, 2);
    expect((await feeds.byId(id))?.disabledAt).toBeNull();
  });
});

describe('ItemStore', () => {
  it('stores an item once per feed and identity, and reports only the new ones', async () => {
    const stores = await openTestStores();
    const { id: feedId } = await stores.feeds.register(feed, 0);
    const items = stores.items;
    const firstIds = await items.insertNew(feedId, [item('a'), item('b')], 1, true);
    const secondIds = await items.insertNew(feedId, [item('b'), item('c')], 2, false);
    expect(firstIds).toHaveLength(2);
    expect(secondIds).toHaveLength(1);
    expect(await items.byId(secondIds[0] ?? -1, OPERATOR)).toMatchObject({ identity: 'c', outlet: 'Example', fromInitialPoll: false });
    expect([...await items.knownIdentities(feedId, ['a', 'z'])]).toEqual(['a']);
  });

  it('keeps unprocessed items queued until marked, across a reopen of the database file', async () => {
    // A file on SQLite: what a restart of the bot reopens.
    const path = join(mkdtempSync(join(tmpdir(), 'wirewatch-store-')), 'test.db');
    const opened = openSqliteStores(path);
    const { id: feedId } = await opened.stores.feeds.register(feed, 0);
    const [first, second] = await opened.stores.items.insertNew(feedId, [item('a'), item('b')], 1, false);
    await opened.stores.items.markProcessed(first ?? -1, 2);
    await opened.close();

    const reopened = openSqliteStores(path);
    expect((await reopened.stores.items.unprocessed(10)).map((stored) => stored.id)).toEqual([second]);
    expect(await reopened.stores.items.insertNew(feedId, [item('a'), item('b')], 3, false)).toEqual([]);
    await reopened.close();
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DatabaseError, migrate, openDatabase } from '../../src/store/database.js';
import { FeedStore } from '../../src/store/feeds.js';
import { ItemStore, type IncomingItem } from '../../src/store/items.js';
import { migrations } from '../../src/store/migrations/index.js';
import { OPERATOR } from '../../src/store/visibility.js';

const feed = { url: 'https://example.org/feed.xml', outlet: 'Example', fullText: false, intervalSeconds: 300, origin: 'config' as const };

function item(identity: string, title = identity): IncomingItem {
  return { identity, guid: identity, link: null, title, author: null, summary: '', content: '', published: null };
}

describe('migrations', () => {
  it('are numbered in increasing order (numbers are reserved per branch, so a branch may skip some)', () => {
    const versions = migrations.map((migration) => migration.version);
    expect(versions.every((version, index) => index === 0 ? version === 1 : version > (versions[index - 1] ?? 0))).toBe(true);
  });

  it('refuse a database newer than this code', () => {
    const db = openDatabase(':memory:');
    db.pragma('user_version = 999');
    expect(() => migrate(db, migrations)).toThrow(DatabaseError);
  });
});

describe('FeedStore', () => {
  it('registers a feed once per source URL and keeps its state across re-registration', () => {
    const feeds = new FeedStore(openDatabase(':memory:'));
    const first = feeds.register(feed, 1);
    feeds.recordSuccess(first.id, { polledAt: 2, nextPollAt: 100, etag: '"v1"', lastModified: null });
    const again = feeds.register({ ...feed, outlet: 'Renamed' }, 3);
    expect(again).toMatchObject({ id: first.id, outlet: 'Renamed', etag: '"v1"', nextPollAt: 100 });
    expect(feeds.all()).toHaveLength(1);
  });

  it('lists due feeds soonest first and skips disabled ones', () => {
    const feeds = new FeedStore(openDatabase(':memory:'));
    const a = feeds.register(feed, 0);
    const b = feeds.register({ ...feed, url: 'https://example.org/b' }, 0);
    const c = feeds.register({ ...feed, url: 'https://example.org/c' }, 0);
    feeds.recordSuccess(a.id, { polledAt: 0, nextPollAt: 50, etag: null, lastModified: null });
    feeds.recordSuccess(b.id, { polledAt: 0, nextPollAt: 20, etag: null, lastModified: null });
    feeds.recordFailure(c.id, { polledAt: 0, nextPollAt: 10, code: 'http-status', message: 'HTTP 500', disable: true });
    expect(feeds.due(60, 10).map((due) => due.id)).toEqual([b.id, a.id]);
    expect(feeds.due(30, 10).map((due) => due.id)).toEqual([b.id]);
    expect(feeds.nextDueAt()).toBe(20);
  });

  it('counts consecutive failures, resets them on success, and records the reason when disabling', () => {
    const feeds = new FeedStore(openDatabase(':memory:'));
    const { id } = feeds.register(feed, 0);
    feeds.recordFailure(id, { polledAt: 1, nextPollAt: 2, code: 'timeout', message: 'timed out', disable: false });
    feeds.recordFailure(id, { polledAt: 3, nextPollAt: 4, code: 'timeout', message: 'timed out again', disable: false });
    expect(feeds.byId(id)).toMatchObject({ consecutiveFailures: 2, lastErrorCode: 'timeout', lastError: 'timed out again', disabledAt: null });
    feeds.recordSuccess(id, { polledAt: 5, nextPollAt: 6, etag: null, lastModified: null });
    expect(feeds.byId(id)).toMatchObject({ consecutiveFailures: 0, lastSuccessAt: 5, lastError: 'timed out again' });
    feeds.recordFailure(id, { polledAt: 7, nextPollAt: 8, code: 'http-status', message: 'HTTP 410', disable: true });
    expect(feeds.byId(id)).toMatchObject({ disabledAt: 7, disabledReason: 'HTTP 410' });
    feeds.enable(id, 9);
    expect(feeds.byId(id)).toMatchObject({ disabledAt: null, consecutiveFailures: 0, nextPollAt: 9 });
  });

  it('follows a permanent redirect but keeps the source URL as the key', () => {
    const feeds = new FeedStore(openDatabase(':memory:'));
    const { id } = feeds.register(feed, 0);
    feeds.moveTo(id, 'https://example.org/new.xml', 1);
    expect(feeds.byId(id)).toMatchObject({ url: 'https://example.org/new.xml', sourceUrl: feed.url });
    expect(feeds.register(feed, 2).id).toBe(id);
  });

  it('retires config feeds no longer configured and brings them back when listed again', () => {
    const feeds = new FeedStore(openDatabase(':memory:'));
    const { id } = feeds.register(feed, 0);
    feeds.retireConfigFeedsExcept([], 1);
    expect(feeds.byId(id)?.disabledReason).toBe('removed from feeds.json');
    feeds.register(feed, 2);
    expect(feeds.byId(id)?.disabledAt).toBeNull();
  });
});

describe('ItemStore', () => {
  it('stores an item once per feed and identity, and reports only the new ones', () => {
    const db = openDatabase(':memory:');
    const { id: feedId } = new FeedStore(db).register(feed, 0);
    const items = new ItemStore(db);
    const firstIds = items.insertNew(feedId, [item('a'), item('b')], 1, true);
    const secondIds = items.insertNew(feedId, [item('b'), item('c')], 2, false);
    expect(firstIds).toHaveLength(2);
    expect(secondIds).toHaveLength(1);
    expect(items.byId(secondIds[0] ?? -1, OPERATOR)).toMatchObject({ identity: 'c', outlet: 'Example', fromInitialPoll: false });
    expect([...items.knownIdentities(feedId, ['a', 'z'])]).toEqual(['a']);
  });

  it('keeps unprocessed items queued until marked, across a reopen of the database file', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'wirewatch-store-')), 'test.db');
    const db = openDatabase(path);
    const { id: feedId } = new FeedStore(db).register(feed, 0);
    const [first, second] = new ItemStore(db).insertNew(feedId, [item('a'), item('b')], 1, false);
    new ItemStore(db).markProcessed(first ?? -1, 2);
    db.close();

    const reopened = new ItemStore(openDatabase(path));
    expect(reopened.unprocessed(10).map((stored) => stored.id)).toEqual([second]);
    expect(reopened.insertNew(feedId, [item('a'), item('b')], 3, false)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { DIGEST_HISTORY_KEPT_MS } from '../../src/store/digest-history.js';
import { openTestStores, queryValue } from '../support/stores.js';

const DAY = 86_400_000;

describe('digest history', () => {
  it('tells which stories a channel’s digests showed since a time', async () => {
    const stores = await openTestStores();
    await stores.digestHistory.record('channel-a', ['story-1', 'story-2'], 10 * DAY);
    await stores.digestHistory.record('channel-a', ['story-2', 'story-3'], 11 * DAY);
    await stores.digestHistory.record('channel-b', ['story-9'], 11 * DAY);
    expect(await stores.digestHistory.shownSince('channel-a', 10 * DAY)).toEqual(new Set(['story-1', 'story-2', 'story-3']));
    expect(await stores.digestHistory.shownSince('channel-a', 11 * DAY)).toEqual(new Set(['story-2', 'story-3']));
  });

  it('forgets what a channel’s digests showed longer ago than it is kept, as each digest is recorded', async () => {
    const stores = await openTestStores();
    const start = 100 * DAY;
    await stores.digestHistory.record('channel-a', ['old-story'], start);
    await stores.digestHistory.record('channel-b', ['other-channel'], start);
    for (let day = 1; day <= 30; day += 1) await stores.digestHistory.record('channel-a', [`story-${day}`], start + day * DAY);
    const kept = await queryValue<number>(stores, `SELECT COUNT(*) FROM digest_stories WHERE channel_id = ?`, 'channel-a');
    expect(kept).toBe(DIGEST_HISTORY_KEPT_MS / DAY + 1);
    expect(await stores.digestHistory.shownSince('channel-a', 0)).not.toContain('old-story');
    // Another channel's history is its own digests' business.
    expect(await stores.digestHistory.shownSince('channel-b', 0)).toEqual(new Set(['other-channel']));
  });
});

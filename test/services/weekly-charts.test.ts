import { describe, expect, it } from 'vitest';
import { loadPerspectives } from '../../src/config/perspectives.js';
import { isChartDay, weeklyDigestCharts } from '../../src/services/weekly-charts.js';
import type { Subscription } from '../../src/store/subscriptions.js';
import type { StoryStore } from '../../src/store/stories.js';
import { openTestStores } from '../support/stores.js';

const MONDAY_NOON = Date.UTC(2025, 7, 18, 12);
const HOUR = 3_600_000;

function subscription(overrides: Partial<Subscription> = {}): Subscription {
  return {
    id: 1, guildId: '140000000000000001', channelId: '140000000000000011', kind: 'topic', target: 'crimea', mode: 'digest', digestTime: '08:00',
    timezone: 'UTC', quietNote: false, chart: true, blindspots: false, createdBy: '1', pausedAt: null, pausedReason: null, lastDigestAt: null, createdAt: 0,
    pingRoleId: null, style: 'full', quietHours: null, minOutlets: 1, postAs: 'message', ...overrides,
  };
}

describe('the weekly digest chart', () => {
  it('goes with Monday’s digest, Monday in the subscription’s own time zone', () => {
    expect(isChartDay(MONDAY_NOON, 'UTC')).toBe(true);
    expect(isChartDay(MONDAY_NOON - 13 * HOUR, 'UTC')).toBe(false);
    expect(isChartDay(MONDAY_NOON - 13 * HOUR, 'Europe/Kyiv')).toBe(true);
    expect(isChartDay(MONDAY_NOON + 10 * HOUR, 'America/Los_Angeles')).toBe(true);
    expect(isChartDay(MONDAY_NOON + 13 * HOUR, 'Asia/Tokyo')).toBe(false);
  });

  it('is drawn only for topic subscriptions with chart on whose digest is due on a Monday', async () => {
    const stores = await openTestStores();
    const asked: string[] = [];
    const stories = stores.stories;
    const deps = {
      stories: { byId: stories.byId.bind(stories), itemIds: stories.itemIds.bind(stories), perspectivesByDay: async (query: Parameters<StoryStore['perspectivesByDay']>[0], viewer: Parameters<StoryStore['perspectivesByDay']>[1]) => {
        asked.push(query.topicIds?.join(',') ?? '');
        return await stories.perspectivesByDay(query, viewer);
      } },
      items: stores.items,
      perspectives: loadPerspectives(new URL('../../config', import.meta.url).pathname),
      topicName: (id: string) => id,
    };
    const due = [
      subscription({ id: 1, target: 'crimea' }),
      subscription({ id: 2, target: 'no-chart', chart: false }),
      subscription({ id: 3, target: 'alerts-only', mode: 'alerts' }),
      subscription({ id: 4, target: 'tuesday-in-tokyo', timezone: 'Asia/Tokyo', channelId: '140000000000000012' }),
    ];
    // Monday 16:00 UTC: already Tuesday in Tokyo.
    const charts = await weeklyDigestCharts({ ...deps, subscriptions: { dueForDigest: async () => due } }, MONDAY_NOON + 4 * HOUR);
    expect(asked).toEqual(['crimea']);
    // No story about Crimea that week: no chart, and no message for the channel.
    expect(charts.size).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { timelineChartData, timelineChartSpec, TIMELINE_CHART_SIZE } from '../../src/charts/timeline-spec.js';
import { loadPerspectives } from '../../src/config/perspectives.js';
import { readTimeline, timelineChart, weeklyStoryCounts, type TimelineDependencies } from '../../src/services/timeline.js';
import { guildViewer } from '../../src/store/visibility.js';
import { readPngSize } from '../support/png.js';
import { openTestStores, queryRows } from '../support/stores.js';
import type { Stores } from '../../src/store/index.js';

const GUILD_A = '140000000000000001';
const GUILD_B = '140000000000000002';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOV_10 = Date.UTC(2026, 10, 10, 9);
const NOW = NOV_10 + 2 * DAY + 5 * HOUR;
const PERSPECTIVES = loadPerspectives(new URL('../../config', import.meta.url).pathname);

/**
 * Public Kyiv (Ukrainian), TASS (Russian state) and Reuters (Western) feeds, and a feed only guild A added.
 * 10 Nov: s1 (Kyiv, TASS), s2 (Reuters). 11 Nov: s1 (Kyiv), s3 (TASS), s4 (Kyiv ×2), s5 (Reuters).
 * 12 Nov: s6 (Reuters) and five stories of A's private feed. Every report matched the topic "peace-talks".
 */
async function world() {
  const stores = await openTestStores();
  const feeds = stores.feeds;
  const items = stores.items;
  const stories = stores.stories;
  const topics = stores.itemTopics;
  const register = (url: string, outlet: string, perspective: string) =>
    feeds.register({ url, outlet, fullText: false, intervalSeconds: 600, origin: 'config', country: null, perspective }, 0);
  const kyiv = await register('https://kyiv.example/rss', 'Kyiv Daily', 'ukrainian');
  const tass = await register('https://tass.example/rss', 'TASS', 'russian-state');
  const reuters = await register('https://wire.example/rss', 'Wire', 'western');
  const insider = await feeds.addForGuild(GUILD_A, { url: 'https://insider.example/rss', outlet: 'Tip line', fullText: false, intervalSeconds: 600, country: 'UA', perspective: 'ukrainian' }, 0);
  let identity = 0;
  const report = async (feedId: number, storyId: string, publishedAt: number, title = `Headline of ${storyId}`) => {
    identity += 1;
    const [id = 0] = await items.insertNew(feedId, [{ identity: String(identity), guid: null, link: `https://news.example/${identity}`, title, author: null, summary: '', content: '', published: null }], publishedAt, false);
    await stories.addMember({ itemId: id, storyId, similarity: 1, publishedAt }, title);
    await topics.save(id, [{ topicId: 'peace-talks', score: 5, explain: {} }]);
  };
  await report(kyiv.id, 's1', NOV_10);
  await report(tass.id, 's1', NOV_10 + HOUR);
  await report(reuters.id, 's2', NOV_10 + 2 * HOUR);
  await report(kyiv.id, 's1', NOV_10 + DAY);
  await report(tass.id, 's3', NOV_10 + DAY);
  await report(kyiv.id, 's4', NOV_10 + DAY, 'Envoys meet in Geneva');
  await report(kyiv.id, 's4', NOV_10 + DAY + HOUR, 'Envoys meet in Geneva');
  await report(reuters.id, 's5', NOV_10 + DAY + 2 * HOUR);
  await report(reuters.id, 's6', NOV_10 + 2 * DAY);
  for (const story of ['p1', 'p2', 'p3', 'p4', 'p5']) await report(insider.id, story, NOV_10 + 2 * DAY + HOUR, `Private tip ${story}`);
  const deps: TimelineDependencies = { stories, items, perspectives: PERSPECTIVES };
  return { stores, deps };
}

/** Distinct stories per UTC day with a report the guild may see, counted straight from the tables. */
async function storiesPerDayInDatabase(stores: Stores, guildId: string): Promise<Record<string, number>> {
  // The rows straight from the tables (SQL both backends read alike); days and distinct stories counted here.
  const rows = await queryRows<{ storyId: string; publishedAt: number }>(
    stores,
    `SELECT story_items.story_id AS storyId, story_items.published_at AS publishedAt
       FROM story_items JOIN items ON items.id = story_items.item_id JOIN feeds ON feeds.id = items.feed_id
       WHERE feeds.origin = 'config' OR feeds.id IN (SELECT feed_id FROM feed_guilds WHERE guild_id = ?)`,
    guildId,
  );
  const storiesByDay = new Map<string, Set<string>>();
  for (const row of rows) {
    const day = new Date(Number(row.publishedAt)).toISOString().slice(0, 10);
    storiesByDay.set(day, (storiesByDay.get(day) ?? new Set()).add(row.storyId));
  }
  return Object.fromEntries([...storiesByDay].map(([day, stories]) => [day, stories.size]));
}

function stackedPerDay(values: readonly { day: string; stories: number }[]): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const value of values) totals[value.day] = Math.round(((totals[value.day] ?? 0) + value.stories) * 1e9) / 1e9;
  return totals;
}

const request = (guildId: string) => ({ topicId: 'peace-talks', topicName: 'Peace talks', days: 3, now: NOW, viewer: guildViewer(guildId) });

describe('a topic’s timeline chart from the database', () => {
  it('stacks exactly the stories the database counts for the guild, day by day', async () => {
    const { stores, deps } = await world();
    for (const guildId of [GUILD_A, GUILD_B]) {
      const { timeline } = await readTimeline(deps, request(guildId));
      const spec = timelineChartSpec(timeline) as { data: { values: { day: string; stories: number }[] } };
      expect(stackedPerDay(spec.data.values)).toEqual(await storiesPerDayInDatabase(stores, guildId));
    }
  });

  it('splits a story two sides reported between them', async () => {
    const { deps } = await world();
    const { timeline } = await readTimeline(deps, request(GUILD_B));
    expect(timelineChartData(timeline).filter((datum) => datum.day === '2026-11-10')).toEqual([
      { day: '2026-11-10', side: 'Ukrainian media', order: 0, stories: 0.5 },
      { day: '2026-11-10', side: 'Russian state media', order: 1, stories: 0.5 },
      { day: '2026-11-10', side: 'Western media', order: 2, stories: 1 },
    ]);
  });

  it('draws a PNG of the chart’s size, names the biggest day in the alt text and lists its top headlines', async () => {
    const { deps } = await world();
    const chart = await timelineChart(deps, await readTimeline(deps, request(GUILD_B)), guildViewer(GUILD_B));
    expect(readPngSize(chart.png)).toEqual(TIMELINE_CHART_SIZE);
    expect(chart.altText).toContain('The biggest day was 11 Nov 2026 with 4 stories');
    expect(chart.biggestDays.map((day) => [day.day, day.stories])).toEqual([['2026-11-11', 4], ['2026-11-10', 2], ['2026-11-12', 1]]);
    expect(chart.biggestDays[0]?.headlines[0]).toEqual({ title: 'Envoys meet in Geneva', link: expect.stringMatching(/^https:\/\/news\.example\//) });
  });

  it('never shows a guild another guild’s private outlets', async () => {
    const { deps } = await world();
    const own = await timelineChart(deps, await readTimeline(deps, request(GUILD_A)), guildViewer(GUILD_A));
    expect(own.timeline.days.map((day) => day.stories)).toEqual([2, 4, 6]);
    expect(own.altText).toContain('The biggest day was 12 Nov 2026 with 6 stories');
    expect(own.biggestDays[0]?.headlines.map((headline) => headline.title)).toEqual(['Private tip p1', 'Private tip p2']);

    const other = await timelineChart(deps, await readTimeline(deps, request(GUILD_B)), guildViewer(GUILD_B));
    expect(other.timeline.days.map((day) => day.stories)).toEqual([2, 4, 1]);
    expect(other.altText).not.toContain('12 Nov 2026 with 6');
    expect(other.biggestDays.flatMap((day) => day.headlines.map((headline) => headline.title)).join(' ')).not.toContain('Private tip');
    const weeks = await weeklyStoryCounts(deps, ['peace-talks'], NOW, guildViewer(GUILD_B));
    expect(weeks.get('peace-talks')).toEqual([0, 0, 0, 0, 2, 4, 1]);
  });
});

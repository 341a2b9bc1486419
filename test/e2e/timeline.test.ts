import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOUR, START, channelPosts, isEphemeral, startWorld, weekendStories, type E2eWorld } from './harness.js';

const TOPIC = 'ceasefire-and-peace-deal';
let world: E2eWorld;

beforeEach(async () => {
  world = await startWorld();
});

afterEach(async () => {
  await world.close();
});

describe('charts, end to end', () => {
  it('/timeline replies with the chart attached, its alt text and the biggest days under it', async () => {
    world.serve('capital', weekendStories('capital'));
    world.serve('ledger', weekendStories('ledger'));
    await world.launch();
    const record = await world.discord.sendSlashCommand({ name: 'timeline', userId: world.analyst, channelId: world.alertsChannel, options: { topic: TOPIC, since: '7d' } });

    expect(isEphemeral(record)).toBe(false);
    const message = record.original?.current;
    const [attachment, ...others] = message?.attachments ?? [];
    expect(others).toEqual([]);
    expect(attachment).toMatchObject({ filename: `timeline-${TOPIC}.png`, content_type: 'image/png' });
    expect(attachment?.size).toBeGreaterThan(5_000);
    expect(attachment?.description).toMatch(/^Bar chart of stories per day about .+ The biggest day was \d{1,2} Aug 2025 with \d+ stor/u);
    expect(message?.embeds[0]?.title).toMatch(/the biggest days$/u);
    expect(message?.embeds[0]?.description).toMatch(/\*\*1[78] Aug 2025\*\* · \d+ stor/u);

    // /topics: the same stories as a sparkline, the weekend's two days at its end.
    const topics = await world.discord.sendSlashCommand({ name: 'topics', userId: world.analyst, channelId: world.alertsChannel });
    const line = topics.original?.current.embeds[0]?.description?.split('\n').find((entry) => entry.includes(`\`${TOPIC}\``));
    expect(line).toMatch(/`▁▁▁▁▁[▂-█][▂-█]` \d+ stories in 7 days$/u);
    expect(world.discord.violations).toEqual([]);
  });

  it('/timeline explains privately when the topic has no stories in the window', async () => {
    await world.launch();
    const record = await world.discord.sendSlashCommand({ name: 'timeline', userId: world.analyst, channelId: world.alertsChannel, options: { topic: TOPIC } });
    expect(isEphemeral(record)).toBe(true);
    expect(record.original?.current.content).toMatch(/No stories about .+ in the last 30 days/u);
  });

  it('attaches the week’s chart to Monday’s digest of a subscription with chart:true, after the digest', async () => {
    world.serve('capital', weekendStories('capital'));
    world.serve('ledger', weekendStories('ledger'));
    const app = await world.launch();
    const subscribed = await world.discord.sendSlashCommand({
      name: 'subscribe topic',
      userId: world.moderator,
      channelId: world.digestChannel,
      options: { topic: TOPIC, mode: 'digest', time: '13:00', chart: true },
    });
    expect(subscribed.original?.current.content).toContain('the week’s chart on Mondays');
    world.clock.now = START + HOUR + 60_000;
    await app.discord.runDueDigests();
    await app.discord.delivery.drain();

    const posts = channelPosts(world, world.digestChannel);
    expect(posts.length).toBeGreaterThanOrEqual(2);
    expect(posts.slice(0, -1).every((post) => post.current.attachments.length === 0)).toBe(true);
    const chart = posts[posts.length - 1]?.current;
    expect(chart?.content).toMatch(/^\*\*The week in charts\*\*, 11 Aug – 17 Aug 2025 \(UTC\)/u);
    expect(chart?.attachments.map((attachment) => [attachment.filename, attachment.content_type])).toEqual([[`week-${TOPIC}.png`, 'image/png']]);
    expect(chart?.attachments[0]?.description).toContain('The biggest day was 17 Aug 2025');
    expect(world.discord.violations).toEqual([]);
  });
});

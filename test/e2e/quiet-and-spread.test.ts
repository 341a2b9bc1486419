import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  answerText,
  channelPosts,
  demoItem,
  HOUR,
  isEphemeral,
  launchWithSeededFeeds,
  START,
  startWorld,
  subscribeTopic,
  weekendStories,
  type E2eWorld,
} from './harness.js';

/**
 * Quiet hours and min_outlets, end to end. The clock starts at 12:00 UTC, 21:00 in Tokyo: inside quiet hours of
 * 20:00-07:00 there, which end at 22:00 UTC.
 */
const QUIET = { quiet: '20:00-07:00', timezone: 'Asia/Tokyo' };
const QUIET_ENDS = Date.UTC(2025, 7, 18, 22, 0);

let world: E2eWorld;

beforeEach(async () => {
  world = await startWorld();
});

afterEach(async () => {
  await world.close();
});

/** Two strikes the capital feed reports during the night: two stories, two alerts for a strikes subscription. */
function nightStrikes() {
  const strikes = weekendStories('capital').filter((story) => /Glide bombs|Drone strike/u.test(story.title));
  expect(strikes).toHaveLength(2);
  return strikes;
}

async function why(url: string): Promise<string> {
  const record = await world.discord.sendSlashCommand({ name: 'why', userId: world.analyst, channelId: world.alertsChannel, options: { url } });
  expect(isEphemeral(record)).toBe(true);
  return answerText(record);
}

describe('quiet hours, end to end', () => {
  it('holds alerts in the window and posts one summary of them at its end, once, across a restart', async () => {
    const app = await launchWithSeededFeeds(world);
    await subscribeTopic(world, world.alertsChannel, 'russian-strikes', QUIET);
    const strikes = nightStrikes();
    world.serve('capital', [...strikes, demoItem('03-kharkiv-strikes', 'capital')]);
    await world.pollAndDeliver(app);
    expect(channelPosts(world, world.alertsChannel)).toEqual([]);
    expect(await why(strikes[0]?.link ?? '')).toMatch(/held: quiet hours \(20:00–07:00 Asia\/Tokyo\); it will be listed in one summary when they end · message: held, not posted/u);

    // The bot restarts during the night; it comes back after the window ended.
    await world.stop(app);
    world.clock.now = QUIET_ENDS;
    const again = await world.launch();
    await again.discord.delivery.drain();
    await again.discord.runDueDigests();
    await again.discord.delivery.drain();

    const posts = channelPosts(world, world.alertsChannel);
    expect(posts).toHaveLength(1);
    const [summary] = posts[0]?.current.embeds ?? [];
    expect(summary?.title).toBe('While it was quiet (20:00–07:00 Asia/Tokyo): 2 alerts');
    for (const strike of strikes) expect(summary?.description).toContain(strike.title.replace(/'/gu, '\''));
    expect(await why(strikes[1]?.link ?? '')).toContain('listed in the summary posted when they ended');
    expect(world.discord.violations).toEqual([]);
  });

  it('leaves alerts held in the window to the digest when the subscription has one', async () => {
    const app = await launchWithSeededFeeds(world);
    await subscribeTopic(world, world.alertsChannel, 'russian-strikes', { ...QUIET, mode: 'both', time: '08:00' });
    const [strike] = nightStrikes();
    world.serve('capital', [strike!, demoItem('03-kharkiv-strikes', 'capital')]);
    await world.pollAndDeliver(app);
    expect(await why(strike?.link ?? '')).toContain('held: quiet hours (20:00–07:00 Asia/Tokyo); the story goes in the next digest');

    world.clock.now = QUIET_ENDS;
    await app.discord.runDueDigests();
    await app.discord.delivery.drain();
    expect(channelPosts(world, world.alertsChannel)).toEqual([]);

    world.clock.now = QUIET_ENDS + HOUR; // 08:00 in Tokyo: the digest
    await app.discord.runDueDigests();
    await app.discord.delivery.drain();
    const posts = channelPosts(world, world.alertsChannel);
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts[0]?.current.embeds)).toContain(strike?.title.slice(0, 30));
    expect(world.discord.violations).toEqual([]);
  });

  it('refuses an impossible window with a message only the moderator sees', async () => {
    await launchWithSeededFeeds(world);
    const record = await world.discord.sendSlashCommand({ name: 'subscribe topic', userId: world.moderator, options: { topic: 'crimea', quiet: '25:00-07:00' } });
    expect(isEphemeral(record)).toBe(true);
    expect(answerText(record)).toBe('`quiet`: a time of day runs from 00:00 to 23:59, e.g. "22:00-07:00".');
    expect(world.discord.violations).toEqual([]);
  });
});

describe('min_outlets, end to end', () => {
  it('posts nothing for one outlet and the alert, listing both, when the second outlet reports the story', async () => {
    const app = await launchWithSeededFeeds(world);
    await subscribeTopic(world, world.alertsChannel, 'white-house-talks', { min_outlets: 2 });
    const meeting = demoItem('01-white-house-meeting', 'capital');
    world.serve('capital', [meeting, demoItem('03-kharkiv-strikes', 'capital')]);
    await world.pollAndDeliver(app);
    expect(channelPosts(world, world.alertsChannel)).toEqual([]);
    expect(await why(meeting.link)).toContain('min\\_outlets not reached: 1 of 2 outlets so far when this report arrived');

    world.clock.now = START + HOUR;
    const rewrite = demoItem('02-white-house-rewrite', 'ledger');
    world.serve('ledger', [rewrite, demoItem('03-kharkiv-strikes', 'ledger')]);
    await world.pollAndDeliver(app);
    const posts = channelPosts(world, world.alertsChannel);
    expect(posts).toHaveLength(1);
    const [embed] = posts[0]?.current.embeds ?? [];
    expect(embed).toMatchObject({ title: rewrite.title, author: { name: 'Kyiv Ledger' } });
    expect(embed?.fields).toContainEqual({ name: 'Also reported by', value: 'Capital Wire' });
    expect(await why(rewrite.link)).toMatch(/✅ <#\d+> · Topic: Trump–Zelensky talks at the White House: alerted · message: sent/u);
    expect(world.discord.violations).toEqual([]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NOT_VISIBLE } from '../../src/discord/commands/why.js';
import type { GuildInfo } from '../support/discord/index.js';
import { addSecondServer, answerText, demoItem, HOUR, isEphemeral, launchWithSeededFeeds, START, startWorld, subscribeTopic, type E2eWorld } from './harness.js';

/**
 * `/why`, end to end: an alerted article, a later report that edited the alert, an article below a subscription's
 * threshold, and an article of another server's private feed (the answer says it is not visible, and nothing else).
 */

const SECRET = 'SECRET-91c2';
const A_OUTLET = 'A Insider';

let world: E2eWorld;
let b: { guild: GuildInfo; moderator: string; alerts: string };

beforeEach(async () => {
  world = await startWorld();
  b = addSecondServer(world);
});

afterEach(async () => {
  await world.close();
});

async function whyInA(options: Record<string, string>): Promise<string> {
  const record = await world.discord.sendSlashCommand({ name: 'why', userId: world.analyst, channelId: world.alertsChannel, options });
  expect(isEphemeral(record)).toBe(true);
  return answerText(record);
}

async function whyInB(url: string): Promise<string> {
  const record = await world.discord.sendSlashCommand({ name: 'why', guildId: b.guild.id, channelId: b.alerts, userId: b.moderator, options: { url } });
  expect(isEphemeral(record)).toBe(true);
  return answerText(record);
}

describe('/why, end to end', () => {
  it('explains an alerted article, a later report that edited it, and a subscription the article stayed below', async () => {
    const app = await launchWithSeededFeeds(world);
    await subscribeTopic(world, world.alertsChannel, 'white-house-talks');
    await subscribeTopic(world, world.alertsChannel, 'ceasefire-and-peace-deal');
    const meeting = demoItem('01-white-house-meeting', 'capital');
    world.serve('capital', [meeting, demoItem('03-kharkiv-strikes', 'capital')]);
    await world.pollAndDeliver(app);

    const alerted = await whyInA({ url: meeting.link });
    expect(alerted).toContain(`Why: ${meeting.title}`);
    expect(alerted).toMatch(/✅ <#\d+> · Topic: Trump–Zelensky talks at the White House: alerted · message: sent/u);
    expect(alerted).toMatch(/\*\*Trump–Zelensky talks at the White House\*\*: score 7 of 4 needed: “Zelensky” \(title\)/u);
    expect(alerted).toMatch(/➖ <#\d+> · Topic: [^:]+: below threshold: score 1 of 3 needed: “/u);

    // A tracking parameter on the link the member pastes changes nothing.
    expect(await whyInA({ url: `${meeting.link}?utm_source=share` })).toContain(`Why: ${meeting.title}`);

    world.clock.now = START + HOUR;
    const rewrite = demoItem('02-white-house-rewrite', 'ledger');
    world.serve('ledger', [rewrite, demoItem('03-kharkiv-strikes', 'ledger')]);
    await world.pollAndDeliver(app);
    expect(await whyInA({ url: rewrite.link })).toContain('the alert was edited to add this outlet, and a follow-up post: the report adds news to a story already alerted here · message: sent');
    const storyId = await app.stores.stories.storyOfItem((await app.items.byLink([rewrite.link], { guildId: world.guild.id }))?.id ?? -1) ?? '';
    expect(await whyInA({ story: storyId })).toMatch(/its first report.*\n[\s\S]*✅ <#\d+> · Topic: Trump–Zelensky talks at the White House: alerted · message: sent/u);
    expect(world.discord.violations).toEqual([]);
  });

  it('says only “not visible here” about another server’s private feed, exactly as about an unknown link', async () => {
    const app = await launchWithSeededFeeds(world);
    await subscribeTopic(world, world.alertsChannel, 'nato-membership');
    const record = await world.discord.sendSlashCommand({ name: 'subscribe topic', guildId: b.guild.id, channelId: b.alerts, userId: b.moderator, options: { topic: 'nato-membership' } });
    expect(answerText(record)).toContain('Subscribed');
    const privatePath = `/insider/feed.xml?token=${SECRET}`;
    const seed = demoItem('03-kharkiv-strikes', 'capital', { guid: 'insider-kharkiv', link: `https://insider.example/kharkiv?token=${SECRET}` });
    const url = world.serveFeed(privatePath, 'Insider Wire', [seed]);
    await world.discord.sendSlashCommand({ name: 'feeds add', userId: world.moderator, options: { url, outlet: A_OUTLET } });
    await world.pollAndDeliver(app);
    const scoop = demoItem('01-white-house-meeting', 'capital', { guid: 'insider-meeting', link: `https://insider.example/nato?token=${SECRET}` });
    world.serveFeed(privatePath, 'Insider Wire', [scoop, seed]);
    await world.pollAndDeliver(app);

    expect(await whyInA({ url: scoop.link })).toMatch(/✅ <#\d+> · Topic: Ukraine and NATO membership: alerted · message: sent/u);
    const inB = await whyInB(scoop.link);
    expect(inB).toBe(NOT_VISIBLE);
    expect(await whyInB('https://insider.example/never-published')).toBe(inB);
    expect(world.discord.violations).toEqual([]);
  });
});

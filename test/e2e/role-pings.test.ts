import { once } from 'node:events';
import { Events } from 'discord.js';
import { MessageFlags } from 'discord-api-types/v10';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { answerText, channelPosts, demoItem, isEphemeral, startWorld, subscribeTopic, type ConnectedApp, type E2eWorld } from './harness.js';

let world: E2eWorld;

beforeEach(async () => {
  world = await startWorld();
});

afterEach(async () => {
  await world.close();
});

/** Both feeds carry the morning's Kharkiv report at the first poll (seeded, never alerted). */
async function launch(): Promise<ConnectedApp> {
  world.serve('capital', [demoItem('03-kharkiv-strikes', 'capital')]);
  world.serve('ledger', [demoItem('03-kharkiv-strikes', 'ledger')]);
  return world.launch();
}

/** A role created while the bot runs, once the bot's client has it in its cache. */
async function createRole(app: ConnectedApp, name: string, mentionable: boolean): Promise<string> {
  const created = once(app.discord.bot.client, Events.GuildRoleCreate);
  const id = world.discord.createRole(world.guild.id, { name, mentionable });
  await created;
  return id;
}

/** The White House meeting from Capital Wire, then Kyiv Ledger's rewrite of the same story (which also quotes Merz). */
async function meetingThenRewrite(app: ConnectedApp): Promise<void> {
  world.serve('capital', [demoItem('01-white-house-meeting', 'capital'), demoItem('03-kharkiv-strikes', 'capital')]);
  await world.pollAndDeliver(app);
  world.serve('ledger', [demoItem('02-white-house-rewrite', 'ledger'), demoItem('03-kharkiv-strikes', 'ledger')]);
  await world.pollAndDeliver(app);
}

describe('role pings, end to end', () => {
  it('pings only the subscription’s role, only on the first post: the second outlet’s edit and the follow-up do not', async () => {
    const app = await launch();
    const watchers = await createRole(app, 'talks-watchers', true);
    const bystanders = await createRole(app, 'bystanders', true);
    await subscribeTopic(world, world.alertsChannel, 'white-house-talks', { ping: watchers });
    // Another channel follows the same topic without a ping.
    await subscribeTopic(world, world.digestChannel, 'white-house-talks');

    await meetingThenRewrite(app);

    const [alert, followUp, ...rest] = channelPosts(world, world.alertsChannel);
    expect(rest).toEqual([]);
    expect(alert?.current.content).toBe(`<@&${watchers}>`);
    expect(alert?.pingedRoleIds).toEqual([watchers]);
    expect(alert?.pingedRoleIds).not.toContain(bystanders);
    // The edit for the second outlet changed the embed only and notified nobody again.
    expect(alert?.history).toHaveLength(1);
    expect(alert?.current.embeds[0]?.fields?.some((field) => field.name === 'Also reported by')).toBe(true);
    expect(followUp?.current.embeds[0]?.description).toContain('Friedrich Merz');
    expect(followUp?.pingedRoleIds).toEqual([]);
    expect(followUp?.current.content).toBe('');
    expect(channelPosts(world, world.digestChannel).map((post) => post.pingedRoleIds)).toEqual([[], []]);
    expect(world.discord.violations).toEqual([]);
  });

  it('tells the moderator privately when the role cannot be pinged, and subscribes all the same', async () => {
    const app = await launch();
    const muted = await createRole(app, 'muted-role', false);
    const record = await world.discord.sendSlashCommand({
      name: 'subscribe topic',
      userId: world.moderator,
      channelId: world.alertsChannel,
      options: { topic: 'white-house-talks', ping: muted },
    });
    expect(isEphemeral(record)).toBe(true);
    expect(answerText(record)).toContain('New alerts ping **@muted-role**');
    expect(answerText(record)).toContain('wirewatch cannot ping **@muted-role** yet');
    expect(await app.stores.subscriptions.listForChannel(world.alertsChannel)).toMatchObject([{ pingRoleId: muted, style: 'full' }]);

    world.serve('capital', [demoItem('01-white-house-meeting', 'capital'), demoItem('03-kharkiv-strikes', 'capital')]);
    await world.pollAndDeliver(app);
    const [alert] = channelPosts(world, world.alertsChannel);
    expect(alert?.current.content).toBe(`<@&${muted}>`);
    expect(alert?.pingedRoleIds).toEqual([]);
    expect(world.discord.violations).toEqual([]);
  });

  it('refuses @everyone as the role, privately, and subscribes nothing', async () => {
    const app = await launch();
    const record = await world.discord.sendSlashCommand({
      name: 'subscribe topic',
      userId: world.moderator,
      channelId: world.alertsChannel,
      options: { topic: 'white-house-talks', ping: world.guild.id },
    });
    expect(isEphemeral(record)).toBe(true);
    expect(answerText(record)).toContain('wirewatch never pings the whole server');
    expect(await app.stores.subscriptions.listForChannel(world.alertsChannel)).toEqual([]);
    expect(world.discord.violations).toEqual([]);
  });
});

describe('compact alerts, end to end', () => {
  it('posts one line with headline, outlet, link and topic, links not unfurled, and leaves it as it is for a later outlet', async () => {
    const app = await launch();
    const watchers = await createRole(app, 'talks-watchers', true);
    await subscribeTopic(world, world.alertsChannel, 'white-house-talks', { style: 'compact', ping: watchers });

    await meetingThenRewrite(app);

    const meeting = demoItem('01-white-house-meeting', 'capital');
    const [alert] = channelPosts(world, world.alertsChannel);
    expect(alert?.current.embeds).toEqual([]);
    expect(alert?.current.content).toBe(`<@&${watchers}> **[${meeting.title}](${meeting.link})** · Capital Wire · Trump–Zelensky talks at the White House`);
    expect((alert?.current.flags ?? 0) & MessageFlags.SuppressEmbeds).toBe(MessageFlags.SuppressEmbeds);
    expect(alert?.pingedRoleIds).toEqual([watchers]);
    expect(alert?.history).toEqual([]);
    const subscriptions = await world.discord.sendSlashCommand({ name: 'subscriptions', userId: world.moderator, channelId: world.alertsChannel });
    expect(answerText(subscriptions)).toContain(`compact alerts · pings <@&${watchers}>`);
    expect(world.discord.violations).toEqual([]);
  });
});

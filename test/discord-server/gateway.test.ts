import { once } from 'node:events';
import { ChannelType, Routes } from 'discord-api-types/v10';
import type { RESTGetAPIGatewayBotResult } from 'discord-api-types/v10';
import { Client, Events } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { connectTestClient, testClientOptions } from '../support/discord/test-client.js';
import { startDiscordServer } from '../support/discord/index.js';
import type { LocalDiscord } from '../support/discord/index.js';

let server: LocalDiscord | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  await server?.close();
  client = undefined;
  server = undefined;
});

describe('gateway', () => {
  it('brings a real discord.js client to ready with every guild and channel cached', async () => {
    server = await startDiscordServer({
      guilds: [
        { name: 'Peace Talks Watch', channels: [{ name: 'news-alerts' }, { name: 'announcements', kind: 'announcement' }] },
        { name: 'Kyiv Newsroom', channels: [{ name: 'desk' }] },
      ],
    });
    const ready = await connectTestClient(server);
    client = ready;

    expect(ready.user.id).toBe(server.botUserId);
    expect(ready.application.id).toBe(server.applicationId);
    expect(ready.guilds.cache.map((guild) => guild.name).sort()).toEqual(['Kyiv Newsroom', 'Peace Talks Watch']);
    const watch = ready.guilds.cache.get(server.guild('Peace Talks Watch').id);
    expect(watch?.channels.cache.map((channel) => [channel.name, channel.type])).toEqual([
      ['news-alerts', ChannelType.GuildText],
      ['announcements', ChannelType.GuildAnnouncement],
    ]);
    expect(watch?.members.me?.permissions.has('EmbedLinks')).toBe(true);
    expect(watch?.members.me?.permissions.has('Administrator')).toBe(false);
    expect(server.gatewayStats).toEqual({ identifies: 1, resumes: 0, replayed: 0, connected: 1 });
    expect(server.violations).toEqual([]);
  });

  it('serves GET /gateway/bot, /users/@me and /applications/@me', async () => {
    server = await startDiscordServer();
    client = await connectTestClient(server);
    const gateway = (await client.rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
    expect(gateway).toEqual({
      url: server.gatewayUrl,
      shards: 1,
      session_start_limit: { total: 1_000, remaining: 999, reset_after: expect.any(Number), max_concurrency: 1 },
    });
    // The period started at the client's IDENTIFY a moment ago.
    expect(gateway.session_start_limit.reset_after).toBeGreaterThan(86_400_000 - 60_000);
    expect(gateway.session_start_limit.reset_after).toBeLessThanOrEqual(86_400_000);
    expect(gateway.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/gateway$/);
    await expect(client.rest.get(Routes.user('@me'))).resolves.toMatchObject({ id: server.botUserId, bot: true });
    const application = await client.application?.fetch();
    expect(application?.id).toBe(server.applicationId);
    expect(server.violations).toEqual([]);
  });

  it('tells guilds created after ready to the client', async () => {
    server = await startDiscordServer();
    const ready = await connectTestClient(server);
    client = ready;
    const joined = once(ready, Events.GuildCreate);
    const guild = server.createGuild({ name: 'Geneva Desk', channels: [{ name: 'alerts' }] });
    await joined;
    expect(ready.guilds.cache.get(guild.id)?.channels.cache.map((channel) => channel.name)).toEqual(['alerts']);
  });

  it('resumes after a dropped connection and replays what was dispatched meanwhile', async () => {
    server = await startDiscordServer();
    const ready = await connectTestClient(server);
    client = ready;
    await ready.application.commands.set([{ name: 'digest', description: 'Post the daily digest' }], server.guild().id);
    ready.on(Events.InteractionCreate, (interaction) => {
      if (interaction.isChatInputCommand()) void interaction.reply('Digest for 18 August');
    });
    const resumed = once(ready, Events.ShardResume);

    expect(server.dropGatewayConnections()).toBe(1);
    const record = await server.sendSlashCommand({ name: 'digest' });
    await resumed;

    expect(record.original?.current.content).toBe('Digest for 18 August');
    expect(server.gatewayStats).toEqual({ identifies: 1, resumes: 1, replayed: 1, connected: 1 });
    expect(server.violations).toEqual([]);
  });

  it('acknowledges heartbeats', async () => {
    server = await startDiscordServer({ heartbeatIntervalMs: 50 });
    const heartbeat = new Promise<string>((resolve) => {
      client = new Client(testClientOptions(server!));
      client.on(Events.Debug, (message) => {
        if (message.includes('Heartbeat acknowledged')) resolve(message);
      });
    });
    await client!.login(server.botToken);
    await expect(heartbeat).resolves.toMatch(/latency of \d+ms/);
    expect(server.violations).toEqual([]);
  });

  it('refuses a wrong token', async () => {
    server = await startDiscordServer();
    client = new Client(testClientOptions(server));
    await expect(client.login('bm90LXRoZS10b2tlbg.aaaaaa.bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb')).rejects.toThrow(/token/i);
    expect(server.violations.map((violation) => violation.kind)).toEqual(['unauthorized']);
  });
});

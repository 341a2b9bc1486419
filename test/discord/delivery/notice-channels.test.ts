import type { Client } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordClient } from '../../../src/discord/client.js';
import { clientChannelGuilds, clientNoticeChannels } from '../../../src/discord/delivery/notice-channels.js';
import { startDiscordServer, type LocalDiscord } from '../../support/discord/index.js';
import { connectTestClient } from '../../support/discord/test-client.js';

let server: LocalDiscord | null = null;
let client: Client | null = null;

afterEach(async () => {
  await client?.destroy();
  await server?.close();
});

describe('clientNoticeChannels', () => {
  it('prefers the system channel, else the first channel where wirewatch can post embeds', async () => {
    server = await startDiscordServer({
      guilds: [{ name: 'Newsroom', channels: [{ name: 'general' }, { name: 'mod-log' }, { name: 'alerts' }] }],
    });
    const guild = server.guild('Newsroom');
    const [general, modLog, alerts] = [guild.channels.general ?? '', guild.channels['mod-log'] ?? '', guild.channels.alerts ?? ''];
    server.setChannelPermissions(modLog, { embedLinks: false });
    client = await connectTestClient(server);
    const notices = clientNoticeChannels(client);

    expect(await notices.findNoticeChannel(guild.id, alerts)).toBe(general);
    // The system channel is the one wirewatch lost: the next channel it may post embeds in.
    expect(await notices.findNoticeChannel(guild.id, general)).toBe(alerts);
    expect(await notices.findNoticeChannel('999999999999999999', alerts)).toBeNull();
  });

  it("reads guilds outside its cache from Discord: another instance's shard, or no gateway at all", async () => {
    server = await startDiscordServer({ guilds: [{ name: 'Newsroom', channels: [{ name: 'general' }, { name: 'alerts' }] }] });
    const guild = server.guild('Newsroom');
    const [general, alerts] = [guild.channels.general ?? '', guild.channels.alerts ?? ''];
    server.setChannelPermissions(general, { send: false });
    client = createDiscordClient({ token: server.botToken, apiUrl: server.apiUrl, rest: server.restOptions, gateway: { kind: 'none' } });

    expect(await clientNoticeChannels(client).findNoticeChannel(guild.id, 'none-lost')).toBe(alerts);
    expect(await clientChannelGuilds(client).guildOf(alerts)).toBe(guild.id);
    expect(server.gatewayStats.identifies).toBe(0);
    expect(server.violations).toEqual([]);
  });
});

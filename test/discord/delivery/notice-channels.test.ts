import type { Client } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { clientNoticeChannels } from '../../../src/discord/delivery/notice-channels.js';
import { startDiscordServer, type LocalDiscord } from '../../support/discord/index.js';
import { connectTestClient } from '../../support/discord/test-client.js';

let server: LocalDiscord | null = null;
let client: Client<true> | null = null;

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
});

import { once } from 'node:events';
import { AttachmentBuilder, DiscordAPIError, EmbedBuilder, Events } from 'discord.js';
import type { Client, TextChannel } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectTestClient } from '../support/discord/test-client.js';
import { startDiscordServer } from '../support/discord/index.js';
import type { LocalDiscord } from '../support/discord/index.js';

let server: LocalDiscord;
let client: Client<true>;
let alerts: TextChannel;

beforeEach(async () => {
  server = await startDiscordServer();
  client = await connectTestClient(server);
  alerts = (await client.channels.fetch(server.guild().channels['news-alerts'] ?? '')) as TextChannel;
});

afterEach(async () => {
  await client.destroy();
  await server.close();
});

function storyEmbed(): EmbedBuilder {
  return new EmbedBuilder()
    .setTitle('Negotiators agree to resume talks in Istanbul')
    .setURL('https://example.org/news/istanbul-talks')
    .setDescription('Delegations from Kyiv and Moscow will meet again next week, officials said.')
    .addFields({ name: 'Outlets', value: 'Reuters, Kyiv Independent, Meduza' })
    .setFooter({ text: 'wirewatch' })
    .setTimestamp(new Date('2025-08-18T09:00:00Z'));
}

describe('channel messages', () => {
  it('records a message with an embed and its later edit', async () => {
    const sent = await alerts.send({ content: 'New story', embeds: [storyEmbed()] });
    await sent.edit({ content: 'New story (3 outlets)' });

    const [record] = server.messages(alerts.id);
    expect(record?.current.embeds[0]?.title).toBe('Negotiators agree to resume talks in Istanbul');
    expect(record?.history.map((version) => version.content)).toEqual(['New story']);
    expect(record?.current.content).toBe('New story (3 outlets)');
    expect(record?.current.edited_timestamp).not.toBeNull();
    expect(server.violations).toEqual([]);
  });

  it('records uploaded files as attachments', async () => {
    const digest = new AttachmentBuilder(Buffer.from('# Daily digest\n\n- Talks resume in Istanbul\n'), { name: 'digest-2025-08-18.md' });
    const sent = await alerts.send({ content: 'Daily digest', files: [digest] });
    expect(sent.attachments.first()?.name).toBe('digest-2025-08-18.md');
    expect(server.messages(alerts.id)[0]?.current.attachments).toMatchObject([{ filename: 'digest-2025-08-18.md', size: 43 }]);
    expect(server.violations).toEqual([]);
  });

  it('returns the original message for a repeated enforce_nonce nonce', async () => {
    const first = await alerts.send({ content: 'Alert: ceasefire proposal', nonce: 'story-42', enforceNonce: true });
    const second = await alerts.send({ content: 'Alert: ceasefire proposal', nonce: 'story-42', enforceNonce: true });
    expect(second.id).toBe(first.id);
    expect(server.messages(alerts.id)).toHaveLength(1);
    expect(server.violations).toEqual([]);
  });

  it('refuses content over 2,000 characters like Discord and records it', async () => {
    const error = await alerts.send('x'.repeat(2_001)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ status: 400, code: 50035, rawError: { errors: { content: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } } });
    expect(server.messages(alerts.id)).toEqual([]);
    expect(server.violations.map((violation) => violation.kind)).toEqual(['invalid-form-body']);
  });

  it('refuses embeds past the 6,000-character total', async () => {
    const long = (n: number) => new EmbedBuilder().setTitle(`Story ${n}`).setDescription('d'.repeat(4_000));
    const error = await alerts.send({ embeds: [long(1), long(2)] }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 400, code: 50035, rawError: { errors: { embeds: { _errors: [{ code: 'MAX_EMBED_SIZE_EXCEEDED' }] } } } });
    expect(server.violations.map((violation) => violation.kind)).toEqual(['invalid-form-body']);
  });

  it('answers 403 Missing Permissions when the bot may not send, and Missing Access when it cannot see', async () => {
    const updated = once(client, Events.ChannelUpdate);
    server.setChannelPermissions(alerts.id, { send: false });
    await updated;
    expect(alerts.permissionsFor(client.user)?.has('SendMessages')).toBe(false);
    await expect(alerts.send('Alert')).rejects.toMatchObject({ status: 403, code: 50013, message: 'Missing Permissions' });
    server.setChannelPermissions(alerts.id, { view: false });
    await expect(alerts.send('Alert')).rejects.toMatchObject({ status: 403, code: 50001, message: 'Missing Access' });
    expect(server.violations.map((violation) => violation.kind)).toEqual(['missing-permissions', 'missing-access']);
  });

  it('needs Embed Links for embeds', async () => {
    server.setChannelPermissions(alerts.id, { embedLinks: false });
    await expect(alerts.send({ embeds: [storyEmbed()] })).rejects.toMatchObject({ status: 403, code: 50013 });
    await alerts.send('Plain alert');
    expect(server.messages(alerts.id).map((message) => message.current.content)).toEqual(['Plain alert']);
    expect(server.violations.map((violation) => violation.kind)).toEqual(['missing-permissions']);
  });

  it('answers 404 Unknown Channel for a channel that does not exist', async () => {
    await expect(client.rest.post('/channels/1234567890123456789/messages', { body: { content: 'hi' } })).rejects.toMatchObject({
      status: 404,
      code: 10003,
    });
    expect(server.violations.map((violation) => violation.kind)).toEqual(['unknown-resource']);
  });

  it('flags mentions that would ping, and raw mentions that allowed_mentions only disarms (escaping failed)', async () => {
    await alerts.send('Quote: "@everyone must leave", said the governor');
    expect(server.violations.map((violation) => violation.kind)).toEqual(['mention-not-allowed']);
    await alerts.send({ content: '@here talks collapsed', allowedMentions: { parse: ['everyone'] } });
    expect(server.violations.map((violation) => violation.kind)).toEqual(['mention-not-allowed', 'unsafe-mentions']);
    await alerts.send('Quote: "@\u200beveryone must leave" \\<@&234567890123456789\\>');
    expect(server.violations).toHaveLength(2);
  });

  it('lets a role of the server listed by id ping, records which roles were pinged, and never pings on an edit', async () => {
    const guild = server.guild();
    const watchers = server.createRole(guild.id, { name: 'talks-watchers', mentionable: true });
    const quiet = server.createRole(guild.id, { name: 'quiet', mentionable: false });
    const sent = await alerts.send({ content: `<@&${watchers}> <@&${quiet}> new alert`, allowedMentions: { parse: [], roles: [watchers, quiet] } });
    expect(server.violations).toEqual([]);
    // A role that is not mentionable notifies nobody unless the bot may mention every role.
    expect(server.messages(alerts.id)[0]?.pingedRoleIds).toEqual([watchers]);
    await sent.edit({ content: `<@&${watchers}> edited`, allowedMentions: { parse: [], roles: [watchers] } });
    expect(server.messages(alerts.id)[0]?.pingedRoleIds).toEqual([watchers]);
    server.setChannelPermissions(alerts.id, { mentionEveryone: true });
    await alerts.send({ content: `<@&${quiet}> again`, allowedMentions: { parse: [], roles: [quiet] } });
    expect(server.messages(alerts.id)[1]?.pingedRoleIds).toEqual([quiet]);
    expect(server.violations).toEqual([]);
  });

  it('flags a listed role of another server, @everyone’s role listed by id, and any role pinged through parse', async () => {
    const other = server.createGuild({ name: 'Elsewhere' });
    const foreign = server.createRole(other.id, { name: 'their-role', mentionable: true });
    const own = server.createRole(server.guild().id, { name: 'ours', mentionable: true });
    await alerts.send({ content: `<@&${foreign}> hi`, allowedMentions: { parse: [], roles: [foreign] } });
    expect(server.violations.map((violation) => violation.kind)).toEqual(['unsafe-mentions', 'foreign-role-mention']);
    await alerts.send({ content: `<@&${server.guild().id}> hi`, allowedMentions: { parse: [], roles: [server.guild().id] } });
    await alerts.send({ content: `<@&${own}> hi`, allowedMentions: { parse: ['roles'] } });
    expect(server.violations.map((violation) => violation.kind)).toEqual(['unsafe-mentions', 'foreign-role-mention', 'unsafe-mentions', 'unsafe-mentions']);
    expect(server.messages(alerts.id).map((record) => record.pingedRoleIds)).toEqual([[], [], [own]]);
  });
});

describe('failures on demand', () => {
  it('answers 429 with Retry-After until the bot waits it out, then succeeds', async () => {
    server.failNext({ route: 'POST /channels/:id/messages', status: 429, retryAfter: 0.05, times: 2 });
    const sent = await alerts.send('Alert after a rate limit');
    expect(sent.content).toBe('Alert after a rate limit');
    const posts = server.requests.filter((request) => request.route === 'POST /channels/:channelId/messages');
    expect(posts.map((request) => request.status)).toEqual([429, 429, 200]);
    expect(posts[2]!.at - posts[0]!.at).toBeGreaterThanOrEqual(100);
    expect(server.violations).toEqual([]);
  });

  it('answers a global 429 and discord.js holds every route until it passes', async () => {
    server.failNext({ route: 'POST /channels/:channelId/messages', status: 429, retryAfter: 0.1, global: true });
    await alerts.send('Alert after a global rate limit');
    const statuses = server.requests.filter((request) => request.route === 'POST /channels/:channelId/messages').map((request) => request.status);
    expect(statuses).toEqual([429, 200]);
    expect(server.violations).toEqual([]);
  });

  it('answers 500 once and discord.js retries', async () => {
    server.failNext({ route: 'POST /channels/:id/messages', status: 500 });
    await alerts.send('Alert after a server error');
    const posts = server.requests.filter((request) => request.route === 'POST /channels/:channelId/messages');
    expect(posts.map((request) => request.status)).toEqual([500, 200]);
    expect(server.messages(alerts.id)).toHaveLength(1);
    expect(server.violations).toEqual([]);
  });
});

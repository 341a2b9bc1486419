import { once } from 'node:events';
import { ChannelType, DiscordAPIError, Events, Routes } from 'discord.js';
import type { Client, ForumChannel, TextChannel } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectTestClient } from '../support/discord/test-client.js';
import { startDiscordServer } from '../support/discord/index.js';
import type { LocalDiscord } from '../support/discord/index.js';

let server: LocalDiscord;
let client: Client<true>;
let alerts: TextChannel;
let forum: ForumChannel;

beforeEach(async () => {
  server = await startDiscordServer();
  client = await connectTestClient(server);
  alerts = (await client.channels.fetch(server.guild().channels['news-alerts'] ?? '')) as TextChannel;
  const created = once(client, Events.ChannelCreate);
  server.createChannel(server.guild().id, { name: 'talks', kind: 'forum', tags: ['Ceasefire', 'Sanctions'] });
  [forum] = (await created) as [ForumChannel];
});

afterEach(async () => {
  await client.destroy();
  await server.close();
});

async function refusal(request: Promise<unknown>): Promise<DiscordAPIError> {
  const error = await request.then(() => null, (caught: unknown) => caught);
  if (!(error instanceof DiscordAPIError)) throw new Error(`expected Discord to refuse, got ${String(error)}`);
  return error;
}

describe('forum channels and threads', () => {
  it('announces a forum with its tags, and takes a post whose first message has the post’s id', async () => {
    expect(forum.type).toBe(ChannelType.GuildForum);
    expect(forum.availableTags.map((tag) => tag.name)).toEqual(['Ceasefire', 'Sanctions']);
    const ceasefire = forum.availableTags[0]?.id ?? '';
    const post = await forum.threads.create({ name: 'Talks resume in Istanbul', appliedTags: [ceasefire], message: { content: 'Delegations meet again next week.', allowedMentions: { parse: [] } } });
    await post.send({ content: 'A second outlet reports it.', allowedMentions: { parse: [] } });

    expect(server.threads(forum.id)).toEqual([{ id: post.id, name: 'Talks resume in Istanbul', appliedTags: ['Ceasefire'], ownerId: server.botUserId }]);
    expect(server.messages(post.id).map((message) => [message.id === post.id, message.current.content])).toEqual([
      [true, 'Delegations meet again next week.'],
      [false, 'A second outlet reports it.'],
    ]);
    const active = (await client.rest.get(Routes.guildActiveThreads(server.guild().id))) as { threads: { id: string; parent_id: string }[] };
    expect(active.threads).toMatchObject([{ id: post.id, parent_id: forum.id }]);
    expect(server.violations).toEqual([]);
  });

  it('refuses a plain message in a forum, a tag it does not have, and a name over 100 characters', async () => {
    expect((await refusal(client.rest.post(Routes.channelMessages(forum.id), { body: { content: 'hello', allowed_mentions: { parse: [] } } }))).code).toBe(50008);
    const post = (tags: string[], name = 'A post') => client.rest.post(Routes.threads(forum.id), { body: { name, applied_tags: tags, message: { content: 'x', allowed_mentions: { parse: [] } } } });
    expect((await refusal(post(['123456789012345678']))).rawError).toMatchObject({ errors: { applied_tags: { 0: { _errors: [{ code: 'TAG_INVALID' }] } } } });
    expect((await refusal(post([], 'x'.repeat(101)))).rawError).toMatchObject({ errors: { name: { _errors: [{ code: 'BASE_TYPE_MAX_LENGTH' }] } } });
    expect(server.violations.map((violation) => violation.kind)).toEqual(['invalid-form-body', 'invalid-form-body', 'invalid-form-body']);
  });

  it('starts one thread on a message, with the message’s id; a second start is refused with 160004', async () => {
    const alert = await alerts.send({ content: 'Talks resume', allowedMentions: { parse: [] } });
    const thread = await alert.startThread({ name: 'Talks resume' });
    expect(thread.id).toBe(alert.id);
    expect((await refusal(client.rest.post(Routes.threads(alerts.id, alert.id), { body: { name: 'again' } }))).code).toBe(160004);
    expect(server.messages(alerts.id)[0]?.current.thread?.id).toBe(thread.id);
    expect(server.threads(alerts.id)).toHaveLength(1);
    expect(server.violations).toEqual([]);
  });

  it('needs Create Public Threads to start a thread, and checks mentions in a forum post', async () => {
    const alert = await alerts.send({ content: 'Talks resume', allowedMentions: { parse: [] } });
    const updated = once(client, Events.ChannelUpdate);
    server.setChannelPermissions(alerts.id, { createPublicThreads: false });
    await updated;
    expect((await refusal(alert.startThread({ name: 'Talks resume' }))).code).toBe(50013);
    await forum.threads.create({ name: 'Ping', message: { content: '@everyone talks resume', allowedMentions: { parse: ['everyone'] } } });
    expect(server.violations.map((violation) => violation.kind)).toEqual(['missing-permissions', 'unsafe-mentions']);
  });

  it('serves uploaded files by their URL, as Discord’s CDN does', async () => {
    const id = server.uploadAttachment('feeds.opml', '<opml version="2.0"><body/></opml>', 'text/x-opml');
    const url = `${server.url}/attachments/uploads/${id}/feeds.opml`;
    const response = await fetch(url);
    expect(response.headers.get('content-type')).toBe('text/x-opml');
    expect(await response.text()).toBe('<opml version="2.0"><body/></opml>');
    expect(server.file(url)?.toString('utf8')).toBe('<opml version="2.0"><body/></opml>');
    expect((await fetch(`${server.url}/attachments/uploads/1/missing.opml`)).status).toBe(404);
  });
});

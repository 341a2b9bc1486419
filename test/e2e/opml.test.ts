import { once } from 'node:events';
import { Events } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readOpml } from '../../src/opml/index.js';
import type { InteractionRecord } from '../support/discord/index.js';
import { answerText, demoItem, isEphemeral, startWorld, type ConnectedApp, type E2eWorld } from './harness.js';

let world: E2eWorld;

beforeEach(async () => {
  world = await startWorld();
});

afterEach(async () => {
  await world.close();
});

async function launch(options: { allowPrivateNetworks?: boolean } = {}): Promise<ConnectedApp> {
  world.serve('capital', [demoItem('03-kharkiv-strikes', 'capital')]);
  world.serve('ledger', [demoItem('03-kharkiv-strikes', 'ledger')]);
  return world.launch(options);
}

/** The OPML file of an interaction's answer, as the member downloads it. */
function exportedFile(record: InteractionRecord): string {
  const [attachment, ...others] = record.original?.current.attachments ?? [];
  expect(others).toEqual([]);
  expect(attachment?.filename).toBe('wirewatch-feeds.opml');
  const bytes = world.discord.file(attachment?.url ?? '');
  if (!bytes) throw new Error('the export has no file the local Discord server serves');
  return bytes.toString('utf8');
}

function importFile(name: string, text: string | Uint8Array, guildId = world.guild.id, userId = world.moderator): Promise<InteractionRecord> {
  const file = world.discord.uploadAttachment(name, text, 'text/x-opml');
  return world.discord.sendSlashCommand({ name: 'feeds import', guildId, userId, options: { file }, timeoutMs: 30_000 });
}

describe('OPML import and export, end to end', () => {
  it('imports in another server what one server exported: the same feeds, secrets only for managers', async () => {
    const app = await launch();
    const secretUrl = world.serveFeed('/members/feed.xml?token=s3cret', 'Members Wire', [demoItem('01-white-house-meeting', 'capital', { guid: 'members-1' })]);
    const added = await world.discord.sendSlashCommand({ name: 'feeds add', userId: world.moderator, options: { url: secretUrl, outlet: 'Members Wire' } });
    expect(answerText(added)).toContain('Added the Members Wire feed');

    const exported = await world.discord.sendSlashCommand({ name: 'feeds export', userId: world.moderator });
    expect(isEphemeral(exported)).toBe(true);
    const opml = exportedFile(exported);
    const listed = readOpml(opml);
    const visibleHere = (await app.feeds.visibleTo(world.guild.id)).map((feed) => ({ outlet: feed.outlet, url: feed.sourceUrl }));
    expect(listed).toMatchObject({ ok: true, feeds: visibleHere });
    expect(visibleHere).toContainEqual({ outlet: 'Members Wire', url: secretUrl });
    // A member who does not manage the server gets the addresses as /feeds list shows them: no token.
    const shared = exportedFile(await world.discord.sendSlashCommand({ name: 'feeds export', userId: world.analyst }));
    expect(shared).not.toContain('s3cret');

    const joined = once(app.discord.bot.client, Events.GuildCreate);
    const other = world.discord.createGuild({ name: 'Second Server', members: [{ username: 'admin', permissions: ['ManageGuild', 'ManageChannels'] }] });
    await joined;
    const imported = await importFile('feeds.opml', opml, other.id, other.members.admin);
    expect(answerText(imported)).toContain('1 added, 2 already present, 0 refused');
    const visibleThere = (await app.feeds.visibleTo(other.id)).map((feed) => ({ outlet: feed.outlet, url: feed.sourceUrl }));
    expect(visibleThere).toEqual(visibleHere);

    // Importing the same list again adds nothing.
    expect(answerText(await importFile('feeds.opml', opml, other.id, other.members.admin))).toContain('0 added, 3 already present, 0 refused');
    expect(world.discord.violations).toEqual([]);
  });

  it('refuses a bad OPML file with a clear message and adds nothing', async () => {
    const app = await launch();
    const before = (await app.feeds.visibleTo(world.guild.id)).length;
    const outlines = (count: number) => Array.from({ length: count }, (_, index) => `<outline text="F${index}" xmlUrl="https://feeds.example/${index}.xml"/>`).join('\n');
    const cases: [string, string | Uint8Array, string][] = [
      ['notes.opml', 'these are my favourite feeds, one per line', 'notes.opml was refused: the file is not XML'],
      ['huge.opml', new Uint8Array(10 * 1024 * 1024).fill(0x20), 'huge.opml is 10.0 MB; an OPML feed list wirewatch reads is at most 1 MB'],
      ['many.opml', `<opml version="2.0"><body>${outlines(5000)}</body></opml>`, 'the file has 5,000 outlines; wirewatch reads at most 1,000'],
      ['feed.xml', '<rss version="2.0"><channel><title>x</title></channel></rss>', 'is XML but not OPML (its root element is'],
    ];
    for (const [name, text, message] of cases) {
      const record = await importFile(name, text);
      expect(isEphemeral(record)).toBe(true);
      expect(answerText(record)).toContain(message);
      expect(answerText(record)).toContain('Nothing was added');
    }
    expect(await app.feeds.visibleTo(world.guild.id)).toHaveLength(before);
    expect(answerText(await importFile('x.opml', '<opml/>', world.guild.id, world.analyst))).toContain('Manage Server');
    expect(world.discord.violations).toEqual([]);
  });

  it('refuses each feed of a list that points at private or local addresses, as /feeds add does, without fetching it', async () => {
    const app = await launch({ allowPrivateNetworks: false });
    const requestsBefore = world.feeds.requests.length;
    const opml = `<?xml version="1.0"?><opml version="1.0"><head><title>Intranet</title></head><body>
      <outline text="Router" xmlUrl="http://192.168.1.1/feed.xml"/>
      <outline text="Cloud metadata" xmlUrl="http://169.254.169.254/latest/meta-data/"/>
      <outline text="Local" xmlUrl="${world.feeds.url('/capital-wire/world/rss.xml').replace('127.0.0.1', 'localhost')}"/>
      <outline text="Not a web address" xmlUrl="ftp://files.example/feed.xml"/></body></opml>`;
    const record = await importFile('intranet.opml', opml);
    const answer = answerText(record);
    expect(answer).toContain('Imported Intranet: 0 added, 0 already present, 4 refused');
    expect(answer.match(/leads to a private or local network address/gu)).toHaveLength(3);
    expect(answer).toContain('not a web address starting with https://');
    expect((await app.feeds.visibleTo(world.guild.id)).filter((feed) => feed.addedHere)).toEqual([]);
    expect(world.feeds.requests.length).toBe(requestsBefore);
    expect(world.discord.violations).toEqual([]);
  });
});

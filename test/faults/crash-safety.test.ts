import { join } from 'node:path';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { parseEnv } from '../../src/config/env.js';
import { createLogger } from '../../src/logging.js';
import { openDatabase } from '../../src/store/database.js';
import { openSqliteStores } from '../../src/store/sqlite-backend.js';
import { execute } from '../support/stores.js';
import { makeConfigDir } from '../support/config-dir.js';
import { startDiscordServer, type LocalDiscord } from '../support/discord/index.js';
import { rssFeed } from '../support/feed-server.js';
import { startHostileServer, type HostileServer } from '../support/hostile-server.js';
import { spawnWirewatch, type WirewatchChild } from '../support/wirewatch-child.js';
import { seedItem, strikeItems } from './strike-stories.js';

/**
 * The bot as a real process, killed with SIGKILL mid-poll and twice mid-delivery, then restarted on the same
 * database: every alert is delivered exactly once, no item is lost, nothing is posted twice.
 */
let discord: LocalDiscord;
let publisher: HostileServer;
let configDir: string;
let dbPath: string;
let channelId: string;
const startedAt = Date.now();
const items = strikeItems(startedAt);
/** What the feed does with the next request: answer, or hold it open and tell the test. */
let feedMode: { kind: 'answer' } | { kind: 'hold'; received: (response: ServerResponse) => void } = { kind: 'answer' };
const children: WirewatchChild[] = [];

beforeAll(async () => {
  discord = await startDiscordServer({ waitTimeoutMs: 20_000 });
  publisher = await startHostileServer();
  publisher.route('/wire.xml', (_request, response) => {
    if (feedMode.kind === 'hold') return feedMode.received(response);
    response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Wire', [...items].reverse().concat(seedItem)));
  });
  configDir = makeConfigDir([{ url: publisher.url('/wire.xml'), outlet: 'Wire Service' }]);
  dbPath = join(configDir, 'wirewatch.db');
  const guild = discord.guild();
  channelId = guild.channels['news-alerts'] ?? '';

  // Before the story: the feed was polled once (its old item seeded silently) and #news-alerts follows the topic.
  publisher.route('/seed.xml', (_request, response) => response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Wire', [seedItem])));
  const seedDir = makeConfigDir([{ url: publisher.url('/seed.xml'), outlet: 'Wire Service' }]);
  const env = parseEnv({ WIREWATCH_DB: dbPath, WIREWATCH_CONFIG: seedDir, WIREWATCH_ALLOW_PRIVATE_NETWORKS: '1', LOG_LEVEL: 'silent' });
  const seeding = await createApp({ env, logger: createLogger({ level: 'silent', pretty: false }), print: () => undefined });
  await seeding.poller.pollAllOnce();
  await seeding.stores.subscriptions.add(
    { guildId: guild.id, channelId, kind: 'topic', target: 'russian-strikes', mode: 'alerts', digestTime: '08:00', timezone: 'UTC', quietNote: false, createdBy: guild.members.moderator ?? '' },
    Date.now(),
  );
  // The same feed, now listed under its real URL: its poll is due at once when the bot starts.
  await execute(seeding.store, 'UPDATE feeds SET source_url = ?, url = ?, next_poll_at = 0', publisher.url('/wire.xml'), publisher.url('/wire.xml'));
  await seeding.stop();
});

afterAll(async () => {
  for (const child of children) child.kill();
  await Promise.all(children.map((child) => child.exited));
  await discord.close();
  await publisher.close();
});

function startBot(): WirewatchChild {
  const child = spawnWirewatch(['start'], {
    WIREWATCH_DB: dbPath,
    WIREWATCH_CONFIG: configDir,
    WIREWATCH_ALLOW_PRIVATE_NETWORKS: '1',
    LOG_LEVEL: 'warn',
    DISCORD_TOKEN: discord.botToken,
    DISCORD_API_URL: discord.apiUrl,
    DISCORD_GUILD_ID: discord.guild().id,
  });
  children.push(child);
  return child;
}

/** The stories of the new items, and the report that opened each one (items are processed in id order), as the database has them between runs. */
function expectedAlerts(): { storyIds: string[]; itemsInStories: number; firstLinkOf: Map<string, string> } {
  const db = openDatabase(dbPath);
  const rows = db
    .prepare('SELECT story_items.story_id AS storyId, items.link AS link FROM story_items JOIN items ON items.id = story_items.item_id WHERE items.from_initial_poll = 0 ORDER BY items.id')
    .all() as { storyId: string; link: string }[];
  db.close();
  const firstLinkOf = new Map<string, string>();
  for (const row of rows) if (!firstLinkOf.has(row.storyId)) firstLinkOf.set(row.storyId, row.link);
  return { storyIds: [...firstLinkOf.keys()], itemsInStories: rows.length, firstLinkOf };
}

const posted = () => discord.messages(channelId).filter((message) => !message.deleted);

/** SIGKILLs the bot from inside the server's change handler, right after the n-th alert is stored and before Discord answers. */
async function killWhenAlertArrives(child: WirewatchChild, n: number): Promise<void> {
  await discord.waitFor(
    () => {
      if (posted().length < n) return false;
      child.kill();
      return true;
    },
    { description: () => `alert ${n} (have ${posted().length}); bot stderr: ${child.stderr}` },
  );
  expect(await child.exited).toEqual({ code: null, signal: 'SIGKILL' });
}

describe('crash safety', () => {
  it('delivers every alert exactly once across SIGKILLs mid-poll and mid-delivery', { timeout: 90_000 }, async () => {
    // 1. Mid-poll: the feed server has the request and has not answered.
    const held = new Promise<ServerResponse>((resolve) => (feedMode = { kind: 'hold', received: resolve }));
    const first = startBot();
    const response = await held;
    first.kill();
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    response.destroy();
    expect(posted()).toHaveLength(0);
    feedMode = { kind: 'answer' };

    // 2. Mid-delivery: killed as the first alert lands on Discord, before the bot hears back.
    await killWhenAlertArrives(startBot(), 1);
    // 3. And again, a few alerts later.
    await killWhenAlertArrives(startBot(), 3);

    // Which alerts should exist: one per story the new items formed (the clusterer may join two reports into one
    // story, which then has one alert). All were processed before the first alert went out, so the database says.
    const expected = expectedAlerts();
    expect(expected.itemsInStories).toBe(items.length);
    expect(expected.storyIds.length).toBeGreaterThanOrEqual(4);

    // 4. The last run delivers the rest and stops cleanly on SIGTERM.
    const last = startBot();
    await discord.waitFor(() => posted().length >= expected.storyIds.length, {
      description: () => `${expected.storyIds.length} alerts (have ${posted().length}); stderr: ${last.stderr}`,
    });
    last.process.kill('SIGTERM');
    expect(await last.exited).toEqual({ code: 0, signal: null });

    expect(posted()).toHaveLength(expected.storyIds.length);
    // The two alerts cut off mid-delivery were sent again after the restarts (same nonce), and Discord kept one copy.
    const creates = discord.requests.filter((request) => request.route === 'POST /channels/:channelId/messages');
    expect(creates).toHaveLength(expected.storyIds.length + 2);
    expect(discord.violations).toEqual([]);
    // The bot ran as a child process on the SQLite file WIREWATCH_DB names.
    const store = openSqliteStores(dbPath);
    const { db, stores } = store;
    const feed = (await stores.feeds.all())[0];
    expect(feed).toMatchObject({ lastErrorCode: null, consecutiveFailures: 0 });
    expect(await stores.items.countForFeed(feed?.id ?? -1)).toBe(items.length + 1);
    expect(await stores.items.unprocessed(100)).toEqual([]);
    const outbox = db.prepare("SELECT story_id AS storyId, status, message_id AS messageId FROM outbox WHERE kind = 'alert' ORDER BY id").all() as {
      storyId: string;
      status: string;
      messageId: string;
    }[];
    expect(outbox.map((row) => row.storyId).sort()).toEqual([...expected.storyIds].sort());
    expect(outbox.map((row) => row.status)).toEqual(expected.storyIds.map(() => 'sent'));
    // Each alert is on Discord once, in the order it was queued, and shows the report that opened its story.
    expect(posted().map((message) => message.current.id)).toEqual(outbox.map((row) => row.messageId));
    expect(posted().map((message) => message.current.embeds?.[0]?.url)).toEqual(outbox.map((row) => expected.firstLinkOf.get(row.storyId)));
    await store.close();
  });
});

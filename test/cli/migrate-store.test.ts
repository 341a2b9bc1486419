import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import type { CliIo } from '../../src/cli/io.js';
import { openDatabase } from '../../src/store/database.js';
import { sqliteBackend } from '../../src/store/sqlite-backend.js';
import { createEmptyDatabase, openTracked } from '../support/postgres.js';
import { extracted, person } from '../support/quotes-db.js';

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), env: {}, cwd: process.cwd() };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

/** A small install: two feeds (one a guild's), items, a quote, a story, a subscription and a queued alert. */
async function sqliteInstall(): Promise<string> {
  const path = join(mkdtempSync(join(tmpdir(), 'migrate-store-')), 'wirewatch.db');
  const db = openDatabase(path);
  const { stores } = sqliteBackend(db);
  const wire = await stores.feeds.register({ url: 'https://wire.example/rss', outlet: 'Wire', fullText: false, intervalSeconds: 600, origin: 'config' }, 1);
  await stores.feeds.recordSuccess(wire.id, { polledAt: 2, nextPollAt: 600_002, etag: '"v1"', lastModified: 'Mon, 01 Sep 2025 00:00:00 GMT' });
  await stores.feeds.addForGuild('140000000000000001', { url: 'https://tips.example/rss', outlet: 'Tips', fullText: false, intervalSeconds: 300 }, 3);
  const [itemId = 0] = await stores.items.insertNew(wire.id, [{ identity: 'a', guid: 'a', link: null, title: 'Talks resume', author: null, summary: 's', content: 'c', published: null }], 4, false);
  await stores.quotes.saveForItem(itemId, 4, [extracted('We are ready to talk at any level, any time', person('Volodymyr Zelensky'))]);
  await stores.stories.addMember({ itemId, storyId: 'story-1', similarity: 1, publishedAt: 4 }, 'Talks resume');
  const subscription = await stores.subscriptions.add({ guildId: '140000000000000001', channelId: '150000000000000001', kind: 'topic', target: 'talks', mode: 'both', digestTime: '08:00', timezone: 'UTC', quietNote: false, createdBy: 'u' }, 5);
  await stores.outbox.enqueue({ guildId: '140000000000000001', channelId: '150000000000000001', kind: 'alert', storyId: 'story-1', subscriptionId: subscription.id, payload: { content: 'Talks resume' } }, 6);
  db.close();
  return path;
}

describe('wirewatch migrate-store', () => {
  it('copies every table into PostgreSQL and lists the row counts it checked', async () => {
    const from = await sqliteInstall();
    const to = await createEmptyDatabase();
    const { code, stdout, stderr } = await cli(['migrate-store', '--from', from, '--to', to]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Copied .*wirewatch\.db to postgres:\/\/wirewatch@127\.0\.0\.1:\d+\/wirewatch_test_\w+; every table holds as many rows as in SQLite:\n/);
    for (const line of ['feeds                  2 rows', 'feed_guilds            1 rows', 'quote_sources          1 rows', 'outbox                 1 rows', 'story_items            1 rows']) {
      expect(stdout).toContain(line);
    }
    expect(stdout).not.toContain(decodeURIComponent(new URL(to).password));
    const postgres = openTracked(to);
    expect(await postgres.get(`SELECT etag, last_modified AS "lastModified", next_poll_at AS "nextPollAt" FROM feeds WHERE url = 'https://wire.example/rss'`)).toEqual({
      etag: '"v1"',
      lastModified: 'Mon, 01 Sep 2025 00:00:00 GMT',
      nextPollAt: 600_002,
    });
    expect(await postgres.value(`SELECT payload_json::text FROM outbox`)).toBe('{"content":"Talks resume"}');
  });

  it('refuses to copy twice, a wrong password and missing arguments, each in one line with exit code 2', async () => {
    const from = await sqliteInstall();
    const to = await createEmptyDatabase();
    expect((await cli(['migrate-store', '--from', from, '--to', to])).code).toBe(0);
    const again = await cli(['migrate-store', '--from', from, '--to', to]);
    expect(again).toMatchObject({ code: 2, stdout: '' });
    expect(again.stderr).toMatch(/^wirewatch: database error: PostgreSQL's \w+ table is not empty: copy into a new, empty database\.\n$/);

    const wrong = new URL(to);
    wrong.password = 'hunter2-wrong';
    const refused = await cli(['migrate-store', '--from', from, '--to', wrong.toString()]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^wirewatch: database error: cannot connect to PostgreSQL at postgres:\/\/wirewatch@[^ ]+: the user name or password was refused; check them in WIREWATCH_DATABASE_URL\.\n$/);
    expect(refused.stderr).not.toContain('hunter2');

    expect(await cli(['migrate-store', '--from', from])).toMatchObject({ code: 2, stderr: expect.stringContaining('give both ends: wirewatch migrate-store --from') });
    expect((await cli(['migrate-store', '--from', join(tmpdir(), 'none.db'), '--to', to])).stderr).toMatch(/there is no SQLite database at .*none\.db/);
  });
});

import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { openDatabase } from '../../src/store/database.js';
import { migrations } from '../../src/store/migrations/index.js';
import { sqliteBackend } from '../../src/store/sqlite-backend.js';
import { makeConfigDir } from '../support/config-dir.js';
import { spawnWirewatch } from '../support/wirewatch-child.js';

const STACK_FRAME = /^\s+at .+[(:]/m;

function freshDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'wirewatch-db-')), 'wirewatch.db');
}

async function pollOnceInProcess(configDir: string, dbPath: string): Promise<{ code: number; stderr: string; stdout: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['poll', '--once'], {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: { WIREWATCH_CONFIG: configDir, WIREWATCH_DB: dbPath, LOG_LEVEL: 'silent' },
    cwd: process.cwd(),
  });
  return { code, stdout, stderr };
}

describe('a database from an older schema version', () => {
  // Every older version the project has shipped: build it with migrations 1..N, fill it, open it with all of them.
  it.each(migrations.slice(0, -1).map((migration) => [migration.version] as const))('is migrated forward from version %i without loss', async (version) => {
    const path = freshDbPath();
    const old = openDatabase(path, migrations.filter((migration) => migration.version <= version));
    expect(old.pragma('user_version', { simple: true })).toBe(version);
    old
      .prepare(`INSERT INTO feeds (id, source_url, url, outlet, interval_seconds, origin, seeded, etag, created_at)
        VALUES (7, 'https://kyivindependent.com/feed/', 'https://kyivindependent.com/feed/', 'Kyiv Independent', 300, 'config', 1, '"abc"', 1755518400000)`)
      .run();
    old
      .prepare(`INSERT INTO items (feed_id, identity, guid, link, title, summary, content, published_at, fetched_at, processed_at)
        VALUES (7, 'guid:ki-1', 'ki-1', 'https://kyivindependent.com/ki-1', 'Zelensky arrives in Washington for talks with Trump',
        'European leaders join the meeting.', 'European leaders join the meeting at the White House.', '2025-08-18T10:00:00Z', 1755518400000, 1755518401000)`)
      .run();
    if (version >= 5) {
      old
        .prepare(`INSERT INTO subscriptions (guild_id, channel_id, kind, target, mode, digest_time, timezone, created_by, created_at)
          VALUES ('111111111111111111', '222222222222222222', 'topic', 'crimea', 'both', '08:30', 'Europe/Kyiv', '333333333333333333', 1755518400000)`)
        .run();
    }
    old.close();

    const current = openDatabase(path);
    expect(current.pragma('user_version', { simple: true })).toBe(migrations.at(-1)?.version);
    const { stores } = sqliteBackend(current);
    const [feed] = await stores.feeds.all();
    expect(feed).toMatchObject({ id: 7, outlet: 'Kyiv Independent', seeded: true, etag: '"abc"', url: 'https://kyivindependent.com/feed/' });
    expect(await stores.items.knownIdentities(7, ['guid:ki-1', 'guid:other'])).toEqual(new Set(['guid:ki-1']));
    expect(await stores.items.unprocessed(10)).toEqual([]);
    if (version >= 5) {
      expect(await stores.subscriptions.listForChannel('222222222222222222')).toEqual([
        expect.objectContaining({ kind: 'topic', target: 'crimea', mode: 'both', digestTime: '08:30', timezone: 'Europe/Kyiv' }),
      ]);
    }
    // The migrated database works: a new item goes in next to the old one.
    expect(await stores.items.insertNew(7, [{ identity: 'guid:ki-2', guid: 'ki-2', link: null, title: 'Talks end', author: null, summary: '', content: '', published: null }], 1755519000000, false)).toHaveLength(1);
    expect(await stores.items.countForFeed(7)).toBe(2);
    current.close();
  });

  it('refuses a database from a newer wirewatch with a clear message', async () => {
    const path = freshDbPath();
    const db = new Database(path);
    db.pragma('user_version = 999');
    db.close();
    const run = await pollOnceInProcess(makeConfigDir(), path);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/database error: the database is at schema version 999, newer than this wirewatch .*upgrade wirewatch or point WIREWATCH_DB elsewhere/);
    expect(run.stderr).not.toMatch(STACK_FRAME);
  });
});

describe('a locked database', () => {
  it('gives a clear error after the busy timeout, and opens normally once the lock is gone', async () => {
    const configDir = makeConfigDir();
    const path = freshDbPath();
    openDatabase(path).close();
    const holder = new Database(path);
    holder.exec('BEGIN EXCLUSIVE');
    const started = performance.now();
    const locked = await pollOnceInProcess(configDir, path);
    const waitedMs = performance.now() - started;
    holder.exec('ROLLBACK');
    holder.close();
    expect(locked.code).not.toBe(0);
    expect(locked.stderr).toMatch(/database error: cannot open the database at .*wirewatch\.db: database is locked\. Another process holds a lock on it/);
    expect(locked.stderr).not.toMatch(STACK_FRAME);
    expect(waitedMs).toBeGreaterThanOrEqual(4_500);
    expect(waitedMs).toBeLessThan(10_000);

    const unlocked = await pollOnceInProcess(configDir, path);
    expect(unlocked).toMatchObject({ code: 0, stderr: '' });
  });
});

/**
 * Makes a file or folder that the test's own user cannot write. Root ignores file modes, so as root it is made
 * immutable instead (the bot then runs as root too, so the checkout may lie where no other user can enter).
 * Returns how to undo it, since an immutable file cannot be removed.
 */
function makeUnwritable(path: string, kind: 'file' | 'folder' = 'file'): () => void {
  if (process.getuid?.() !== 0) {
    chmodSync(path, kind === 'file' ? 0o444 : 0o555);
    return () => chmodSync(path, kind === 'file' ? 0o644 : 0o755);
  }
  execFileSync('chattr', ['+i', path]);
  return () => execFileSync('chattr', ['-i', path]);
}

describe('a read-only database file', () => {
  it('exits non-zero with a clear message and no stack trace (real process)', async () => {
    const configDir = makeConfigDir();
    const dbDir = mkdtempSync(join(tmpdir(), 'wirewatch-ro-'));
    const path = join(dbDir, 'wirewatch.db');
    openDatabase(path).close();
    const restore = makeUnwritable(path);
    try {
      const child = spawnWirewatch(['poll', '--once'], { HOME: dbDir, LOG_LEVEL: 'silent', WIREWATCH_CONFIG: configDir, WIREWATCH_DB: path });
      const { code } = await child.exited;
      const stderr = child.stderr;
      expect(stderr).toMatch(/wirewatch: database error: cannot open the database at .*wirewatch\.db: attempt to write a readonly database\. Check WIREWATCH_DB and that the file and its directory are writable\./);
      expect(stderr).not.toMatch(STACK_FRAME);
      expect(code).not.toBe(0);
      expect(code).not.toBeNull();
    } finally {
      restore();
    }
  });
});

describe('a database path wirewatch cannot create', () => {
  const startIn = (cwd: string, env: Record<string, string>) =>
    spawnWirewatch(['start'], { LOG_LEVEL: 'silent', WIREWATCH_CONFIG: join(process.cwd(), 'config'), ...env }, { cwd });

  it('in a working directory it cannot write: one clear line and exit 2 (real process)', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'wirewatch-cwd-'));
    const restore = makeUnwritable(cwd, 'folder');
    try {
      const child = startIn(cwd, { HOME: cwd });
      const { code } = await child.exited;
      // EACCES for a folder whose mode forbids writing; EPERM for an immutable one (as root).
      const data = join(cwd, 'data');
      expect(child.stderr).toMatch(
        new RegExp(`^wirewatch: database error: cannot create the database folder ${data} \\((EACCES|EPERM) at ${data}\\)\\. Point WIREWATCH_DB at a file in a folder wirewatch can write, or create that folder for it\\.\n$`, 'u'),
      );
      expect(code).toBe(2);
    } finally {
      restore();
    }
  });

  it('under /proc: one clear line and exit 2, no hang (real process)', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'wirewatch-cwd-'));
    const child = startIn(cwd, { HOME: cwd, WIREWATCH_DB: '/proc/x/y.db' });
    const { code, signal } = await child.exited;
    expect(signal).toBeNull();
    expect(child.stderr).toBe(
      'wirewatch: database error: cannot create the database folder /proc/x (ENOENT at /proc/x). Point WIREWATCH_DB at a file in a folder wirewatch can write, or create that folder for it.\n',
    );
    expect(code).toBe(2);
  });
});

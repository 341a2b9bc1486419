import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/store/database.js';
import { feedHost } from '../../src/store/feed-leases.js';
import { migrations } from '../../src/store/migrations/index.js';
import { migratePostgres } from '../../src/store/postgres/migrate.js';
import { postgresMigrations } from '../../src/store/postgres/migrations/index.js';
import { createEmptyDatabase, openTracked } from '../support/postgres.js';

/** Feeds stored before migration 14 get the host per-host politeness counts by, as new feeds get it in JavaScript. */
const urls = [
  'https://Example.ORG/feed?x=1',
  'http://user:secret@news.example:8080/rss#top',
  'https://kyivindependent.com:443/feed/',
  'http://127.0.0.2:80/a.xml',
  'https://sub.example.com?only=query',
  'https://wire.example',
];
const expected = ['example.org', 'news.example:8080', 'kyivindependent.com', '127.0.0.2', 'sub.example.com', 'wire.example'];
const insert = `INSERT INTO feeds (source_url, url, outlet, interval_seconds, origin, created_at) VALUES ($1, $1, 'Outlet', 300, 'config', 0)`;

describe('migration 14 (feed leases)', () => {
  it('agrees with feedHost on the hosts the examples have', () => {
    expect(urls.map(feedHost)).toEqual(expected);
  });

  it('fills the host of every existing feed on SQLite', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'wirewatch-hosts-')), 'wirewatch.db');
    const old = openDatabase(path, migrations.filter((migration) => migration.version < 14));
    for (const url of urls) old.prepare(insert.replaceAll('$1', '?')).run(url, url);
    old.close();
    const current = openDatabase(path);
    expect(current.prepare(`SELECT host FROM feeds ORDER BY id`).pluck().all()).toEqual(expected);
    current.close();
  });

  it('fills the host of every existing feed on PostgreSQL', async () => {
    const db = openTracked(await createEmptyDatabase());
    await migratePostgres(db.pool, postgresMigrations.filter((migration) => migration.version < 14));
    for (const url of urls) await db.run(insert, [url]);
    await migratePostgres(db.pool);
    expect(await db.column(`SELECT host FROM feeds ORDER BY id`)).toEqual(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { DatabaseError } from '../../../src/store/database.js';
import { migrations as sqliteMigrations } from '../../../src/store/migrations/index.js';
import { migratePostgres, schemaVersion } from '../../../src/store/postgres/migrate.js';
import { postgresMigrations } from '../../../src/store/postgres/migrations/index.js';
import { createEmptyDatabase, openTracked } from '../../support/postgres.js';

describe('PostgreSQL migrations', () => {
  it('mirror the SQLite ones step for step', () => {
    expect(postgresMigrations.map((migration) => [migration.version, migration.name])).toEqual(sqliteMigrations.map((migration) => [migration.version, migration.name]));
  });

  it('bring an empty database to the newest version once, even when two instances start together', async () => {
    const url = await createEmptyDatabase();
    const first = openTracked(url);
    const second = openTracked(url);
    const versions = await Promise.all([migratePostgres(first.pool), migratePostgres(second.pool)]);
    const newest = postgresMigrations.at(-1)?.version;
    expect(versions).toEqual([newest, newest]);
    expect(await schemaVersion(first.pool)).toBe(newest);
    expect(await first.value('SELECT COUNT(*) FROM schema_version')).toBe(1);
    expect(await first.column(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)).toEqual([
      'alert_decisions', 'alerts', 'command_registrations', 'digest_stories', 'feed_guilds', 'feeds', 'guild_topic_changes', 'guild_topics', 'item_topics', 'items',
      'outbox', 'quiet_holds', 'quote_pairs', 'quote_sources', 'quote_words', 'quotes', 'schema_version', 'stories', 'story_items', 'subscriptions',
    ]);
  });

  it('refuse a database from a newer wirewatch, saying what to do', async () => {
    const db = openTracked(await createEmptyDatabase());
    await migratePostgres(db.pool);
    await db.run('UPDATE schema_version SET version = 999');
    const refused = migratePostgres(db.pool);
    await expect(refused).rejects.toThrow(DatabaseError);
    await expect(refused).rejects.toThrow(/schema version 999, newer than this wirewatch \(\d+\); upgrade wirewatch or point WIREWATCH_DATABASE_URL elsewhere/);
  });

  it('leave a failed step undone, with the step named', async () => {
    const db = openTracked(await createEmptyDatabase());
    const broken = [...postgresMigrations.slice(0, 2), { version: 3, name: 'broken', sql: 'CREATE TABLE half (id int); SELECT no_such_function()' }];
    await expect(migratePostgres(db.pool, broken)).rejects.toThrow(/migration 3 \(broken\) failed/);
    expect(await schemaVersion(db.pool)).toBe(2);
    expect(await db.value(`SELECT to_regclass('half') IS NULL`)).toBe(true);
  });
});

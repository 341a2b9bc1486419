import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAppConfig } from '../../src/config/app-config.js';
import { parseEnv } from '../../src/config/env.js';
import { problemsOf } from '../support/config-problems.js';

function configDirWith(feedsJson: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'wirewatch-config-'));
  writeFileSync(join(dir, 'feeds.json'), feedsJson);
  return dir;
}

describe('the shipped config', () => {
  it('loads and lists real feeds', () => {
    const config = loadAppConfig('config');
    expect(config.feeds.feeds.length).toBeGreaterThanOrEqual(10);
    expect(Object.isFrozen(config)).toBe(true);
  });
});

describe('feeds.json mistakes', () => {
  it('names the file and the JSON path of every problem at once', () => {
    const dir = configDirWith(
      JSON.stringify({
        polling: { contactUrl: 'https://example.org' },
        feeds: [
          { url: 'not a url', outlet: 'A' },
          { url: 'https://example.org/feed', outlet: '', intervalMinutes: 1 },
        ],
      }),
    );
    const problems = problemsOf(() => loadAppConfig(dir));
    expect(problems).toEqual([
      expect.stringMatching(/feeds\.json: feeds\[0\]\.url: give the full feed URL/),
      expect.stringMatching(/feeds\.json: feeds\[1\]\.outlet: name the outlet/),
      expect.stringMatching(/feeds\.json: feeds\[1\]\.intervalMinutes: poll at most every 2 minutes/),
    ]);
  });

  it('reports unknown keys, duplicate feeds and broken JSON', () => {
    const duplicate = { url: 'https://example.org/feed', outlet: 'A' };
    expect(problemsOf(() => loadAppConfig(configDirWith(JSON.stringify({ polling: { contactUrl: 'https://x.org' }, feeds: [duplicate, duplicate] })))))
      .toEqual([expect.stringMatching(/feeds\[1\]\.url: this URL is listed twice/)]);
    expect(problemsOf(() => loadAppConfig(configDirWith(JSON.stringify({ polling: { contactUrl: 'https://x.org', typo: 1 }, feeds: [] })))))
      .toEqual([expect.stringMatching(/polling: Unrecognized key\(s\) in object: 'typo'/)]);
    expect(problemsOf(() => loadAppConfig(configDirWith('{"feeds": [,]}')))).toEqual([expect.stringMatching(/feeds\.json: not valid JSON/)]);
    expect(problemsOf(() => loadAppConfig(join(tmpdir(), 'no-such-wirewatch-dir')))).toEqual([expect.stringMatching(/feeds\.json: cannot read it: the file does not exist/)]);
  });
});

describe('environment', () => {
  it('applies defaults and treats empty values as unset', () => {
    expect(parseEnv({ DISCORD_TOKEN: '' })).toMatchObject({
      WIREWATCH_DB: './data/wirewatch.db',
      WIREWATCH_CONFIG: './config',
      WIREWATCH_ALLOW_PRIVATE_NETWORKS: false,
      LOG_LEVEL: 'info',
    });
    expect(parseEnv({ DISCORD_TOKEN: '' }).DISCORD_TOKEN).toBeUndefined();
    expect(parseEnv({ WIREWATCH_ALLOW_PRIVATE_NETWORKS: '1' }).WIREWATCH_ALLOW_PRIVATE_NETWORKS).toBe(true);
    expect(parseEnv({}).WIREWATCH_MAX_ALERTS_PER_HOUR).toBe(10);
    expect(parseEnv({ WIREWATCH_MAX_ALERTS_PER_HOUR: '3' }).WIREWATCH_MAX_ALERTS_PER_HOUR).toBe(3);
    expect(() => parseEnv({ WIREWATCH_MAX_ALERTS_PER_HOUR: '0' })).toThrow(/WIREWATCH_MAX_ALERTS_PER_HOUR: at least 1 alert an hour per channel/);
    expect(parseEnv({}).WIREWATCH_POLL_RECHECK_SECONDS).toBe(30);
    expect(parseEnv({ WIREWATCH_POLL_RECHECK_SECONDS: '1' }).WIREWATCH_POLL_RECHECK_SECONDS).toBe(1);
    expect(() => parseEnv({ WIREWATCH_POLL_RECHECK_SECONDS: '0.5' })).toThrow(/WIREWATCH_POLL_RECHECK_SECONDS: give a whole number of seconds/);
  });

  it('says which variable is wrong and how to fix it, without echoing the token', () => {
    const problems = problemsOf(() => parseEnv({ LOG_LEVEL: 'loud', DISCORD_GUILD_ID: 'my-server', DISCORD_TOKEN: 'secret-token-value' }));
    expect(problems).toEqual([
      expect.stringMatching(/environment: LOG_LEVEL: use one of fatal, error/),
      expect.stringMatching(/environment: DISCORD_GUILD_ID: give the numeric id/),
    ]);
    expect(problems.join('\n')).not.toContain('secret-token-value');
  });
});

describe('environment: gateway shards and instance id', () => {
  const token = { DISCORD_TOKEN: 'secret-token-value' };

  it('plans one unsharded connection by default, auto, some shards of a count, or none', () => {
    expect(parseEnv(token).gateway).toEqual({ kind: 'unsharded' });
    expect(parseEnv({ ...token, WIREWATCH_SHARDS: 'auto' }).gateway).toEqual({ kind: 'auto' });
    expect(parseEnv({ ...token, WIREWATCH_SHARD_COUNT: '4', WIREWATCH_SHARD_IDS: '3, 1' }).gateway).toEqual({ kind: 'shards', count: 4, ids: [1, 3] });
    expect(parseEnv({ ...token, WIREWATCH_SHARD_COUNT: '2' }).gateway).toEqual({ kind: 'shards', count: 2, ids: [0, 1] });
    expect(parseEnv({ ...token, WIREWATCH_SHARD_IDS: 'none' }).gateway).toEqual({ kind: 'none' });
  });

  it('names the instance after the host and process unless WIREWATCH_INSTANCE_ID says otherwise', () => {
    expect(parseEnv({}).WIREWATCH_INSTANCE_ID).toMatch(new RegExp(`-${process.pid}$`));
    expect(parseEnv({ WIREWATCH_INSTANCE_ID: 'wirewatch-b' }).WIREWATCH_INSTANCE_ID).toBe('wirewatch-b');
    expect(problemsOf(() => parseEnv({ WIREWATCH_INSTANCE_ID: 'has space' }))).toEqual([expect.stringMatching(/environment: WIREWATCH_INSTANCE_ID: use up to 63 letters/)]);
  });

  it.each([
    [{ WIREWATCH_SHARDS: '2' }, /WIREWATCH_SHARDS: the only value is auto .*set WIREWATCH_SHARD_COUNT and WIREWATCH_SHARD_IDS instead/],
    [{ WIREWATCH_SHARDS: 'auto', WIREWATCH_SHARD_COUNT: '2' }, /WIREWATCH_SHARDS: auto runs every shard .*remove those/],
    [{ WIREWATCH_SHARD_IDS: '0,1' }, /WIREWATCH_SHARD_IDS: shard ids need the total count: set WIREWATCH_SHARD_COUNT/],
    [{ WIREWATCH_SHARD_COUNT: '2', WIREWATCH_SHARD_IDS: '1,2' }, /WIREWATCH_SHARD_IDS: shard 2 is not below WIREWATCH_SHARD_COUNT \(2\): ids run from 0 to 1/],
    [{ WIREWATCH_SHARD_COUNT: '2', WIREWATCH_SHARD_IDS: '0,0' }, /WIREWATCH_SHARD_IDS: shard 0 is listed twice/],
    [{ WIREWATCH_SHARD_COUNT: '2', WIREWATCH_SHARD_IDS: 'first' }, /WIREWATCH_SHARD_IDS: "first" is not a list of shard ids: write ids separated by commas \(e\.g\. 0,1\), or none/],
    [{ WIREWATCH_SHARD_COUNT: '0' }, /WIREWATCH_SHARD_COUNT: at least 1 shard/],
  ])('explains a wrong shard setting: %o', (variables, problem) => {
    const problems = problemsOf(() => parseEnv({ ...token, ...variables }));
    expect(problems).toEqual([expect.stringMatching(problem)]);
    expect(problems[0]).toMatch(/^environment: /);
  });

  it('refuses shard settings without a token, since a headless bot connects to no gateway', () => {
    expect(problemsOf(() => parseEnv({ WIREWATCH_SHARD_IDS: 'none' }))).toEqual([expect.stringMatching(/environment: WIREWATCH_SHARD_IDS: sharding needs DISCORD_TOKEN/)]);
  });
});

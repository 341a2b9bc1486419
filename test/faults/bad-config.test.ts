import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { makeConfigDir } from '../support/config-dir.js';
import { spawnWirewatch } from '../support/wirewatch-child.js';

/**
 * Every configuration or environment mistake gives one clear message naming the file (or variable), the JSON path
 * and the fix, and a non-zero exit; never a stack trace.
 */
const STACK_FRAME = /^\s+at .+[(:]/m;

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

async function pollOnce(env: Record<string, string>): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['poll', '--once'], {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: { LOG_LEVEL: 'silent', ...env },
    cwd: process.cwd(),
  });
  return { code, stdout, stderr };
}

/** A valid config folder (no feeds, so nothing is fetched) with one file replaced. */
function configWith(file: 'feeds.json' | 'topics.json' | 'people.json', edit: (json: Record<string, unknown>) => unknown): string {
  const dir = makeConfigDir();
  const json = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(dir, file), JSON.stringify(edit(json), null, 2));
  return dir;
}

function envFor(configDir: string): Record<string, string> {
  return { WIREWATCH_CONFIG: configDir, WIREWATCH_DB: join(configDir, 'wirewatch.db') };
}

type Topic = { id: string; name: string; rules: { anyOf: { terms: unknown[] }[] } };
type Person = { id: string; name: string; aliases?: unknown };

const mistakes: { name: string; env: () => Record<string, string>; expected: RegExp[] }[] = [
  {
    name: 'feeds.json is not valid JSON',
    env: () => {
      const dir = makeConfigDir();
      writeFileSync(join(dir, 'feeds.json'), '{"polling": {"contactUrl": "https://example.org/bot",}, "feeds": []}');
      return envFor(dir);
    },
    expected: [/feeds\.json: not valid JSON/, /trailing comma/],
  },
  {
    name: 'feeds.json lists an ftp URL',
    env: () => envFor(configWith('feeds.json', (json) => ({ ...json, feeds: [{ url: 'ftp://news.example/rss', outlet: 'FTP News' }] }))),
    expected: [/feeds\.json: feeds\[0\]\.url: /, /starting with https:\/\//],
  },
  {
    name: 'feeds.json polls too often',
    env: () => envFor(configWith('feeds.json', (json) => ({ ...json, feeds: [{ url: 'https://news.example/rss', outlet: 'News', intervalMinutes: 0.5 }] }))),
    expected: [/feeds\.json: feeds\[0\]\.intervalMinutes: poll at most every 2 minutes/],
  },
  {
    name: 'feeds.json has no contact URL',
    env: () => envFor(configWith('feeds.json', (json) => ({ ...json, polling: {} }))),
    expected: [/feeds\.json: polling\.contactUrl: Required: add it, as text in double quotes/],
  },
  {
    name: 'feeds.json has a misspelt key',
    env: () => envFor(configWith('feeds.json', (json) => ({ ...json, feeds: [{ url: 'https://news.example/rss', outlet: 'News', fulltext: true }] }))),
    expected: [/feeds\.json: feeds\[0\]: Unrecognized key\(s\) in object: 'fulltext'; remove it or correct the spelling/],
  },
  {
    name: 'topics.json has a topic without terms',
    env: () =>
      envFor(
        configWith('topics.json', (json) => {
          const topics = json.topics as Topic[];
          const [first] = topics;
          if (first) first.rules.anyOf = [{ ...first.rules.anyOf[0], terms: [] }];
          return json;
        }),
      ),
    expected: [/topics\.json: topics\[0\]\.rules\.anyOf\[0\]\.terms: give at least one term/],
  },
  {
    name: 'topics.json is empty',
    env: () => {
      const dir = configWith('topics.json', (json) => json);
      writeFileSync(join(dir, 'topics.json'), '');
      return envFor(dir);
    },
    expected: [/topics\.json: not valid JSON .*check commas, quotes and brackets/],
  },
  {
    name: 'people.json has a person without a name',
    env: () =>
      envFor(
        configWith('people.json', (json) => {
          const people = json.people as Person[];
          const [, second] = people;
          if (second) second.name = '';
          return json;
        }),
      ),
    expected: [/people\.json: people\[1\]\.name: give the canonical full name/],
  },
  {
    name: 'people.json gives aliases as a string',
    env: () =>
      envFor(
        configWith('people.json', (json) => {
          const people = json.people as Person[];
          const [first] = people;
          if (first) first.aliases = 'Trump';
          return json;
        }),
      ),
    expected: [/people\.json: people\[0\]\.aliases: Expected array, received string: write a list in square brackets/],
  },
  {
    name: 'WIREWATCH_CONFIG points at a folder without the files',
    env: () => envFor(mkdtempSync(join(tmpdir(), 'wirewatch-empty-'))),
    expected: [/feeds\.json: cannot read it: the file does not exist/, /Set WIREWATCH_CONFIG/],
  },
  {
    name: 'LOG_LEVEL is not a level',
    env: () => ({ ...envFor(makeConfigDir()), LOG_LEVEL: 'loud' }),
    expected: [/environment: LOG_LEVEL: use one of fatal, error, warn/],
  },
  {
    name: 'WIREWATCH_ALLOW_PRIVATE_NETWORKS is "yes"',
    env: () => ({ ...envFor(makeConfigDir()), WIREWATCH_ALLOW_PRIVATE_NETWORKS: 'yes' }),
    expected: [/environment: WIREWATCH_ALLOW_PRIVATE_NETWORKS: use 1 to turn it on or 0/],
  },
  {
    name: 'DISCORD_GUILD_ID is a server name',
    env: () => ({ ...envFor(makeConfigDir()), DISCORD_GUILD_ID: 'Peace Talks Watch' }),
    expected: [/environment: DISCORD_GUILD_ID: give the numeric id of a server/],
  },
  {
    name: 'DISCORD_API_URL is not a URL',
    env: () => ({ ...envFor(makeConfigDir()), DISCORD_API_URL: 'discord.com/api' }),
    expected: [/environment: DISCORD_API_URL: give a URL such as https:\/\/discord\.com\/api/],
  },
  {
    name: 'WIREWATCH_HTTP_PORT is out of range',
    env: () => ({ ...envFor(makeConfigDir()), WIREWATCH_HTTP_PORT: '99999' }),
    expected: [/environment: WIREWATCH_HTTP_PORT: a port is 0–65535/],
  },
];

describe('configuration mistakes, run in-process', () => {
  it.each(mistakes.map((mistake) => [mistake.name, mistake] as const))('%s', async (_name, mistake) => {
    const run = await pollOnce(mistake.env());
    expect(run.code).not.toBe(0);
    expect(run.stdout).toBe('');
    for (const pattern of mistake.expected) expect(run.stderr).toMatch(pattern);
    // One mistake, one message: the heading and a single problem line.
    expect(run.stderr.trim().split('\n')).toEqual(['wirewatch: configuration error', expect.any(String)]);
    expect(run.stderr).not.toMatch(STACK_FRAME);
    expect(run.stderr).not.toMatch(/unexpected error|ZodError|TypeError/);
  });
});

describe('a configuration mistake in a real process', () => {
  it('exits non-zero with the message and no stack trace', async () => {
    const dir = configWith('feeds.json', (json) => ({ ...json, feeds: [{ url: 'https://news.example/rss', outlet: '' }] }));
    const child = spawnWirewatch(['poll', '--once'], { LOG_LEVEL: 'silent', ...envFor(dir) });
    const { code } = await child.exited;
    const stderr = child.stderr;
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(stderr).toContain('wirewatch: configuration error');
    expect(stderr).toMatch(/feeds\.json: feeds\[0\]\.outlet: name the outlet/);
    expect(stderr).not.toMatch(STACK_FRAME);
  });
});

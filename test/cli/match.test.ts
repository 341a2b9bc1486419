import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runMatchCommand } from '../../src/cli/commands/match.js';
import { UsageError, type CliIo } from '../../src/cli/io.js';
import { ConfigError } from '../../src/config/load-json.js';

const root = mkdtempSync(join(tmpdir(), 'wirewatch-match-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const topics = {
  topics: [
    {
      id: 'crimea',
      name: 'Crimea',
      description: 'The status of Crimea',
      threshold: 3,
      rules: { anyOf: [{ terms: ['Crimea'] }], context: ['Russia', 'Ukraine', { person: 'vladimir-putin' }] },
    },
    { id: 'ceasefire', name: 'Ceasefire', description: 'Ceasefire talks', threshold: 3, rules: { anyOf: [{ terms: ['ceasefire'] }] } },
  ],
};
const people = {
  people: [{ id: 'vladimir-putin', name: 'Vladimir Putin', role: 'President of Russia', aliases: ['Putin'], titles: [], principal: true }],
};

function configFolder(name: string, topicsJson: unknown): string {
  const folder = join(root, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'topics.json'), JSON.stringify(topicsJson));
  writeFileSync(join(folder, 'people.json'), JSON.stringify(people));
  return folder;
}

function capture(env: NodeJS.ProcessEnv, cwd = root): { io: CliIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (text) => out.push(text), stderr: (text) => err.push(text), env, cwd }, out, err };
}

const input = [
  JSON.stringify({ id: 'a1', title: 'Putin: Crimea is not up for discussion', summary: 'The Kremlin said so.' }),
  'this is not json',
  JSON.stringify({ id: 7, title: 'Ceasefire holds', content: 'Both sides said the ceasefire held overnight in Crimea.' }),
  '',
  JSON.stringify({ id: 'no-title', summary: 'A summary without a title' }),
  JSON.stringify({ id: 'quiet', title: 'Weather: sunny spells' }),
].join('\n');
writeFileSync(join(root, 'items.jsonl'), `${input}\n`);

describe('wirewatch match', () => {
  const config = configFolder('config-a', topics);

  it('--json prints one line per input, in order; malformed lines get an error and the run goes on', async () => {
    const { io, out } = capture({ WIREWATCH_CONFIG: config });
    expect(await runMatchCommand(['--json', 'items.jsonl'], io)).toBe(0);
    const lines = out.join('').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => [line.id, line.topics ?? 'error'])).toEqual([
      ['a1', ['crimea']],
      [null, 'error'],
      [7, ['ceasefire']],
      [null, 'error'],
      ['quiet', []],
    ]);
    expect(lines[1]?.error).toMatch(/^line 2: not valid JSON/);
    expect(lines[3]?.error).toMatch(/^line 5: missing "title"/);
    expect(lines[0]?.explain).toMatchObject({
      crimea: {
        score: 3,
        threshold: 3,
        context: { term: 'person:vladimir-putin', field: 'title', text: 'Putin' },
        signals: [{ field: 'title', hits: [{ term: 'Crimea', field: 'title', text: 'Crimea' }] }],
      },
    });
  });

  it('prints a readable line per item without --json', async () => {
    const { io, out } = capture({ WIREWATCH_CONFIG: config });
    await runMatchCommand(['items.jsonl'], io);
    const text = out.join('');
    expect(text).toContain('a1: crimea\n  crimea: score 3 ≥ threshold 3: "Crimea" in title (+3)\n');
    expect(text).toContain('error: line 2: not valid JSON');
    expect(text).toContain('quiet: no topics\n');
  });

  it('reads config/ in the working directory by default', async () => {
    const cwd = join(root, 'project');
    const folder = join(cwd, 'config');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'topics.json'), JSON.stringify({ topics: [topics.topics[1]] }));
    copyFileSync('config/people.json', join(folder, 'people.json'));
    const { io, out } = capture({}, cwd);
    await runMatchCommand(['--json', '../items.jsonl'], io);
    expect(out.map((line) => (JSON.parse(line) as { topics?: string[] }).topics)).toEqual([[], undefined, ['ceasefire'], undefined, []]);
  });

  it('reports invalid rules with the file and JSON path', async () => {
    const broken = { topics: [{ ...topics.topics[1], rules: { anyOf: [{ terms: ['cease(fire)?'] }] } }] };
    const { io } = capture({ WIREWATCH_CONFIG: configFolder('config-broken', broken) });
    const failure = runMatchCommand(['items.jsonl'], io);
    await expect(failure).rejects.toBeInstanceOf(ConfigError);
    await expect(failure).rejects.toThrow(/topics\.json: topics\[0\]\.rules\.anyOf\[0\]\.terms\[0\]: "cease\(fire\)\?" looks like a regular expression/);
  });

  it('explains usage mistakes and missing files', async () => {
    const { io, err } = capture({ WIREWATCH_CONFIG: config });
    await expect(runMatchCommand([], io)).rejects.toBeInstanceOf(UsageError);
    expect(await runMatchCommand(['missing.jsonl'], io)).toBe(1);
    expect(err.join('')).toContain('no such file: missing.jsonl');
  });
});

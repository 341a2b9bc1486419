import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runQuotesCommand } from '../../src/cli/commands/quotes.js';
import { UsageError } from '../../src/cli/io.js';
import { ConfigError } from '../../src/config/load-json.js';
import { htmlToText } from '../../src/ingest/parse/html-text.js';
import { describeWithShared, sharedPath } from '../support/shared-material.js';
import { runCommand, type CommandRun } from '../support/run-command.js';

const projectRoot = resolve(new URL('../..', import.meta.url).pathname);
const seedPath = sharedPath('seed/ukraine-peace-talks-2025-08.txt');
const scratch = mkdtempSync(join(tmpdir(), 'wirewatch-quotes-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CommandRun> {
  return runCommand(runQuotesCommand, argv, env, projectRoot);
}

describeWithShared('wirewatch quotes', () => {
  it('prints the contract fields as a JSON array, with offsets into the file', async () => {
    const { code, stdout } = await run(['--json', seedPath]);
    expect(code).toBe(0);
    const quotes = JSON.parse(stdout) as Record<string, unknown>[];
    expect(quotes).toHaveLength(11);
    const text = readFileSync(seedPath, 'utf8');
    for (const quote of quotes) {
      expect(Object.keys(quote)).toEqual(['quote', 'speaker', 'speakerType', 'speakerLabel', 'cue', 'to', 'kind', 'start', 'end', 'confidence']);
      expect(text.slice(quote.start as number, quote.end as number)).toBe(quote.quote);
    }
    expect(quotes.at(-1)).toMatchObject({ speaker: null, speakerType: 'nominal', speakerLabel: 'one European diplomat' });
  });

  it('converts HTML to text first, and gives offsets into that text', async () => {
    const html = '<html><body><h1>Talks</h1><p>&ldquo;We are close,&rdquo; Witkoff told <b>CNN</b>.</p><p>Zelensky said it was &ldquo;historic.&rdquo;</p></body></html>';
    const file = join(scratch, 'article.html');
    writeFileSync(file, html);
    const { code, stdout } = await run(['--json', file]);
    expect(code).toBe(0);
    const quotes = JSON.parse(stdout) as { quote: string; speaker: string; start: number; end: number; to: string }[];
    expect(quotes.map((quote) => [quote.quote, quote.speaker])).toEqual([
      ['We are close,', 'Steve Witkoff'],
      ['historic.', 'Volodymyr Zelensky'],
    ]);
    const text = htmlToText(html);
    for (const quote of quotes) expect(text.slice(quote.start, quote.end)).toBe(quote.quote);
  });

  it('prints a readable list without --json', async () => {
    const { code, stdout } = await run([seedPath]);
    expect(code).toBe(0);
    expect(stdout).toContain('1. “end Russia’s war if he wants to,”');
    expect(stdout).toContain('— Steve Witkoff · told → CNN · full');
    expect(stdout).toContain('— one European diplomat (nominal) · put it');
  });

  it('adds reported speech with --indirect', async () => {
    const quotes = JSON.parse((await run(['--json', '--indirect', seedPath])).stdout) as { kind: string; quote: string }[];
    expect(quotes.filter((quote) => quote.kind !== 'indirect')).toHaveLength(11);
    expect(quotes.some((quote) => quote.kind === 'indirect' && quote.quote.startsWith('Kyiv would not reclaim Crimea'))).toBe(true);
  });

  it('loads people from WIREWATCH_CONFIG', async () => {
    const config = join(scratch, 'config');
    mkdirSync(config);
    writeFileSync(join(config, 'people.json'), JSON.stringify({ people: [{ id: 'jane-doe', name: 'Jane Doe', role: 'mediator', aliases: ['Doe'] }] }));
    const file = join(scratch, 'doe.txt');
    writeFileSync(file, '“We are close,” Doe said.');
    const quotes = JSON.parse((await run(['--json', file], { WIREWATCH_CONFIG: config })).stdout) as { speaker: string }[];
    expect(quotes[0]?.speaker).toBe('Jane Doe');
  });

  it('reports a missing file with exit code 1', async () => {
    const { code, stderr } = await run(['no-such-article.txt']);
    expect(code).toBe(1);
    expect(stderr).toContain('no such file: no-such-article.txt');
  });

  it('rejects a call without exactly one file, and a broken people.json', async () => {
    await expect(run([])).rejects.toThrow(UsageError);
    await expect(run(['a.txt', 'b.txt'])).rejects.toThrow(UsageError);
    const broken = join(scratch, 'broken');
    mkdirSync(broken);
    writeFileSync(join(broken, 'people.json'), '{"people": [{"id": "Not An Id", "name": "X", "role": "y"}]}');
    await expect(run([seedPath], { WIREWATCH_CONFIG: broken })).rejects.toThrow(ConfigError);
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runSummarizeCommand } from '../../src/cli/commands/summarize.js';
import { UsageError } from '../../src/cli/io.js';
import { ConfigError } from '../../src/config/load-json.js';
import { describeWithShared, sharedPath } from '../support/shared-material.js';
import { runCommand, type CommandRun } from '../support/run-command.js';

const projectRoot = resolve(new URL('../..', import.meta.url).pathname);
const seedPath = sharedPath('seed/ukraine-peace-talks-2025-08.txt');
const scratch = mkdtempSync(join(tmpdir(), 'wirewatch-summarize-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function run(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<CommandRun> {
  return runCommand(runSummarizeCommand, argv, env, projectRoot);
}

describeWithShared('wirewatch summarize', () => {
  it('prints summary, sentences and key quotes as JSON', async () => {
    const { code, stdout } = await run(['--json', seedPath]);
    expect(code).toBe(0);
    const output = JSON.parse(stdout) as { summary: string; sentences: string[]; keyQuotes: { quote: string; speaker: string | null }[] };
    expect(Object.keys(output)).toEqual(['summary', 'sentences', 'keyQuotes']);
    expect(output.sentences[0]).toMatch(/^Hours before a high-stakes White House meeting/);
    expect(output.summary).toBe(output.sentences.join(' '));
    expect(output.keyQuotes[0]?.speaker).toBe('Steve Witkoff');
    expect(output.keyQuotes.slice(0, 2).some((quote) => /Article 5/.test(quote.quote))).toBe(true);
    const text = readFileSync(seedPath, 'utf8');
    for (const sentence of output.sentences) expect(text).toContain(sentence);
  });

  it('prints a readable summary with numbered key quotes', async () => {
    const { code, stdout } = await run([seedPath]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Hours before a high-stakes White House meeting/);
    expect(stdout).toContain('Key quotes:\n1. “');
  });

  it('converts HTML to text first', async () => {
    const file = join(scratch, 'article.html');
    writeFileSync(
      file,
      '<html><body><h1>Talks end</h1><p>By Jane Doe</p><p>Russia and Ukraine agreed on Friday to exchange 1,000 prisoners of war each in Istanbul.</p>' +
        '<p>&ldquo;We are ready for the next meeting,&rdquo; Rustem Umerov told reporters after the talks.</p></body></html>',
    );
    const { code, stdout } = await run(['--json', file]);
    expect(code).toBe(0);
    const output = JSON.parse(stdout) as { sentences: string[]; keyQuotes: { speaker: string }[] };
    expect(output.sentences[0]).toBe('Russia and Ukraine agreed on Friday to exchange 1,000 prisoners of war each in Istanbul.');
    expect(output.keyQuotes[0]?.speaker).toBe('Rustem Umerov');
  });

  it('reports a missing file, usage mistakes and a missing people file', async () => {
    const missing = await run(['nowhere.txt']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no such file: nowhere.txt');
    await expect(run([])).rejects.toBeInstanceOf(UsageError);
    await expect(run(['--verbose', seedPath])).rejects.toBeInstanceOf(UsageError);
    await expect(run([seedPath], { WIREWATCH_CONFIG: scratch })).rejects.toBeInstanceOf(ConfigError);
  });
});

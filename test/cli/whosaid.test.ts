import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWhosaidCommand } from '../../src/cli/commands/whosaid.js';
import { UsageError, type CliIo } from '../../src/cli/io.js';
import { openSqliteStores } from '../../src/store/sqlite-backend.js';
import { extracted, person, reportQuotes } from '../support/quotes-db.js';

const AUG_18 = Date.UTC(2025, 7, 18, 9, 30);
const HOUR = 3_600_000;

let dir: string;
let dbPath: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'wirewatch-whosaid-'));
  dbPath = join(dir, 'data', 'wirewatch.db');
  // The command reads the SQLite file WIREWATCH_DB names.
  const store = openSqliteStores(dbPath);
  const { stores } = store;
  const witkoff = extracted(
    'It was agreed at the Alaska summit that the U.S. and Europe could effectively offer Article 5-like language to cover a security guarantee,',
    { ...person('Steve Witkoff'), to: 'CNN', cue: 'told' },
  );
  await reportQuotes(stores, { outlet: 'Kyiv Independent', at: AUG_18, link: 'https://kyivindependent.example/witkoff' }, [witkoff]);
  await reportQuotes(stores, { outlet: 'Reuters', at: AUG_18 + HOUR }, [{ ...witkoff, quote: witkoff.quote.replace(',', '') }]);
  await reportQuotes(stores, { outlet: 'AP', at: AUG_18 + 2 * HOUR }, [witkoff]);
  await reportQuotes(stores, { outlet: 'AP', at: AUG_18 + 3 * HOUR }, [
    extracted('Security guarantees must be practical: on land, in the air and at sea', person('Volodymyr Zelensky')),
    extracted('Any security guarantees for Ukraine have to be credible, or they are worth nothing', person('Keir Starmer')),
    extracted('The world will be watching to see whether Washington defends Ukraine\u2014or rewards Moscow.', { speakerType: 'nominal', speakerLabel: 'one European diplomat' }),
    extracted('Any deployment of Western troops in Ukraine is unacceptable to us', { speakerType: 'organization', speakerLabel: 'the Kremlin', cue: 'said in a statement' }),
  ]);
  await store.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[], env: NodeJS.ProcessEnv = { WIREWATCH_DB: dbPath }): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), env, cwd: dir };
  const code = await runWhosaidCommand(argv, io);
  return { code, stdout, stderr };
}

describe('wirewatch whosaid', () => {
  it('names the speaker, the recipient, the first reporter, the full quote and how many others reported it', async () => {
    const { code, stdout } = await run(['agreed at the Alaska summit']);
    expect(code).toBe(0);
    expect(stdout.split('\n')).toEqual([
      'Steve Witkoff, to CNN, reported by Kyiv Independent on 2025-08-18 09:30 UTC, https://kyivindependent.example/witkoff',
      '\u201cIt was agreed at the Alaska summit that the U.S. and Europe could effectively offer Article 5-like language to cover a security guarantee\u201d',
      'also reported by 2 other outlets',
      '',
    ]);
  });

  it('reads the default database path relative to the working directory', async () => {
    const { code, stdout } = await run(['Article 5-like', 'language'], {});
    expect(code).toBe(0);
    expect(stdout).toContain('Steve Witkoff');
  });

  it('lists the alternatives when the fragment fits several quotes, and labels an unnamed speaker', async () => {
    const ambiguous = await run(['security', 'guarantees']);
    expect(ambiguous.stdout).toMatch(/Or perhaps \(\d other close match(es)?\):\n {2}- (Volodymyr Zelensky|Keir Starmer): \u201c/);
    const unnamed = await run(['whether Washington defends Ukraine']);
    expect(unnamed.stdout.split('\n')[0]).toBe('Unnamed: one European diplomat, reported by AP on 2025-08-18 12:30 UTC, https://ap.example/1755520200000');
    const organisation = await run(['deployment of western troops']);
    expect(organisation.stdout.split('\n')[0]).toMatch(/^the Kremlin, reported by AP on /);
  });

  it('prints JSON for machines', async () => {
    const { code, stdout } = await run(['--json', '"Article 5-like language"']);
    expect(code).toBe(0);
    const parsed = JSON.parse(stdout) as { fragment: string; best: { speaker: string; outletCount: number; firstSource: { outlet: string } }; alternatives: unknown[] };
    expect(parsed).toMatchObject({ fragment: '"Article 5-like language"', best: { speaker: 'Steve Witkoff', outletCount: 3, firstSource: { outlet: 'Kyiv Independent' } }, alternatives: [] });
  });

  it('says so and exits 1 when nothing matches, in text and in JSON', async () => {
    const text = await run(['the grain corridor reopened']);
    expect(text.code).toBe(1);
    expect(text.stdout).toMatch(/^No stored quote matches \u201cthe grain corridor reopened\u201d/);
    const json = await run(['--json', 'NEAR(grain corridor)']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({ fragment: 'NEAR(grain corridor)', best: null, alternatives: [] });
  });

  it('rejects a missing fragment or a bad limit, and a database that does not exist', async () => {
    await expect(run([])).rejects.toThrow(UsageError);
    await expect(run(['--limit', '0', 'robust'])).rejects.toThrow(/--limit takes a whole number/);
    const missing = await run(['robust'], { WIREWATCH_DB: join(dir, 'nowhere.db') });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no database at');
  });
});

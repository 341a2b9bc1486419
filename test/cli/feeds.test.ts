import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run-cli.js';
import { feedsFileSchema } from '../../src/config/feeds.js';
import { readOpml } from '../../src/opml/index.js';
import { makeConfigDir } from '../support/config-dir.js';

const SHIPPED = JSON.parse(readFileSync('config/feeds.json', 'utf8')) as { feeds: { outlet: string; url: string }[] };

async function run(args: string[], configDir: string, env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(args, { stdout: (text) => out.push(text), stderr: (text) => err.push(text), env: { WIREWATCH_CONFIG: configDir, ...env }, cwd: configDir });
  return { code, out: out.join(''), err: err.join('') };
}

function configuredFeeds(dir: string) {
  return feedsFileSchema.parse(JSON.parse(readFileSync(join(dir, 'feeds.json'), 'utf8'))).feeds.map(({ outlet, url }) => ({ outlet, url }));
}

describe('wirewatch feeds import|export', () => {
  it('imports into an empty config what export wrote from the shipped one: the same feeds', async () => {
    const shipped = makeConfigDir(SHIPPED.feeds);
    expect(await run(['feeds', 'export', 'list.opml'], shipped)).toMatchObject({ code: 0, out: expect.stringContaining(`Wrote ${SHIPPED.feeds.length} feeds`) });
    const opml = readFileSync(join(shipped, 'list.opml'), 'utf8');
    expect(readOpml(opml)).toMatchObject({ ok: true, feeds: SHIPPED.feeds.map(({ outlet, url }) => ({ outlet, url })) });

    const empty = makeConfigDir([]);
    writeFileSync(join(empty, 'list.opml'), opml);
    const imported = await run(['feeds', 'import', 'list.opml'], empty);
    expect(imported).toMatchObject({ code: 0, out: expect.stringContaining(`${SHIPPED.feeds.length} added`) });
    expect(configuredFeeds(empty)).toEqual(configuredFeeds(shipped));
    // The file stays one feed a line, and a second import adds nothing.
    expect(readFileSync(join(empty, 'feeds.json'), 'utf8').split('\n').filter((line) => line.includes('"url"'))).toHaveLength(SHIPPED.feeds.length);
    expect((await run(['feeds', 'import', 'list.opml'], empty)).out).toContain('0 added');
  });

  it('refuses private and local addresses feed by feed, and a bad file as a whole, changing nothing', async () => {
    const dir = makeConfigDir([{ outlet: 'Kept', url: 'https://kept.example/rss' }]);
    writeFileSync(join(dir, 'mixed.opml'), `<opml version="2.0"><body>
      <outline text="Router" xmlUrl="http://192.168.1.1/rss"/><outline text="Loop" xmlUrl="http://localhost:8080/rss"/>
      <outline text="V6" xmlUrl="http://[::1]/rss"/><outline text="Public" xmlUrl="https://news.example/rss"/></body></opml>`);
    const mixed = await run(['feeds', 'import', 'mixed.opml'], dir);
    expect(mixed.out.match(/^refused .*private or local network address/gmu)).toHaveLength(3);
    expect(configuredFeeds(dir)).toEqual([{ outlet: 'Kept', url: 'https://kept.example/rss' }, { outlet: 'Public', url: 'https://news.example/rss' }]);

    writeFileSync(join(dir, 'notes.opml'), 'not xml at all');
    writeFileSync(join(dir, 'huge.opml'), ' '.repeat(2 * 1024 * 1024));
    expect(await run(['feeds', 'import', 'notes.opml'], dir)).toMatchObject({ code: 2, err: expect.stringContaining('the file is not XML') });
    expect(await run(['feeds', 'import', 'huge.opml'], dir)).toMatchObject({ code: 2, err: expect.stringContaining('at most 1 MB. Nothing was added') });
    expect(await run(['feeds', 'import'], dir)).toMatchObject({ code: 2, err: expect.stringContaining('usage: wirewatch feeds import') });
    expect(configuredFeeds(dir)).toHaveLength(2);
  });
});

import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseEnv } from '../../config/env.js';
import { decodeFeedBytes } from '../../ingest/decode/index.js';
import { fetchUrl } from '../../ingest/fetch/index.js';
import { parseFeed } from '../../ingest/parse/index.js';
import { parseArgs } from '../args.js';
import { UsageError, type CliCommand } from '../io.js';

const USER_AGENT = 'wirewatch/0.1.0 (+https://github.com/wirewatch/wirewatch; feed parse command)';

/**
 * `wirewatch parse [--json] <file-or-url>...`: one JSON line per input, in input order.
 * Output is JSON either way (--json is accepted for symmetry with the other commands).
 */
export const runParseCommand: CliCommand = async (argv, io) => {
  const args = parseArgs(argv, { flags: ['json'] });
  if (args.positionals.length === 0) throw new UsageError('give at least one feed file or URL: wirewatch parse [--json] <file-or-url>...');
  const allowPrivateNetworks = parseEnv(io.env).WIREWATCH_ALLOW_PRIVATE_NETWORKS;
  for (const input of args.positionals) {
    io.stdout(`${JSON.stringify(await parseInput(input, io.cwd, allowPrivateNetworks))}\n`);
  }
  return 0;
};

async function parseInput(input: string, cwd: string, allowPrivateNetworks: boolean): Promise<object> {
  try {
    const loaded = await load(input, cwd, allowPrivateNetworks);
    if (!loaded.ok) return { input, ok: false, error: loaded.error };
    const parsed = parseFeed(decodeFeedBytes(loaded.body, loaded.contentType), { baseUrl: loaded.baseUrl });
    if (!parsed.ok) return { input, ok: false, error: parsed.error };
    return {
      input,
      ok: true,
      feed: { title: parsed.feed.title, link: parsed.feed.link },
      items: parsed.items.map((item) => ({
        title: item.title,
        link: item.link,
        guid: item.guid,
        published: item.published,
        author: item.author,
        summary: item.summary,
      })),
    };
  } catch (error) {
    return { input, ok: false, error: `wirewatch failed on this input: ${(error as Error).message}` };
  }
}

type Loaded = { ok: true; body: Buffer; contentType: string | null; baseUrl: string | undefined } | { ok: false; error: string };

async function load(input: string, cwd: string, allowPrivateNetworks: boolean): Promise<Loaded> {
  if (/^https?:\/\//i.test(input)) {
    const response = await fetchUrl(input, { userAgent: USER_AGENT, allowPrivateNetworks });
    if (response.kind === 'failed') return { ok: false, error: response.message };
    if (response.kind === 'not-modified') return { ok: false, error: 'the server answered 304 Not Modified to an unconditional request' };
    return { ok: true, body: response.body, contentType: response.contentType, baseUrl: response.url };
  }
  try {
    return { ok: true, body: await readFile(resolve(cwd, input)), contentType: null, baseUrl: undefined };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return { ok: false, error: code === 'ENOENT' ? `no such file: ${input}` : `cannot read ${input}: ${(error as Error).message}` };
  }
}

import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseEnv } from '../../config/env.js';
import { feedsFileSchema } from '../../config/feeds.js';
import { loadJsonFile } from '../../config/load-json.js';
import { classifyAddress } from '../../ingest/fetch/index.js';
import { OPML_LIMITS, readOpml, writeOpml } from '../../opml/index.js';
import { parseArgs } from '../args.js';
import { UsageError, type CliCommand } from '../io.js';

const USAGE = 'wirewatch feeds import <file.opml> | wirewatch feeds export <file.opml>';

/**
 * `wirewatch feeds export <file>`: config/feeds.json's feeds as OPML. `wirewatch feeds import <file>`: the OPML list's
 * feeds added to config/feeds.json, each checked (a web address, not one feeds.json has, not a private or local
 * address unless WIREWATCH_ALLOW_PRIVATE_NETWORKS), with one line per feed saying what happened. The poller's
 * fetcher still refuses, at every poll, a host name that resolves to a private address.
 */
export const runFeedsCommand: CliCommand = async (argv, io) => {
  const [action, file, ...rest] = parseArgs(argv, {}).positionals;
  if ((action !== 'import' && action !== 'export') || !file || rest.length > 0) throw new UsageError(`usage: ${USAGE}`);
  const env = parseEnv(io.env);
  const feedsFile = join(resolve(io.cwd, env.WIREWATCH_CONFIG), 'feeds.json');
  const configured = loadJsonFile(feedsFile, feedsFileSchema);
  const path = resolve(io.cwd, file);
  if (action === 'export') {
    writeFileSync(path, writeOpml('wirewatch configured feeds', configured.feeds.map(({ outlet, url }) => ({ outlet, url })), new Date()));
    io.stdout(`Wrote ${configured.feeds.length} feeds from ${feedsFile} to ${path}\n`);
    return 0;
  }
  const size = fileSize(path);
  if (size > OPML_LIMITS.bytes) throw new UsageError(`${path}: the file is ${(size / (1024 * 1024)).toFixed(1)} MB; an OPML feed list wirewatch reads is at most 1 MB. Nothing was added.`);
  const list = readOpml(readFileSync(path, 'utf8'));
  if (!list.ok) throw new UsageError(`${path}: ${list.error}. Nothing was added.`);
  const known = new Set(configured.feeds.map((feed) => feed.url));
  const added: { outlet: string; url: string }[] = [];
  for (const feed of list.feeds) {
    const refusal = refusalOf(feed.url, env.WIREWATCH_ALLOW_PRIVATE_NETWORKS);
    const outlet = feed.outlet || hostOf(feed.url) || feed.url;
    if (refusal) io.stdout(`refused ${feed.url}: ${refusal}\n`);
    else if (known.has(feed.url)) io.stdout(`already present ${feed.url}\n`);
    else {
      known.add(feed.url);
      added.push({ outlet, url: feed.url });
      io.stdout(`added ${outlet} ${feed.url}\n`);
    }
  }
  if (added.length > 0) writeFeedsFile(feedsFile, added);
  io.stdout(`${added.length} added to ${feedsFile}\n`);
  return 0;
};

function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch (error) {
    throw new UsageError(`${path}: cannot read it: ${(error as Error).message}`);
  }
}

/** Why a URL cannot be a configured feed, or null. Only what the URL shows is checked; the fetcher checks the rest. */
function refusalOf(url: string, allowPrivateNetworks: boolean): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a web address';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'only http and https feeds can be polled';
  const host = parsed.hostname.replace(/^\[|\]$/gu, '').toLowerCase();
  const local = host === 'localhost' || host.endsWith('.localhost') ? 'loopback' : classifyAddress(host);
  if (allowPrivateNetworks || local === 'public' || local === 'invalid') return null;
  return `a private or local network address (${local}), which wirewatch does not fetch`;
}

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname;
  } catch {
    return null;
  }
}

/** Appends feeds to feeds.json as written (the polling block and existing entries kept), one feed a line. */
function writeFeedsFile(file: string, added: readonly { outlet: string; url: string }[]): void {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { polling: unknown; feeds: Record<string, unknown>[] };
  const feeds = [...raw.feeds, ...added];
  feedsFileSchema.parse({ polling: raw.polling, feeds });
  const line = (feed: Record<string, unknown>) => `    { ${Object.entries(feed).map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`).join(', ')} }`;
  const polling = JSON.stringify(raw.polling, null, 2).replace(/\n/gu, '\n  ');
  writeFileSync(file, `{\n  "polling": ${polling},\n  "feeds": [\n${feeds.map(line).join(',\n')}\n  ]\n}\n`);
}

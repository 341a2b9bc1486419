import { readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { MessageFlags } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_ARTICLE_PAGE_BYTES } from '../../src/discord/context.js';
import { MAX_CONCURRENT_WORK } from '../../src/discord/rate-limits.js';
import { makeConfigDir } from '../support/config-dir.js';
import { startDiscordServer, type InteractionRecord, type LocalDiscord } from '../support/discord/index.js';
import { startHostileServer, type HostileServer } from '../support/hostile-server.js';
import { spawnWirewatch, type WirewatchChild } from '../support/wirewatch-child.js';

/**
 * 100 members ask for `/summary url` of the same large page at once, through the local Discord server, of the bot as a
 * real process. The page server holds every page request until the others are answered, so the requests overlap.
 */
const REQUESTS = 100;
const RSS_LIMIT_MB = 400;
/**
 * A long-read (about 40,000 words), half of the largest page /summary url reads. (Pages at the cap keep the bot's event
 * loop busy for seconds on a loaded machine, long enough for the local Discord server to close idle keep-alive sockets
 * under the bot's REST client, which is not what this test is about.)
 */
const PAGE_BYTES = MAX_ARTICLE_PAGE_BYTES / 2;

let discord: LocalDiscord | undefined;
let publisher: HostileServer | undefined;
let bot: WirewatchChild | undefined;

afterEach(async () => {
  bot?.kill();
  await bot?.exited;
  await discord?.close();
  await publisher?.close();
});

/** A long article: many distinct paragraphs of news copy, to about PAGE_BYTES of UTF-8. */
function largeArticlePage(): string {
  const paragraphs: string[] = [];
  let size = 0;
  for (let index = 0; size < PAGE_BYTES; index += 1) {
    const paragraph =
      `<p>Negotiators met for round ${index} of the talks in Geneva on Tuesday, officials said, as delegations from Kyiv and ` +
      `Moscow discussed prisoner exchange number ${index * 7} and the security of the Zaporizhzhia plant. ` +
      `“We are not there yet,” a senior official said after session ${index}, adding that drafts would be exchanged overnight.</p>`;
    paragraphs.push(paragraph);
    size += Buffer.byteLength(paragraph);
  }
  return `<!doctype html><html><head><title>The long road to a ceasefire</title></head><body><article><h1>The long road to a ceasefire</h1>${paragraphs.join('\n')}</article></body></html>`;
}

/** Peak resident set size of a process, in MB (Linux). */
function peakRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((entry) => entry.startsWith('VmHWM:'));
  return Number(line?.replace(/\D+/gu, '') ?? Number.NaN) / 1024;
}

const shownText = (record: InteractionRecord) =>
  [record.original?.current.content ?? '', ...(record.original?.current.embeds ?? []).map((embed) => embed.title ?? ''), ...record.followUps.map((message) => message.current.content ?? '')].join('\n');

describe('100 parallel /summary url requests', () => {
  it(`keep the bot under ${RSS_LIMIT_MB} MB and tell the members over the limit, privately, when to try again`, { timeout: 120_000 }, async () => {
    const server = (discord = await startDiscordServer({ waitTimeoutMs: 90_000 }));
    const pages = (publisher = await startHostileServer());
    const page = largeArticlePage();
    const held: ServerResponse[] = [];
    pages.route('/long-read.html', (_request, response) => {
      held.push(response);
      void server.waitFor(() => answeredAtOnce() === REQUESTS - MAX_CONCURRENT_WORK.article).then(() => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page));
    });
    const guild = server.guild();
    const members = Array.from({ length: REQUESTS }, (_, index) => server.addMember(guild.id, { username: `reader-${index}` }));
    const configDir = makeConfigDir();
    bot = spawnWirewatch(['start'], {
      WIREWATCH_DB: `${configDir}/wirewatch.db`,
      WIREWATCH_CONFIG: configDir,
      WIREWATCH_ALLOW_PRIVATE_NETWORKS: '1',
      LOG_LEVEL: 'warn',
      DISCORD_TOKEN: server.botToken,
      DISCORD_API_URL: server.apiUrl,
      DISCORD_GUILD_ID: guild.id,
    });
    await server.waitFor(() => server.commands(guild.id).some((command) => command.name === 'summary'), { description: () => `commands registered; bot stderr: ${bot?.stderr}` });

    const records: InteractionRecord[] = [];
    const answeredAtOnce = () => records.filter((record) => record.original && (record.original.current.flags ?? 0) & MessageFlags.Ephemeral).length;
    const requests = members.map((userId) =>
      server.sendSlashCommand({ name: 'summary url', options: { url: pages.url('/long-read.html') }, userId, until: 'dispatched', timeoutMs: 90_000 }).then((record) => {
        records.push(record);
        return record;
      }),
    );
    await Promise.all(requests);
    const summarized = () => records.filter((record) => (record.original?.current.embeds?.length ?? 0) > 0).length;
    await server.waitFor(() => answeredAtOnce() + summarized() === REQUESTS, {
      timeoutMs: 90_000,
      description: () => `answers: ${answeredAtOnce()} at once, ${summarized()} summaries, ${held.length} pages requested; bot stderr: ${bot?.stderr}`,
    });

    const summaries = records.filter((record) => record.original?.current.embeds?.some((embed) => embed.title === 'The long road to a ceasefire'));
    const refused = records.filter((record) => ((record.original?.current.flags ?? 0) & MessageFlags.Ephemeral) !== 0);
    expect(summaries).toHaveLength(MAX_CONCURRENT_WORK.article);
    expect(held).toHaveLength(MAX_CONCURRENT_WORK.article);
    expect(refused).toHaveLength(REQUESTS - MAX_CONCURRENT_WORK.article);
    for (const record of refused) expect(shownText(record)).toMatch(/try again in \d+ seconds\./u);
    const peak = peakRssMb(bot.process.pid ?? 0);
    process.stdout.write(`summary flood: peak RSS of the bot ${Math.round(peak)} MB\n`);
    expect(peak).toBeLessThan(RSS_LIMIT_MB);
    expect(server.violations).toEqual([]);
  });
});

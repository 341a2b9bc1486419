import { MessageFlags, type ChatInputCommandInteraction } from 'discord.js';
import { redactedUrl } from '../../ingest/redact-url.js';
import { OPML_LIMITS, readOpml, writeOpml, type OpmlFeed } from '../../opml/index.js';
import type { BotContext } from '../context.js';
import { escapeAndFit } from '../render/discord-text.js';
import { EMBED_LIMITS } from '../delivery/message-body.js';
import { CommandError } from '../interactions.js';
import { addGuildFeed, MAX_FEEDS_PER_GUILD } from './feed-add.js';
import { webUrlSchema } from './options.js';
import { fitLines, OK_COLOR, reply } from './replies.js';

/**
 * Feeds fetched to check them in one import, at most: a server can add no more than that many anyway, and each check
 * may take a fetch timeout, so the reply comes well within the interaction's 15 minutes.
 */
const MAX_CHECKS_PER_IMPORT = MAX_FEEDS_PER_GUILD;

interface ImportLine {
  outlet: string;
  url: string;
  result: 'added' | 'present' | 'refused';
  reason?: string;
}

/** `/feeds import file:<OPML>`: every feed of the list added as /feeds add adds one, and a summary of what happened. */
export async function importFeeds(interaction: ChatInputCommandInteraction, context: BotContext, guildId: string): Promise<void> {
  const attachment = interaction.options.getAttachment('file', true);
  const name = escapeAndFit(attachment.name, 100);
  if (attachment.size > OPML_LIMITS.bytes) {
    throw new CommandError(`\`file\`: ${name} is ${(attachment.size / (1024 * 1024)).toFixed(1)} MB; an OPML feed list wirewatch reads is at most 1 MB. Nothing was added.`);
  }
  await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  const file = await context.backends.readAttachment(attachment.url, OPML_LIMITS.bytes);
  if (!file.ok) throw new CommandError(`\`file\`: ${name} could not be read: ${escapeAndFit(file.reason, 500)}. Nothing was added.`);
  const list = readOpml(file.value);
  if (!list.ok) throw new CommandError(`\`file\`: ${name} was refused: ${escapeAndFit(list.error, 500)}. Nothing was added.`);
  if (list.feeds.length === 0) throw new CommandError(`\`file\`: ${name} lists no feeds (no outline has an xmlUrl). Nothing was added.`);
  const lines: ImportLine[] = [];
  let checks = 0;
  for (const feed of uniqueByUrl(list.feeds)) {
    const line = { outlet: feed.outlet || feed.url, url: feed.url };
    const url = webUrlSchema.safeParse(feed.url);
    if (!url.success) {
      lines.push({ ...line, result: 'refused', reason: 'not a web address starting with https://' });
      continue;
    }
    if (checks >= MAX_CHECKS_PER_IMPORT) {
      lines.push({ ...line, result: 'refused', reason: `not checked: one import checks at most ${MAX_CHECKS_PER_IMPORT} feeds` });
      continue;
    }
    const outcome = await addGuildFeed(context, guildId, { url: url.data, outlet: feed.outlet || null }, async () => (checks += 1));
    if (outcome.kind === 'added') lines.push({ ...line, outlet: outcome.outlet, result: 'added' });
    else if (outcome.kind === 'present') lines.push({ ...line, outlet: outcome.outlet, result: 'present' });
    else if (outcome.kind === 'full') lines.push({ ...line, result: 'refused', reason: `this server has added ${outcome.added} feeds, the most wirewatch allows` });
    else lines.push({ ...line, result: 'refused', reason: outcome.reason });
  }
  await interaction.editReply({ embeds: [importSummary(list.title ?? attachment.name, lines)], allowedMentions: { parse: [] } });
}

/** `/feeds export`: this server's feeds and the configured ones as OPML, URLs shown as /feeds list shows them. */
export async function exportFeeds(interaction: ChatInputCommandInteraction, context: BotContext, guildId: string, fullUrls: boolean): Promise<void> {
  const feeds = await context.stores.feeds.visibleTo(guildId);
  const outlines = feeds.map((feed) => ({ outlet: feed.outlet, url: fullUrls ? feed.sourceUrl : redactedUrl(feed.sourceUrl) }));
  const opml = writeOpml(`wirewatch feeds of ${interaction.guild?.name ?? 'this server'}`, outlines, new Date(context.now()));
  const note = fullUrls ? '' : ' Addresses are shown without credentials, query or fragment, as /feeds list shows them to members who do not manage the server.';
  await interaction.reply({
    ...reply({ content: `${feeds.length} feed${feeds.length === 1 ? '' : 's'} as OPML: import the file into a feed reader, or into another server with /feeds import.${note}` }, true),
    files: [{ attachment: Buffer.from(opml, 'utf8'), name: 'wirewatch-feeds.opml' }],
  });
}

function uniqueByUrl(feeds: readonly OpmlFeed[]): OpmlFeed[] {
  const seen = new Set<string>();
  return feeds.filter((feed) => !seen.has(feed.url) && seen.add(feed.url));
}

function importSummary(title: string, lines: readonly ImportLine[]) {
  const count = (result: ImportLine['result']) => lines.filter((line) => line.result === result).length;
  const entry = (line: ImportLine) => `**${escapeAndFit(line.outlet, 80)}** — ${escapeAndFit(line.url, 200)}${line.reason ? `: ${escapeAndFit(line.reason, 300)}` : ''}`;
  const section = (heading: string, result: ImportLine['result']) => {
    const matching = lines.filter((line) => line.result === result);
    return matching.length === 0 ? [] : [`__${heading}__`, ...matching.map(entry)];
  };
  const description = fitLines([...section('Added', 'added'), ...section('Already present', 'present'), ...section('Refused', 'refused')], EMBED_LIMITS.description);
  return {
    title: escapeAndFit(`Imported ${title}: ${count('added')} added, ${count('present')} already present, ${count('refused')} refused`, EMBED_LIMITS.title),
    description,
    color: OK_COLOR,
  };
}

import {
  InteractionContextType,
  MessageFlags,
  PermissionFlagsBits,
  SlashCommandBuilder,
  type ChatInputCommandInteraction,
  type PermissionsBitField,
} from 'discord.js';
import { DEFAULT_PERSPECTIVE } from '../../analysis/sides/types.js';
import { countryCodeSchema } from '../../config/country.js';
import { redactedUrl, redactUrlsIn } from '../../ingest/redact-url.js';
import type { GuildFeed } from '../../store/feeds.js';
import { feedErrorText } from '../../text/user-errors.js';
import type { BotContext } from '../context.js';
import { escapeAndFit } from '../render/discord-text.js';
import { EMBED_LIMITS, type MessageEmbed } from '../delivery/message-body.js';
import { CommandError, type SlashCommand } from '../interactions.js';
import { filterByTyped, fitChoices, perspectiveChoices } from './choices.js';
import { addGuildFeed } from './feed-add.js';
import { exportFeeds, importFeeds } from './feeds-opml.js';
import { parseOption, requireGuild, requireMemberPermission, requirePerspective, webUrlSchema } from './options.js';
import { discordTime, fitLines, INFO_COLOR, reply } from './replies.js';

export { MAX_FEEDS_PER_GUILD } from './feed-add.js';

const data = new SlashCommandBuilder()
  .setName('feeds')
  .setDescription('The news feeds wirewatch reads for this server')
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((subcommand) => subcommand.setName('list').setDescription('Every feed wirewatch reads for this server'))
  .addSubcommand((subcommand) =>
    subcommand
      .setName('status')
      .setDescription('Last success, last error, next poll and whether a feed is disabled')
      .addStringOption((option) => option.setName('feed').setDescription('One feed (default: all)').setAutocomplete(true)),
  )
  .addSubcommand((subcommand) =>
    subcommand
      .setName('add')
      .setDescription('Add a news feed for this server (Manage Server)')
      .addStringOption((option) => option.setName('url').setDescription('The RSS, Atom or JSON feed’s address, https://…').setRequired(true).setMaxLength(2000))
      .addStringOption((option) => option.setName('outlet').setDescription('The outlet’s name (default: the feed’s title)').setMaxLength(80))
      .addStringOption((option) => option.setName('country').setDescription('Where the outlet is based: a two-letter code, e.g. UA, RU, GB').setMinLength(2).setMaxLength(2))
      .addStringOption((option) => option.setName('perspective').setDescription('The outlet’s side (default: other)').setAutocomplete(true)),
  )
  .addSubcommand((subcommand) =>
    subcommand
      .setName('import')
      .setDescription('Add every feed of an OPML list, each checked as /feeds add checks it (Manage Server)')
      .addAttachmentOption((option) => option.setName('file').setDescription('An OPML 1.0 or 2.0 file (at most 1 MB)').setRequired(true)),
  )
  .addSubcommand((subcommand) => subcommand.setName('export').setDescription('This server’s feeds and the configured ones as an OPML file'))
  .addSubcommand((subcommand) =>
    subcommand
      .setName('remove')
      .setDescription('Remove a feed this server added (Manage Server)')
      .addStringOption((option) => option.setName('feed').setDescription('The feed').setRequired(true).setAutocomplete(true)),
  );

export const feedsCommand: SlashCommand = {
  data,
  async execute(interaction, context) {
    const guildId = requireGuild(interaction);
    const subcommand = interaction.options.getSubcommand(true);
    // Replies about feeds are ephemeral, so a manager's full URLs (tokens included) reach that manager alone.
    const fullUrls = isManager(interaction.memberPermissions);
    if (subcommand === 'list') {
      await interaction.reply(reply({ embeds: [renderFeedList(await context.stores.feeds.visibleTo(guildId), fullUrls)] }, true));
      return;
    }
    if (subcommand === 'status') {
      const ref = interaction.options.getString('feed');
      const feeds = ref === null ? await context.stores.feeds.visibleTo(guildId) : [await requireFeed(context, guildId, ref, 'visible')];
      await interaction.reply(reply({ embeds: [renderFeedStatus(feeds, context.now(), fullUrls)] }, true));
      return;
    }
    if (subcommand === 'export') return exportFeeds(interaction, context, guildId, fullUrls);
    requireMemberPermission(interaction, PermissionFlagsBits.ManageGuild, 'change the feeds of this server');
    if (subcommand === 'add') return addFeed(interaction, context, guildId);
    if (subcommand === 'import') return importFeeds(interaction, context, guildId);
    const feed = await requireFeed(context, guildId, interaction.options.getString('feed', true), 'own');
    await context.stores.feeds.removeForGuild(feed.id, guildId);
    context.feedsChanged();
    await interaction.reply(reply({ content: `Removed the ${escapeAndFit(feed.outlet, 100)} feed (${escapeAndFit(feed.sourceUrl, 300)}) and its stored items.` }, true));
  },
  async autocomplete(interaction, context) {
    if (!interaction.inGuild()) return interaction.respond([]);
    if (interaction.options.getFocused(true).name === 'perspective') return interaction.respond(perspectiveChoices(context, interaction.options.getFocused()));
    const own = interaction.options.getSubcommand() === 'remove';
    const fullUrls = isManager(interaction.memberPermissions);
    const feeds = (await context.stores.feeds.visibleTo(interaction.guildId)).filter((feed) => !own || feed.addedHere);
    const url = (feed: GuildFeed) => (fullUrls ? feed.sourceUrl : redactedUrl(feed.sourceUrl));
    const matching = filterByTyped(feeds, interaction.options.getFocused(), (feed) => [feed.outlet, url(feed), feed.title ?? '']);
    await interaction.respond(fitChoices(matching.map((feed) => ({ name: `${feed.outlet} — ${url(feed)}`, value: String(feed.id) }))));
  },
};

/** Members who manage the server see feed URLs whole; everyone else without credentials, query or fragment. */
function isManager(permissions: Readonly<PermissionsBitField> | null): boolean {
  return permissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
}

/** A feed this server sees (configured, or added here), by id or URL; `own`: only one it added. */
async function requireFeed(context: BotContext, guildId: string, ref: string, scope: 'visible' | 'own'): Promise<GuildFeed> {
  const trimmed = ref.trim();
  const feed = (await context.stores.feeds.visibleTo(guildId)).find((candidate) => String(candidate.id) === trimmed || candidate.sourceUrl === trimmed);
  if (feed && (scope === 'visible' || feed.addedHere)) return feed;
  if (feed) throw new CommandError(`\`feed\`: ${escapeAndFit(feed.outlet, 100)} is one of wirewatch’s configured feeds; only feeds this server added can be removed.`);
  throw new CommandError(`\`feed\`: this server has no feed "${escapeAndFit(trimmed, 200)}". Pick one from the list as you type; /feeds list shows them all.`);
}

async function addFeed(interaction: ChatInputCommandInteraction, context: BotContext, guildId: string): Promise<void> {
  const url = parseOption(webUrlSchema, interaction.options.getString('url', true), 'url');
  const country = optionalCountry(interaction.options.getString('country'));
  const perspective = requirePerspective(context, interaction.options.getString('perspective') ?? DEFAULT_PERSPECTIVE).id;
  const outcome = await addGuildFeed(context, guildId, { url, outlet: interaction.options.getString('outlet'), country, perspective }, () => interaction.deferReply({ flags: MessageFlags.Ephemeral }));
  if (outcome.kind === 'present') throw new CommandError(`\`url\`: wirewatch already reads that feed for this server (${escapeAndFit(outcome.outlet, 100)}).`);
  if (outcome.kind === 'full') throw new CommandError(`This server has added ${outcome.added} feeds, the most wirewatch allows. Remove one with /feeds remove first.`);
  if (outcome.kind === 'refused') throw new CommandError(`The feed was not added. ${escapeAndFit(outcome.reason, 1500)}`);
  const items = `${outcome.itemCount} item${outcome.itemCount === 1 ? '' : 's'}`;
  await interaction.editReply({
    content: `Added the ${escapeAndFit(outcome.outlet, 100)} feed (${items} right now). wirewatch polls it every ${Math.round(outcome.intervalSeconds / 60)} minutes; what it already has is not alerted.`,
    allowedMentions: { parse: [] },
  });
}

function optionalCountry(raw: string | null): string | null {
  return raw === null || raw.trim() === '' ? null : parseOption(countryCodeSchema, raw, 'country');
}

/** The feeds, their URLs whole only when `fullUrls` (the reply goes to a manager alone). */
export function renderFeedList(feeds: readonly GuildFeed[], fullUrls: boolean): MessageEmbed {
  if (feeds.length === 0) return { title: 'Feeds', description: 'No feeds yet. Add one with /feeds add.', color: INFO_COLOR };
  const lines = feeds.map((feed) => {
    const origin = feed.addedHere ? 'added here' : 'configured';
    const state = feed.disabledAt === null ? '' : ' · **disabled**';
    const url = fullUrls ? feed.sourceUrl : redactedUrl(feed.sourceUrl);
    const side = `${escapeAndFit(feed.perspective, 40)}${feed.country ? `, ${feed.country}` : ''}`;
    return `\`${feed.id}\` **${escapeAndFit(feed.outlet, 80)}** — ${escapeAndFit(url, 300)} · ${side} · ${origin}${state}`;
  });
  return { title: `Feeds (${feeds.length})`, description: fitLines(lines, EMBED_LIMITS.description), color: INFO_COLOR };
}

export function renderFeedStatus(feeds: readonly GuildFeed[], now: number, fullUrls: boolean): MessageEmbed {
  const shown = (text: string) => (fullUrls ? text : redactUrlsIn(text));
  const entries = feeds.map((feed) => {
    const lines = [`**${escapeAndFit(feed.outlet, 80)}** \`${feed.id}\``];
    lines.push(`last success: ${feed.lastSuccessAt === null ? 'never' : discordTime(feed.lastSuccessAt, 'R')}`);
    if (feed.lastErrorAt !== null && (feed.lastSuccessAt === null || feed.lastErrorAt > feed.lastSuccessAt || feed.consecutiveFailures > 0)) {
      // What it means for everyone; the fetcher's own words (which name the URL) only for those who manage the server.
      const details = fullUrls && feed.lastError ? ` — ${escapeAndFit(feed.lastError, 300)}` : '';
      lines.push(`last error: ${discordTime(feed.lastErrorAt, 'R')} — ${feedErrorText(feed.lastErrorCode)} (${feed.consecutiveFailures} in a row)${details}`);
    }
    if (feed.disabledAt !== null) lines.push(`**disabled** ${discordTime(feed.disabledAt, 'R')}: ${escapeAndFit(shown(feed.disabledReason ?? 'no reason recorded'), 300)}`);
    else lines.push(`next poll: ${feed.nextPollAt <= now ? 'due now' : discordTime(feed.nextPollAt, 'R')}`);
    return lines.join('\n');
  });
  const description = entries.length === 0 ? 'No feeds yet. Add one with /feeds add.' : fitLines(entries, EMBED_LIMITS.description, '\n\n');
  return { title: feeds.length === 1 ? 'Feed status' : `Feed status (${feeds.length})`, description, color: INFO_COLOR };
}

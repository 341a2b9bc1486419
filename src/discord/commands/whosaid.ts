import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { QuoteHit, WhoSaidResult } from '../../store/quote-search.js';
import type { StoredQuote } from '../../store/quotes.js';
import { escapeAndFit } from '../render/discord-text.js';
import type { MessageEmbed } from '../delivery/message-body.js';
import { CommandError, type SlashCommand } from '../interactions.js';
import { requireGuild } from './options.js';
import { discordTime, fitLines, linked, QUOTE_COLOR, quoteLines } from './replies.js';
import { bareQuote } from '../../analysis/quotes/display.js';

/** How a quote's speaker is shown: the name, or what the article calls an unnamed one. */
export function speakerOf(quote: Pick<StoredQuote, 'speaker' | 'speakerLabel' | 'speakerType'>): string {
  if (quote.speakerType === 'unknown') return 'unattributed';
  if (quote.speakerType === 'nominal') return `unnamed: ${quote.speakerLabel ?? quote.speaker ?? 'source'}`;
  return quote.speaker ?? quote.speakerLabel ?? 'unattributed';
}

/** "First reported by [Outlet](link), <time>, and by 3 other outlets." */
export function reportedBy(quote: StoredQuote): string {
  const others = quote.outletCount - 1;
  const also = others > 0 ? `, and by ${others} other outlet${others === 1 ? '' : 's'}` : '';
  return `First reported by ${linked(quote.firstSource.outlet, quote.firstSource.link, 80)}, ${discordTime(quote.firstSource.reportedAt)}${also}.`;
}

export function renderWhoSaid(fragment: string, result: WhoSaidResult & { best: QuoteHit }): MessageEmbed {
  const { best, alternatives } = result;
  const notes = [best.to ? `Said to ${escapeAndFit(best.to, 100)}.` : '', best.kind === 'indirect' ? '(Reported speech, not a direct quotation.)' : '']
    .filter(Boolean)
    .join(' ');
  const description = `${quoteLines(best.quote, speakerOf(best), 2000)}\n\n${reportedBy(best)}${notes ? `\n${notes}` : ''}`;
  const others = alternatives.map((hit) => `• ${escapeAndFit(speakerOf(hit), 80)}: “${escapeAndFit(bareQuote(hit.quote), 160)}” (${escapeAndFit(hit.firstSource.outlet, 60)})`);
  return {
    title: escapeAndFit(`Who said “${fragment.replace(/\s+/gu, ' ').trim()}”?`, 256),
    description,
    color: QUOTE_COLOR,
    ...(others.length > 0 ? { fields: [{ name: 'Other close matches', value: fitLines(others, 1024) }] } : {}),
  };
}

export const whosaidCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('whosaid')
    .setDescription('Find who said a quote, to whom, and who reported it first')
    .setContexts(InteractionContextType.Guild)
    .addStringOption((option) =>
      option.setName('quote').setDescription('The words you remember, e.g. "peace through strength"').setRequired(true).setMinLength(3).setMaxLength(300),
    ),
  async execute(interaction, context) {
    const guildId = requireGuild(interaction);
    const fragment = interaction.options.getString('quote', true).trim();
    if (!/[\p{L}\p{N}]/u.test(fragment)) throw new CommandError('`quote`: give some of the words of the quote, e.g. "peace through strength".');
    context.limits.takeCooldown('whosaid', interaction.user.id);
    await interaction.deferReply();
    const result = await context.backends.whoSaid(guildId, fragment);
    if (!result.best) {
      throw new CommandError(
        `No stored quote matches “${escapeAndFit(fragment, 300)}”. Try fewer or more distinctive words: only quotes from articles wirewatch has read can be found.`,
      );
    }
    await interaction.editReply({ embeds: [renderWhoSaid(fragment, { ...result, best: result.best })], allowedMentions: { parse: [] } });
  },
};

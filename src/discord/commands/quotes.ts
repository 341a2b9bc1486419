import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { StoredQuote } from '../../store/quotes.js';
import { escapeAndFit } from '../render/discord-text.js';
import type { MessageEmbed } from '../delivery/message-body.js';
import { CommandError, type SlashCommand } from '../interactions.js';
import { personChoices, topicChoices } from './choices.js';
import { readSince, requireGuild, requirePerson, requireTopic } from './options.js';
import { discordTime, fitLines, linked, QUOTE_COLOR, quoteLines } from './replies.js';
import { speakerOf } from './whosaid.js';

const LIMIT = 10;

export function renderQuotes(title: string, quotes: readonly StoredQuote[]): MessageEmbed {
  const entries = quotes.map((quote) => {
    const source = `${linked(quote.firstSource.outlet, quote.firstSource.link, 60)}, ${discordTime(quote.firstReportedAt, 'R')}`;
    const others = quote.outletCount > 1 ? ` · ${quote.outletCount} outlets` : '';
    return `${quoteLines(quote.quote, speakerOf(quote), 500)}\n${source}${others}`;
  });
  return { title: escapeAndFit(title, 256), description: fitLines(entries, 4000, '\n\n'), color: QUOTE_COLOR };
}

export const quotesCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('quotes')
    .setDescription('Recent quotes, by a person and/or about a topic')
    .setContexts(InteractionContextType.Guild)
    .addStringOption((option) => option.setName('person').setDescription('Who said them').setAutocomplete(true))
    .addStringOption((option) => option.setName('topic').setDescription('What they are about').setAutocomplete(true))
    .addStringOption((option) => option.setName('since').setDescription('How far back, e.g. 24h, 7d or 90m (default 7d)')),
  async execute(interaction, context) {
    const guildId = requireGuild(interaction);
    const personRef = interaction.options.getString('person');
    const topicRef = interaction.options.getString('topic');
    const person = personRef === null ? null : requirePerson(context, personRef);
    const topic = topicRef === null ? null : await requireTopic(context, guildId, topicRef);
    const { since, label } = readSince(interaction, context.now(), '7d');
    context.limits.takeCooldown('quotes', interaction.user.id);
    await interaction.deferReply();
    const quotes = await context.backends.quotes({ guildId, ...(person ? { personId: person.id } : {}), ...(topic ? { topicId: topic.id } : {}), since, limit: LIMIT });
    const about = [person ? `by ${person.name}` : '', topic ? `about ${topic.definition.name}` : ''].filter(Boolean).join(' ');
    if (quotes.length === 0) throw new CommandError(`No quotes ${about || 'at all'} in ${label}. Try a longer \`since\`, e.g. 30d.`);
    await interaction.editReply({ embeds: [renderQuotes(`Quotes ${about ? `${about} ` : ''}in ${label}`, quotes)], allowedMentions: { parse: [] } });
  },
  async autocomplete(interaction, context) {
    const focused = interaction.options.getFocused(true);
    if (focused.name === 'person') await interaction.respond(personChoices(context, focused.value));
    else if (focused.name === 'topic') await interaction.respond(await topicChoices(context, interaction.guildId, focused.value));
  },
};

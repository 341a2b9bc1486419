import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { sideBadge } from '../../analysis/sides/index.js';
import type { StorySide, StorySidesView } from '../../services/story-sides.js';
import { EMBED_LIMITS, type MessageEmbed } from '../delivery/message-body.js';
import { escapeAndFit } from '../render/discord-text.js';
import { CommandError, type SlashCommand } from '../interactions.js';
import { storyChoices } from './choices.js';
import { requireGuild } from './options.js';
import { discordTime, fitLines, INFO_COLOR, linked, quoteLines } from './replies.js';

/** perspectives.json lists six sides; more would not leave each a readable share of the embed. */
const MAX_SIDES = 10;
const SIDE_NAME_BUDGET = 100;
const DESCRIPTION_BUDGET = 300;
const QUOTE_BUDGET = 400;
const HEADLINE_BUDGET = 150;

const data = new SlashCommandBuilder()
  .setName('story')
  .setDescription('One story, seen through the outlets that covered it')
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((subcommand) =>
    subcommand
      .setName('sides')
      .setDescription('The story side by side: what each side’s outlets reported, when, and whom they quoted')
      .addStringOption((option) => option.setName('story').setDescription('Start typing a headline').setRequired(true).setAutocomplete(true)),
  );

export const storyCommand: SlashCommand = {
  data,
  async execute(interaction, context) {
    const guildId = requireGuild(interaction);
    const storyId = interaction.options.getString('story', true).trim();
    await interaction.deferReply();
    const view = await context.backends.storySides(guildId, storyId);
    if (!view) throw new CommandError(`\`story\`: there is no story "${escapeAndFit(storyId, 100)}". Start typing a headline and pick a story from the list.`);
    await interaction.editReply({ embeds: [renderStorySides(view)], allowedMentions: { parse: [] } });
  },
  async autocomplete(interaction, context) {
    if (!interaction.inGuild()) return interaction.respond([]);
    await interaction.respond(await storyChoices(context, interaction.guildId, interaction.options.getFocused()));
  },
};

/** One field per side, in the order the sides first reported the story. */
export function renderStorySides(view: StorySidesView): MessageEmbed {
  const shown = view.sides.slice(0, MAX_SIDES);
  const reports = view.sides.reduce((sum, side) => sum + side.reports.length, 0);
  const summary = view.sides.map((side) => `${sideBadge(side.perspective)} ${side.reports.length}`).join(' · ');
  // What each side gets: an equal share of what the 6,000-character embed leaves after title, description and names.
  const left = EMBED_LIMITS.total - EMBED_LIMITS.title - DESCRIPTION_BUDGET - shown.length * SIDE_NAME_BUDGET;
  const perField = Math.min(EMBED_LIMITS.fieldValue, Math.floor(left / Math.max(1, shown.length)));
  return {
    title: escapeAndFit(view.title, EMBED_LIMITS.title) || '(untitled story)',
    description: escapeAndFit(`${reports} report${reports === 1 ? '' : 's'} from ${view.sides.length} side${view.sides.length === 1 ? '' : 's'}: ${summary}`, DESCRIPTION_BUDGET),
    color: INFO_COLOR,
    fields: shown.map((side) => ({
      name: escapeAndFit(`${side.perspective.emoji} ${side.perspective.label}`, SIDE_NAME_BUDGET),
      value: sideText(side, perField),
    })),
  };
}

function sideText(side: StorySide, max: number): string {
  const first = `First report ${discordTime(side.firstReportAt)} · ${escapeAndFit(side.outlets.join(', '), Math.floor(max / 4))}`;
  const quote = side.keyQuote ? quoteLines(side.keyQuote.quote, side.keyQuote.speaker, Math.min(QUOTE_BUDGET, Math.floor(max / 2))) : null;
  // Room for the line "… and 3 more" that fitLines adds when not even one headline fits.
  const budget = max - first.length - (quote ? quote.length + 1 : 0) - 2 - 20;
  const headlines = side.reports.map((report) => `• ${linked(report.title || '(untitled)', report.link, HEADLINE_BUDGET)} — ${escapeAndFit(report.outlet, 60)}`);
  return [first, fitLines(headlines, Math.max(0, budget)), quote].filter((part): part is string => Boolean(part)).join('\n');
}

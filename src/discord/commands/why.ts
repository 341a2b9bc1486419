import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { CommandError, type SlashCommand } from '../interactions.js';
import { renderWhy } from '../render/why.js';
import { fitChoices } from './choices.js';
import { parseOption, requireGuild, webUrlSchema } from './options.js';
import { reply } from './replies.js';

/** The same words whether the article is unknown or another server's: the answer must not tell them apart. */
export const NOT_VISIBLE = 'That article is not visible here.';

export const whyCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('why')
    .setDescription('Why an article was or was not posted here: topics, subscriptions, messages')
    .setContexts(InteractionContextType.Guild)
    .addStringOption((option) => option.setName('url').setDescription('The article’s link'))
    .addStringOption((option) => option.setName('story').setDescription('A story: start typing a headline').setAutocomplete(true)),
  async execute(interaction, context) {
    const guildId = requireGuild(interaction);
    const url = interaction.options.getString('url');
    const story = interaction.options.getString('story')?.trim();
    if ((url === null) === (story === undefined)) throw new CommandError('Give either `url` (an article’s link) or `story` (pick one as you type), not both.');
    const query = url !== null ? { url: parseOption(webUrlSchema, url, 'url') } : { storyId: story ?? '' };
    const report = await context.backends.why(guildId, query);
    await interaction.reply(reply(report ? { embeds: [renderWhy(report)] } : { content: NOT_VISIBLE }, true));
  },
  async autocomplete(interaction, context) {
    const focused = interaction.options.getFocused(true);
    if (focused.name !== 'story' || !interaction.guildId) return;
    const stories = await context.backends.storyChoices(interaction.guildId, focused.value);
    await interaction.respond(fitChoices(stories.map((choice) => ({ name: choice.title || choice.id, value: choice.id }))));
  },
};

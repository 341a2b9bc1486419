import { InteractionContextType, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { coverageOfOutlets, DEFAULT_PERSPECTIVE, type Perspective } from '../../analysis/sides/index.js';
import type { StorySource, StoryDigestInput, TopicSummary } from '../../analysis/summary/index.js';
import type { ArticleSummaryView, BotContext } from '../context.js';
import { escapeAndFit, safeLink } from '../render/discord-text.js';
import { EMBED_LIMITS, type MessageEmbed } from '../delivery/message-body.js';
import { CommandError, type SlashCommand } from '../interactions.js';
import { storyChoices, topicChoices } from './choices.js';
import { parseOption, readSince, requireGuild, requireTopic, webUrlSchema } from './options.js';
import { discordTime, fitLines, INFO_COLOR, linked, quoteLines } from './replies.js';

const data = new SlashCommandBuilder()
  .setName('summary')
  .setDescription('A short summary of a topic, a story or an article')
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((subcommand) =>
    subcommand
      .setName('topic')
      .setDescription('The top stories of a topic')
      .addStringOption((option) => option.setName('topic').setDescription('The topic').setRequired(true).setAutocomplete(true))
      .addStringOption((option) => option.setName('since').setDescription('How far back, e.g. 24h, 7d or 90m (default 24h)')),
  )
  .addSubcommand((subcommand) =>
    subcommand
      .setName('story')
      .setDescription('One story, summarised across the outlets that covered it')
      .addStringOption((option) => option.setName('story').setDescription('Start typing a headline').setRequired(true).setAutocomplete(true)),
  )
  .addSubcommand((subcommand) =>
    subcommand
      .setName('url')
      .setDescription('Summarise an article from its link')
      .addStringOption((option) => option.setName('url').setDescription('The article’s address, https://…').setRequired(true).setMaxLength(2000)),
  );

export const summaryCommand: SlashCommand = {
  data,
  async execute(interaction, context) {
    const guildId = requireGuild(interaction);
    const subcommand = interaction.options.getSubcommand(true);
    if (subcommand === 'topic') return summarizeTopic(interaction, context, guildId);
    if (subcommand === 'story') return summarizeStory(interaction, context, guildId);
    return summarizeUrl(interaction, context);
  },
  async autocomplete(interaction, context) {
    const focused = interaction.options.getFocused(true);
    if (focused.name === 'topic') {
      await interaction.respond(await topicChoices(context, interaction.guildId, focused.value));
      return;
    }
    if (!interaction.inGuild()) return interaction.respond([]);
    await interaction.respond(await storyChoices(context, interaction.guildId, focused.value));
  },
};

async function summarizeTopic(interaction: ChatInputCommandInteraction, context: BotContext, guildId: string): Promise<void> {
  const topic = await requireTopic(context, guildId, interaction.options.getString('topic', true));
  const { since, label } = readSince(interaction, context.now());
  await interaction.deferReply();
  const summary = await context.backends.summarizeTopic(guildId, topic.id, since);
  if (summary.stories.length === 0) {
    throw new CommandError(`No stories about ${topic.definition.name} in ${label}. Try a longer \`since\`, e.g. 7d.`);
  }
  await interaction.editReply({ embeds: [renderTopicSummary(`${topic.definition.name}: ${label}`, summary, context.perspectives)], allowedMentions: { parse: [] } });
}

async function summarizeStory(interaction: ChatInputCommandInteraction, context: BotContext, guildId: string): Promise<void> {
  const storyId = interaction.options.getString('story', true).trim();
  await interaction.deferReply();
  const story = await context.backends.summarizeStory(guildId, storyId);
  if (!story) throw new CommandError(`\`story\`: there is no story "${escapeAndFit(storyId, 100)}". Start typing a headline and pick a story from the list.`);
  await interaction.editReply({ embeds: [renderStory(story, context.perspectives)], allowedMentions: { parse: [] } });
}

async function summarizeUrl(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const url = parseOption(webUrlSchema, interaction.options.getString('url', true), 'url');
  const release = context.limits.takeSlot('article');
  try {
    context.limits.takeCooldown('summary url', interaction.user.id);
    await interaction.deferReply();
    const outcome = await context.backends.summarizeUrl(url);
    if (!outcome.ok) throw new CommandError(escapeAndFit(outcome.reason, 1500));
    await interaction.editReply({ embeds: [renderArticle(outcome.value)], allowedMentions: { parse: [] } });
  } finally {
    release();
  }
}

/** "Reported by 4 outlets: 🇺🇦 2 · 🌐 1 · 🇷🇺 state 1" over the sources (one per outlet). */
function coverageOfSources(sources: readonly StorySource[], perspectives: readonly Perspective[]): string | null {
  return coverageOfOutlets(sources.map((source) => source.perspective ?? DEFAULT_PERSPECTIVE), perspectives);
}

export function renderTopicSummary(title: string, summary: TopicSummary, perspectives: readonly Perspective[]): MessageEmbed {
  const entries = summary.stories.map((story) => {
    const lines = [`**${linked(story.title, story.url, 200)}**`];
    if (story.line) lines.push(escapeAndFit(story.line, 400));
    if (story.keyQuote) lines.push(quoteLines(story.keyQuote.quote, story.keyQuote.speaker ?? story.keyQuote.speakerLabel ?? 'unattributed', 350));
    const outlets = story.links.slice(0, 5).map((source) => linked(source.outlet, source.url, 50));
    lines.push(`${story.outletCount} outlet${story.outletCount === 1 ? '' : 's'}: ${outlets.join(', ')}${story.links.length > 5 ? ', …' : ''}`);
    const coverage = coverageOfSources(story.links, perspectives);
    if (coverage) lines.push(escapeAndFit(coverage, 200));
    return lines.join('\n');
  });
  return { title: escapeAndFit(title, EMBED_LIMITS.title), description: fitLines(entries, 4000, '\n\n'), color: INFO_COLOR };
}

export function renderStory(story: StoryDigestInput, perspectives: readonly Perspective[]): MessageEmbed {
  const url = safeLink(story.url);
  const fields: NonNullable<MessageEmbed['fields']> = [];
  const quote = story.keyQuotes[0];
  if (quote) fields.push({ name: 'Key quote', value: quoteLines(quote.quote, quote.speaker ?? quote.speakerLabel ?? 'unattributed', 700) });
  const coverage = coverageOfSources(story.sources, perspectives);
  if (coverage) fields.push({ name: 'Coverage by side', value: escapeAndFit(coverage, 300) });
  const sources = story.sources.map((source) => linked(source.outlet, source.url, 60));
  if (sources.length > 0) fields.push({ name: `Reported by ${sources.length} outlet${sources.length === 1 ? '' : 's'}`, value: fitLines(sources, 1000, ', ') });
  fields.push({ name: 'When', value: `${discordTime(story.firstReportAt.getTime())} – ${discordTime(story.latestReportAt.getTime())}` });
  return {
    title: escapeAndFit(story.title, EMBED_LIMITS.title) || '(untitled story)',
    ...(url ? { url } : {}),
    description: escapeAndFit(story.summary, 3000) || 'No summary could be made from the reports.',
    color: INFO_COLOR,
    fields,
  };
}

export function renderArticle(article: ArticleSummaryView): MessageEmbed {
  const url = safeLink(article.url);
  const summary = article.sentences.join(' ');
  return {
    title: escapeAndFit(article.title, EMBED_LIMITS.title) || '(untitled article)',
    ...(url ? { url } : {}),
    description: escapeAndFit(summary, 3500) || 'No summary could be made from this article.',
    color: INFO_COLOR,
    footer: { text: 'Extractive summary: sentences taken from the article' },
  };
}

import { InteractionContextType, SlashCommandBuilder, type AttachmentPayload } from 'discord.js';
import { dayLabel } from '../../charts/days.js';
import { readTimeline, timelineChart, type BigDay, type TimelineChart, type TimelineDependencies } from '../../services/timeline.js';
import { guildViewer } from '../../store/visibility.js';
import type { BotContext } from '../context.js';
import type { MessageEmbed } from '../delivery/message-body.js';
import { CommandError, type SlashCommand } from '../interactions.js';
import { escapeAndFit } from '../render/discord-text.js';
import { topicChoices } from './choices.js';
import { durationSchema, parseOption, requireGuild, requireTopic } from './options.js';
import { fitLines, linked, simpleEmbed } from './replies.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEFAULT_SINCE = '30d';

/** The chart as a file Discord shows inline, its alt text the chart in words. */
function chartAttachment(chart: TimelineChart, topicRef: string): AttachmentPayload {
  return { attachment: chart.png, name: `timeline-${topicRef.replace(/[^a-z0-9-]+/giu, '-')}.png`, description: chart.altText };
}

function bigDayLines(day: BigDay): string {
  const head = `**${dayLabel(day.day)}** · ${day.stories} ${day.stories === 1 ? 'story' : 'stories'}`;
  return [head, ...day.headlines.map((headline) => `• ${linked(headline.title, headline.link, 180)}`)].join('\n');
}

/** What goes under the chart: the biggest days with their most reported headlines, and how the chart counts. */
function biggestDaysEmbed(chart: TimelineChart, windowLabel: string): MessageEmbed {
  const embed = simpleEmbed(`${chart.timeline.topicName}: the biggest days`, fitLines(chart.biggestDays.map(bigDayLines), 4000, '\n\n'));
  const stories = chart.timeline.distinctStories;
  return {
    ...embed,
    footer: {
      text: `${stories} ${stories === 1 ? 'story' : 'stories'} in ${windowLabel} (days in UTC). Each bar is a day's stories, split by the side of the outlets that reported them: a story several sides reported is shared between them.`,
    },
  };
}

/** How many UTC days a `since` asks for: "30d" → 30, "36h" → 2, today included. */
function daysOf(raw: string): number {
  const ms = parseOption(durationSchema, raw, 'since');
  return Math.max(1, Math.ceil(ms / DAY_MS));
}

export const timelineCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('timeline')
    .setDescription('A chart of a topic’s stories per day, by the side of the outlets that reported them')
    .setContexts(InteractionContextType.Guild)
    .addStringOption((option) => option.setName('topic').setDescription('The topic').setRequired(true).setAutocomplete(true))
    .addStringOption((option) => option.setName('since').setDescription(`How far back, e.g. 7d or 8w, at most 90d (default ${DEFAULT_SINCE})`)),
  async execute(interaction, context) {
    const guildId = requireGuild(interaction);
    const topic = await requireTopic(context, guildId, interaction.options.getString('topic', true));
    const raw = (interaction.options.getString('since') ?? DEFAULT_SINCE).trim().toLowerCase();
    const days = daysOf(raw);
    const viewer = guildViewer(guildId);
    const deps = timelineDependencies(context);
    const read = await readTimeline(deps, { topicId: topic.id, topicName: topic.definition.name, days, now: context.now(), viewer });
    if (read.timeline.distinctStories === 0) {
      throw new CommandError(`No stories about ${escapeAndFit(topic.definition.name, 100)} in the last ${days} day${days === 1 ? '' : 's'}, so there is nothing to chart yet.`);
    }
    context.limits.takeCooldown('timeline', interaction.user.id);
    const release = context.limits.takeSlot('chart');
    try {
      await interaction.deferReply();
      const chart = await timelineChart(deps, read, viewer);
      await interaction.editReply({
        embeds: [biggestDaysEmbed(chart, `the last ${days} day${days === 1 ? '' : 's'}`)],
        files: [chartAttachment(chart, topic.ref)],
        allowedMentions: { parse: [] },
      });
    } finally {
      release();
    }
  },
  async autocomplete(interaction, context) {
    await interaction.respond(await topicChoices(context, interaction.guildId, interaction.options.getFocused()));
  },
};

/** What the timeline service reads, from the bot's stores and config. */
export function timelineDependencies(context: BotContext): TimelineDependencies {
  return { stories: context.stores.stories, items: context.stores.items, perspectives: context.perspectives };
}

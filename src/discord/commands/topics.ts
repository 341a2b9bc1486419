import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import { guildViewer } from '../../store/visibility.js';
import type { BotContext } from '../context.js';
import { escapeAndFit } from '../render/discord-text.js';
import type { MessageEmbed } from '../delivery/message-body.js';
import type { SlashCommand } from '../interactions.js';
import { requireGuild } from './options.js';
import { fitLines, reply, simpleEmbed } from './replies.js';

const DAY = 24 * 60 * 60 * 1000;

/** Every topic of the guild with its one-line description and how many items matched it in the last 24 hours. */
export async function renderTopicList(context: BotContext, guildId: string): Promise<MessageEmbed> {
  const counts = await context.stores.itemTopics.countsSince(context.now() - DAY, guildViewer(guildId));
  const topics = await context.topics.forGuild(guildId);
  if (topics.length === 0) return simpleEmbed('Topics', 'No topics yet. A server admin can add one with /topic create.');
  const lines = topics.map((topic) => {
    const count = counts.get(topic.id) ?? 0;
    const own = topic.origin === 'guild' ? ' · this server’s own' : '';
    const activity = count === 0 ? 'nothing in the last 24h' : `${count} item${count === 1 ? '' : 's'} in the last 24h`;
    return `**${escapeAndFit(topic.definition.name, 100)}** \`${topic.ref}\`${own} — ${escapeAndFit(topic.definition.description, 300)} · ${activity}`;
  });
  return {
    ...simpleEmbed(`Topics (${topics.length})`, fitLines(lines)),
    footer: { text: '/topic show <id> shows a topic’s rules and why recent items matched' },
  };
}

export const topicsCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('topics')
    .setDescription('The topics wirewatch follows, with their activity in the last 24 hours')
    .setContexts(InteractionContextType.Guild),
  async execute(interaction, context) {
    const guildId = requireGuild(interaction);
    await interaction.reply(reply({ embeds: [await renderTopicList(context, guildId)] }, false));
  },
};

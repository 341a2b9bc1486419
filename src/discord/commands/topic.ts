import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import { explanationLine, storedExplanation } from '../../analysis/topics/index.js';
import { guildViewer } from '../../store/visibility.js';
import type { BotContext } from '../context.js';
import { escapeAndFit } from '../render/discord-text.js';
import { EMBED_LIMITS, type MessageEmbed } from '../delivery/message-body.js';
import { CommandError, type SlashCommand } from '../interactions.js';
import type { CatalogueTopic } from '../topic-catalogue.js';
import { topicChoices } from './choices.js';
import { requireGuild, requireMemberPermission, requireTopic } from './options.js';
import { discordTime, fitLines, linked, OK_COLOR, reply } from './replies.js';

const WEEK = 7 * 24 * 60 * 60 * 1000;
const RECENT_MATCHES = 5;
const DEFAULT_THRESHOLD = 3;
/** Every guild topic is matched against every item: a bound keeps one server from slowing matching for all. */
export const MAX_TOPICS_PER_GUILD = 50;
const RULES_EXAMPLE = '{"anyOf": [{"terms": ["drone strike", "drone attack*"]}], "context": ["Ukrain*"]}';

const data = new SlashCommandBuilder()
  .setName('topic')
  .setDescription('Show a topic, or manage this server’s own topics')
  .setContexts(InteractionContextType.Guild)
  .addSubcommand((subcommand) =>
    subcommand
      .setName('show')
      .setDescription('A topic’s rules and why recent items matched it')
      .addStringOption((option) => option.setName('id').setDescription('The topic').setRequired(true).setAutocomplete(true)),
  )
  .addSubcommand((subcommand) =>
    subcommand
      .setName('create')
      .setDescription('Add a topic of this server’s own (Manage Server)')
      .addStringOption((option) => option.setName('id').setDescription('Lower-case words joined by hyphens, e.g. drone-strikes').setRequired(true).setMaxLength(40))
      .addStringOption((option) => option.setName('name').setDescription('A short name shown in alerts').setRequired(true).setMaxLength(100))
      .addStringOption((option) => option.setName('description').setDescription('One line: what the topic covers').setRequired(true).setMaxLength(300))
      .addStringOption((option) => option.setName('rules').setDescription('The rules as JSON, e.g. {"anyOf":[{"terms":["drone strike"]}]}').setRequired(true).setMaxLength(6000))
      .addNumberOption((option) => option.setName('threshold').setDescription('Score an item needs to match (default 3: one title hit)').setMinValue(0.1).setMaxValue(100)),
  )
  .addSubcommand((subcommand) =>
    subcommand
      .setName('edit')
      .setDescription('Change one of this server’s topics (Manage Server)')
      .addStringOption((option) => option.setName('id').setDescription('The topic').setRequired(true).setAutocomplete(true))
      .addStringOption((option) => option.setName('name').setDescription('A new name').setMaxLength(100))
      .addStringOption((option) => option.setName('description').setDescription('A new description').setMaxLength(300))
      .addStringOption((option) => option.setName('rules').setDescription('New rules as JSON (they replace the old ones)').setMaxLength(6000))
      .addNumberOption((option) => option.setName('threshold').setDescription('A new threshold').setMinValue(0.1).setMaxValue(100)),
  )
  .addSubcommand((subcommand) =>
    subcommand
      .setName('delete')
      .setDescription('Delete one of this server’s topics and its subscriptions (Manage Server)')
      .addStringOption((option) => option.setName('id').setDescription('The topic').setRequired(true).setAutocomplete(true)),
  );

export const topicCommand: SlashCommand = {
  data,
  async execute(interaction, context) {
    const guildId = requireGuild(interaction);
    const subcommand = interaction.options.getSubcommand(true);
    if (subcommand === 'show') {
      const topic = await requireTopic(context, guildId, interaction.options.getString('id', true), 'id');
      await interaction.reply(reply({ embeds: [await renderTopic(topic, context, guildId)] }, false));
      return;
    }
    requireMemberPermission(interaction, PermissionFlagsBits.ManageGuild, 'change this server’s topics');
    if (subcommand === 'delete') return deleteTopic(interaction, context, guildId);
    return saveTopic(interaction, context, guildId, subcommand === 'create' ? 'create' : 'edit');
  },
  async autocomplete(interaction, context) {
    const guildOnly = interaction.options.getSubcommand() === 'show' ? undefined : 'guild';
    await interaction.respond(await topicChoices(context, interaction.guildId, interaction.options.getFocused(), guildOnly));
  },
};

async function saveTopic(interaction: ChatInputCommandInteraction, context: BotContext, guildId: string, action: 'create' | 'edit'): Promise<void> {
  const slug = interaction.options.getString('id', true).trim();
  const existing = await context.topics.resolve(guildId, slug);
  if (action === 'create' && existing) {
    throw new CommandError(
      existing.origin === 'shipped'
        ? `\`id\`: "${existing.ref}" is a topic wirewatch ships with; choose another id.`
        : `\`id\`: this server already has a topic "${existing.ref}". Choose another id, or change it with /topic edit.`,
    );
  }
  const ownTopics = (await context.topics.forGuild(guildId)).filter((topic) => topic.origin === 'guild').length;
  if (action === 'create' && ownTopics >= MAX_TOPICS_PER_GUILD) {
    throw new CommandError(`This server already has ${ownTopics} topics of its own, the most wirewatch allows. Delete one with /topic delete first.`);
  }
  if (action === 'edit' && existing?.origin !== 'guild') {
    throw new CommandError(`\`id\`: "${escapeAndFit(slug, 100)}" is not one of this server’s own topics. Pick one from the list; shipped topics cannot be edited.`);
  }
  const rulesText = interaction.options.getString('rules');
  const draft = {
    id: existing?.ref ?? slug,
    name: interaction.options.getString('name') ?? existing?.definition.name,
    description: interaction.options.getString('description') ?? existing?.definition.description,
    threshold: interaction.options.getNumber('threshold') ?? existing?.definition.threshold ?? DEFAULT_THRESHOLD,
    ...(existing?.definition.fieldWeights ? { fieldWeights: existing.definition.fieldWeights } : {}),
    rules: rulesText === null ? existing?.definition.rules : parseRules(rulesText),
  };
  const checked = await context.topics.check(guildId, draft);
  if (!checked.ok) {
    const problems = checked.problems.map((problem) => `• ${escapeAndFit(problem, 300)}`);
    throw new CommandError(`The topic was not saved. Fix these parts and try again:\n${fitLines(problems, 1700)}`);
  }
  await context.topics.save(guildId, draft.id, checked.topic, interaction.user.id);
  const verb = action === 'create' ? 'Created' : 'Updated';
  await interaction.reply(
    reply({ content: `${verb} the topic **${escapeAndFit(checked.topic.name, 100)}** (\`${draft.id}\`). New items are matched against it from now on; subscribe a channel with /subscribe topic.` }, true),
  );
}

async function deleteTopic(interaction: ChatInputCommandInteraction, context: BotContext, guildId: string): Promise<void> {
  const slug = interaction.options.getString('id', true).trim();
  const topic = await context.topics.resolve(guildId, slug);
  if (topic?.origin !== 'guild') {
    throw new CommandError(`\`id\`: "${escapeAndFit(slug, 100)}" is not one of this server’s own topics. Pick one from the list; shipped topics cannot be deleted.`);
  }
  const subscriptions = (await context.stores.subscriptions.listForTopic(topic.id)).filter((subscription) => subscription.guildId === guildId);
  for (const subscription of subscriptions) await context.stores.subscriptions.remove(guildId, subscription.id);
  await context.topics.remove(guildId, topic.ref);
  const stopped = subscriptions.length === 0 ? '' : ` and stopped its ${subscriptions.length} subscription${subscriptions.length === 1 ? '' : 's'}`;
  await interaction.reply(reply({ content: `Deleted the topic **${escapeAndFit(topic.definition.name, 100)}**${stopped}.` }, true));
}

function parseRules(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CommandError(
      `\`rules\`: not valid JSON (${escapeAndFit((error as Error).message, 200)}). Check the quotes, commas and brackets; for example:\n\`${RULES_EXAMPLE}\``,
    );
  }
}

/** The topic's rules, and why the latest items the guild may see that matched it did. */
export async function renderTopic(topic: CatalogueTopic, context: BotContext, guildId: string): Promise<MessageEmbed> {
  const { definition } = topic;
  const since = context.now() - WEEK;
  const viewer = guildViewer(guildId);
  const matches: string[] = [];
  for (const itemId of await context.stores.itemTopics.recentItemIds(topic.id, since, RECENT_MATCHES, viewer)) {
    const item = await context.stores.items.byId(itemId, viewer);
    if (!item) continue;
    const stored = (await context.stores.itemTopics.topicsOf(itemId)).find((match) => match.topicId === topic.id);
    const explanation = storedExplanation(stored?.explain);
    const why = explanation ? escapeAndFit(explanationLine(explanation), 300) : 'no explanation stored';
    matches.push(`${linked(item.title, item.link, 150)} — ${escapeAndFit(item.outlet, 60)}, ${discordTime(item.fetchedAt, 'R')}\n  ↳ ${why}`);
  }
  const rules = JSON.stringify(definition.rules).replaceAll('```', '`\u200b``');
  const rulesBlock = rules.length <= EMBED_LIMITS.fieldValue - 8 ? `\`\`\`${rules}\`\`\`` : `\`\`\`${rules.slice(0, EMBED_LIMITS.fieldValue - 12)}…\`\`\``;
  const recent = matches.length > 0 ? fitLines(matches, 3000) : 'No item matched it in the last 7 days.';
  return {
    title: escapeAndFit(definition.name, EMBED_LIMITS.title),
    description: `${escapeAndFit(definition.description, 300)}\n\n**Why recent items matched**\n${recent}`,
    color: OK_COLOR,
    fields: [
      { name: 'Id', value: `\`${topic.ref}\``, inline: true },
      { name: 'Threshold', value: String(definition.threshold), inline: true },
      { name: 'Defined by', value: topic.origin === 'guild' ? 'this server' : 'wirewatch', inline: true },
      { name: 'Rules', value: rulesBlock },
    ],
  };
}

import { InteractionContextType, MessageFlags, SlashCommandBuilder } from 'discord.js';
import { CommandError, type SlashCommand } from '../interactions.js';
import { topicChoices } from './choices.js';
import { readSince, requireGuild, requireTopic } from './options.js';
import { bodyReply, reply } from './replies.js';

/** A digest longer than this many messages is cut short in a preview. */
const MAX_PREVIEW_MESSAGES = 5;

export const digestCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('digest')
    .setDescription('Digests of the news')
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((subcommand) =>
      subcommand
        .setName('now')
        .setDescription('Preview the digest as it would be posted now')
        .addStringOption((option) => option.setName('topic').setDescription('One topic (default: the topics this server subscribes to)').setAutocomplete(true))
        .addStringOption((option) => option.setName('since').setDescription('How far back, e.g. 24h or 7d (default 24h)'))
        .addBooleanOption((option) => option.setName('public').setDescription('Post the preview for everyone in the channel (default: only you see it)')),
    ),
  async execute(interaction, context) {
    const guildId = requireGuild(interaction);
    const topicRef = interaction.options.getString('topic');
    const topicIds = topicRef === null
      ? [...new Set((await context.stores.subscriptions.listForGuild(guildId)).filter((subscription) => subscription.kind === 'topic').map((subscription) => subscription.target))]
      : [(await requireTopic(context, guildId, topicRef)).id];
    if (topicIds.length === 0) {
      throw new CommandError('This server subscribes to no topic yet, so it has no digest. Name a `topic`, or subscribe a channel with /subscribe topic.');
    }
    const { since, label } = readSince(interaction, context.now());
    const ephemeral = interaction.options.getBoolean('public') !== true;
    context.limits.takeCooldown('digest now', interaction.user.id);
    await interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {});
    const messages = await context.backends.digestPreview({ guildId, topicIds, since });
    const [first, ...rest] = messages;
    if (!first) throw new CommandError(`Nothing for the digest in ${label}: no stories matched ${topicRef === null ? 'the subscribed topics' : 'that topic'}.`);
    await interaction.editReply(bodyReply(first));
    for (const body of rest.slice(0, MAX_PREVIEW_MESSAGES - 1)) {
      await interaction.followUp({ ...bodyReply(body), ...(ephemeral ? { flags: MessageFlags.Ephemeral } : {}) });
    }
    const hidden = messages.length - MAX_PREVIEW_MESSAGES;
    if (hidden > 0) await interaction.followUp(reply({ content: `…and ${hidden} more digest message${hidden === 1 ? '' : 's'}, left out of this preview.` }, ephemeral));
  },
  async autocomplete(interaction, context) {
    await interaction.respond(await topicChoices(context, interaction.guildId, interaction.options.getFocused()));
  },
};

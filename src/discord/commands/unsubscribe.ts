import { InteractionContextType, PermissionFlagsBits, SlashCommandBuilder } from 'discord.js';
import { escapeAndFit } from '../render/discord-text.js';
import { CommandError, type SlashCommand } from '../interactions.js';
import { filterByTyped, fitChoices } from './choices.js';
import { requireGuild, requireMemberPermission } from './options.js';
import { reply } from './replies.js';
import { channelLabel, describeSubscription } from './subscriptions.js';

export const unsubscribeCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('unsubscribe')
    .setDescription('Stop one of the subscriptions of this server')
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageChannels)
    .setContexts(InteractionContextType.Guild)
    .addStringOption((option) =>
      option.setName('subscription').setDescription('The subscription to stop (see /subscriptions)').setRequired(true).setAutocomplete(true),
    ),
  async execute(interaction, context) {
    const guildId = requireGuild(interaction);
    requireMemberPermission(interaction, PermissionFlagsBits.ManageChannels, 'change what wirewatch posts in this server');
    const raw = interaction.options.getString('subscription', true).trim();
    const id = /^\d{1,12}$/u.test(raw) ? Number(raw) : Number.NaN;
    const subscription = Number.isNaN(id) ? null : await context.stores.subscriptions.byId(id);
    if (!subscription || subscription.guildId !== guildId || !await context.stores.subscriptions.remove(guildId, id)) {
      throw new CommandError(`\`subscription\`: this server has no subscription "${escapeAndFit(raw, 50)}". Pick one from the list as you type; /subscriptions shows them all.`);
    }
    const described = escapeAndFit(await describeSubscription(subscription, context), 400);
    await interaction.reply(reply({ content: `Stopped in <#${subscription.channelId}>: ${described}.` }, true));
  },
  async autocomplete(interaction, context) {
    if (!interaction.inGuild()) return interaction.respond([]);
    const entries = await Promise.all(
      (await context.stores.subscriptions.listForGuild(interaction.guildId)).map(async (subscription) => ({
        value: String(subscription.id),
        name: `${channelLabel(interaction.guild, subscription.channelId)} · ${await describeSubscription(subscription, context)}`,
      })),
    );
    await interaction.respond(fitChoices(filterByTyped(entries, interaction.options.getFocused(), (entry) => [entry.name, entry.value])));
  },
};

import {
  MessageFlags,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotContext } from './context.js';
import { truncateText } from './render/discord-text.js';
import { MESSAGE_CONTENT_LIMIT } from './delivery/message-body.js';

/** A mistake the member can fix (a bad option, a missing permission): shown to them alone, never logged as a failure. */
export class CommandError extends Error {}

/** One slash command: its definition, its handler and, when an option autocompletes, the autocomplete handler. */
export interface SlashCommand {
  data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, context: BotContext): Promise<void>;
}

const UNEXPECTED = 'Something went wrong on wirewatch’s side while answering this command. It has been logged; try again in a moment.';

/**
 * Routes interactions to their command and is the one error boundary: a CommandError becomes an ephemeral reply
 * with its message; anything else is logged and the member gets an ephemeral apology. Never throws.
 */
export function createInteractionRouter(commands: readonly SlashCommand[], context: BotContext): (interaction: Interaction) => Promise<void> {
  const byName = new Map(commands.map((command) => [command.data.name, command]));
  return async (interaction) => {
    if (interaction.isChatInputCommand()) {
      const command = byName.get(interaction.commandName);
      try {
        if (!command) throw new CommandError(`wirewatch has no /${interaction.commandName} command any more; the command list will refresh shortly.`);
        await command.execute(interaction, context);
      } catch (error) {
        await answerError(interaction, error, context);
      }
      return;
    }
    if (interaction.isAutocomplete()) {
      const command = byName.get(interaction.commandName);
      try {
        await command?.autocomplete?.(interaction, context);
      } catch (error) {
        context.logger.error({ err: error, command: interaction.commandName, guild_id: interaction.guildId }, 'autocomplete failed');
      }
      if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
    }
  };
}

async function answerError(interaction: ChatInputCommandInteraction, error: unknown, context: BotContext): Promise<void> {
  const known = error instanceof CommandError;
  if (!known) {
    context.logger.error(
      { err: error, command: commandPath(interaction), guild_id: interaction.guildId, channel_id: interaction.channelId },
      'slash command failed',
    );
  }
  const content = truncateText(known ? error.message : UNEXPECTED, MESSAGE_CONTENT_LIMIT);
  try {
    await sendEphemeral(interaction, content);
  } catch (replyError) {
    context.logger.warn({ err: replyError, command: commandPath(interaction), guild_id: interaction.guildId }, 'could not tell the member about a failed command');
  }
}

/** Ephemeral whatever state the interaction is in: a reply, the deferred (ephemeral) reply, or a follow-up. */
async function sendEphemeral(interaction: ChatInputCommandInteraction, content: string): Promise<void> {
  const body = { content, flags: MessageFlags.Ephemeral as const, allowedMentions: { parse: [] } };
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply(body);
    return;
  }
  if (interaction.deferred && !interaction.replied) {
    if (interaction.ephemeral) {
      await interaction.editReply({ content, embeds: [] });
      return;
    }
    // A public "thinking…" message would otherwise show the mistake to everyone.
    await interaction.deleteReply();
  }
  await interaction.followUp(body);
}

function commandPath(interaction: ChatInputCommandInteraction): string {
  const group = interaction.options.getSubcommandGroup(false);
  const subcommand = interaction.options.getSubcommand(false);
  return [interaction.commandName, group, subcommand].filter(Boolean).join(' ');
}

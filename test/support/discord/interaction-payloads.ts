import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ComponentType,
  InteractionContextType,
  InteractionType,
} from 'discord-api-types/v10';
import type {
  APIApplicationCommand,
  APIApplicationCommandAutocompleteGuildInteraction,
  APIApplicationCommandInteractionDataBasicOption,
  APIApplicationCommandInteractionDataOption,
  APIApplicationCommandOption,
  APIApplicationCommandSubcommandGroupOption,
  APIApplicationCommandSubcommandOption,
  APIChatInputApplicationCommandGuildInteraction,
  APIInteractionDataResolved,
  APIInteractionGuildMember,
  APIMessage,
  APIMessageComponentGuildInteraction,
  Locale,
} from 'discord-api-types/v10';
import { apiRoles } from './guild-payload.js';
import type { World } from './world.js';

export type SlashOptionValue = string | number | boolean;

export interface InteractionTarget {
  id: string;
  token: string;
  applicationId: string;
  guildId: string;
  channelId: string;
  userId: string;
  /** The invoking member's permissions in the channel (computed from roles/overwrites unless overridden). */
  memberPermissions: bigint;
  locale: Locale;
}

export interface CommandInvocation {
  command: APIApplicationCommand;
  /** Subcommand group and/or subcommand names after the command name ("topics add" → ["add"]). */
  subcommandPath: readonly string[];
  options: Readonly<Record<string, SlashOptionValue>>;
  /** Autocomplete only: the option the user is typing in. */
  focused?: string;
}

const ATTACHMENT_SIZE_LIMIT = 10 * 1024 * 1024;

export function chatInputInteraction(
  world: World,
  target: InteractionTarget,
  invocation: CommandInvocation,
): APIChatInputApplicationCommandGuildInteraction {
  const built = buildOptions(world, target, invocation);
  return {
    ...commonFields(world, target),
    type: InteractionType.ApplicationCommand,
    data: {
      id: invocation.command.id,
      name: invocation.command.name,
      type: ApplicationCommandType.ChatInput,
      guild_id: invocation.command.guild_id,
      ...(built.options.length > 0 ? { options: built.options } : {}),
      ...(built.resolved ? { resolved: built.resolved } : {}),
    },
  };
}

export function autocompleteInteraction(
  world: World,
  target: InteractionTarget,
  invocation: CommandInvocation,
): APIApplicationCommandAutocompleteGuildInteraction {
  const built = buildOptions(world, target, invocation);
  return {
    ...commonFields(world, target),
    type: InteractionType.ApplicationCommandAutocomplete,
    data: {
      id: invocation.command.id,
      name: invocation.command.name,
      type: ApplicationCommandType.ChatInput,
      guild_id: invocation.command.guild_id,
      options: built.options,
    },
  };
}

export function buttonInteraction(
  world: World,
  target: InteractionTarget,
  message: APIMessage,
  customId: string,
): APIMessageComponentGuildInteraction {
  return {
    ...commonFields(world, target),
    type: InteractionType.MessageComponent,
    message,
    data: { custom_id: customId, component_type: ComponentType.Button },
  };
}

function commonFields(world: World, target: InteractionTarget) {
  const guild = world.requireGuild(target.guildId);
  const channel = world.apiChannel(target.channelId);
  const member: APIInteractionGuildMember = {
    ...world.apiMember(target.guildId, target.userId),
    permissions: target.memberPermissions.toString(),
  };
  return {
    id: target.id,
    application_id: target.applicationId,
    token: target.token,
    version: 1 as const,
    guild_id: target.guildId,
    guild: { id: guild.id, locale: guild.locale, features: [] },
    channel,
    channel_id: target.channelId,
    member,
    app_permissions: world.permissionsIn(target.channelId, world.bot.id).toString(),
    locale: target.locale,
    guild_locale: guild.locale,
    entitlements: [],
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: target.guildId },
    context: InteractionContextType.Guild,
    attachment_size_limit: ATTACHMENT_SIZE_LIMIT,
  };
}

interface BuiltOptions {
  options: APIApplicationCommandInteractionDataOption[];
  resolved: APIInteractionDataResolved | null;
}

function buildOptions(world: World, target: InteractionTarget, invocation: CommandInvocation): BuiltOptions {
  const where = `/${[invocation.command.name, ...invocation.subcommandPath].join(' ')}`;
  const resolved: APIInteractionDataResolved = {};
  let definitions = invocation.command.options ?? [];
  const wrappers: { type: ApplicationCommandOptionType.Subcommand | ApplicationCommandOptionType.SubcommandGroup; name: string }[] = [];
  for (const name of invocation.subcommandPath) {
    const nested = definitions.find(
      (option): option is APIApplicationCommandSubcommandOption | APIApplicationCommandSubcommandGroupOption =>
        option.name === name &&
        (option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup),
    );
    if (!nested) throw new Error(`${where}: the registered command has no subcommand "${name}".`);
    wrappers.push({ type: nested.type, name });
    definitions = (nested.options ?? []) as APIApplicationCommandOption[];
  }
  if (definitions.some((option) => option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup)) {
    throw new Error(`${where} needs a subcommand: name it after the command, e.g. "${invocation.command.name} <subcommand>".`);
  }
  const leaves = basicOptions(world, target, definitions, invocation, resolved, where);
  let options: APIApplicationCommandInteractionDataOption[] = leaves;
  for (const wrapper of [...wrappers].reverse()) {
    options =
      wrapper.type === ApplicationCommandOptionType.Subcommand
        ? [{ type: wrapper.type, name: wrapper.name, options: options as APIApplicationCommandInteractionDataBasicOption[] }]
        : [{ type: wrapper.type, name: wrapper.name, options: options as never }];
  }
  return { options, resolved: Object.keys(resolved).length > 0 ? resolved : null };
}

function basicOptions(
  world: World,
  target: InteractionTarget,
  definitions: readonly APIApplicationCommandOption[],
  invocation: CommandInvocation,
  resolved: APIInteractionDataResolved,
  where: string,
): APIApplicationCommandInteractionDataBasicOption[] {
  const known = definitions.map((option) => option.name);
  for (const name of Object.keys(invocation.options)) {
    if (!known.includes(name)) throw new Error(`${where} has no option "${name}"; it has: ${known.join(', ') || 'none'}.`);
  }
  const options: APIApplicationCommandInteractionDataBasicOption[] = [];
  for (const definition of definitions) {
    const value = invocation.options[definition.name];
    const isFocused = invocation.focused === definition.name;
    if (value === undefined) {
      if ('required' in definition && definition.required && invocation.focused === undefined) {
        throw new Error(`${where}: required option "${definition.name}" is missing (Discord would not let the user send it).`);
      }
      continue;
    }
    if (isFocused) {
      // While typing, Discord sends the partial input as a string whatever the option's type.
      options.push({ type: definition.type, name: definition.name, value: String(value), focused: true } as APIApplicationCommandInteractionDataBasicOption);
      continue;
    }
    options.push(typedOption(world, target, definition, value, resolved, where));
  }
  return options;
}

function typedOption(
  world: World,
  target: InteractionTarget,
  definition: APIApplicationCommandOption,
  value: SlashOptionValue,
  resolved: APIInteractionDataResolved,
  where: string,
): APIApplicationCommandInteractionDataBasicOption {
  const fail = (expected: string): never => {
    throw new Error(`${where}: option "${definition.name}" expects ${expected}, got ${JSON.stringify(value)}.`);
  };
  const checkChoices = () => {
    if ('choices' in definition && definition.choices && !definition.choices.some((choice) => choice.value === value)) {
      fail(`one of the registered choices (${definition.choices.map((choice) => JSON.stringify(choice.value)).join(', ')})`);
    }
  };
  switch (definition.type) {
    case ApplicationCommandOptionType.String: {
      if (typeof value !== 'string') return fail('a string');
      if (definition.min_length !== undefined && value.length < definition.min_length) fail(`at least ${definition.min_length} characters`);
      if (definition.max_length !== undefined && value.length > definition.max_length) fail(`at most ${definition.max_length} characters`);
      checkChoices();
      return { type: definition.type, name: definition.name, value };
    }
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number: {
      const integer = definition.type === ApplicationCommandOptionType.Integer;
      if (typeof value !== 'number' || (integer && !Number.isInteger(value))) return fail(integer ? 'an integer' : 'a number');
      if (definition.min_value !== undefined && value < definition.min_value) fail(`a value ≥ ${definition.min_value}`);
      if (definition.max_value !== undefined && value > definition.max_value) fail(`a value ≤ ${definition.max_value}`);
      checkChoices();
      return { type: definition.type, name: definition.name, value } as APIApplicationCommandInteractionDataBasicOption;
    }
    case ApplicationCommandOptionType.Boolean:
      if (typeof value !== 'boolean') return fail('a boolean');
      return { type: definition.type, name: definition.name, value };
    case ApplicationCommandOptionType.User:
      if (typeof value !== 'string' || !world.users.has(value)) return fail('the id of a known user');
      resolveUser(world, target, value, resolved);
      return { type: definition.type, name: definition.name, value };
    case ApplicationCommandOptionType.Channel: {
      if (typeof value !== 'string' || !world.channels.has(value)) return fail('the id of a known channel');
      const channel = world.apiChannel(value);
      resolved.channels = {
        ...resolved.channels,
        [value]: { id: value, name: channel.name, type: channel.type, permissions: world.permissionsIn(value, target.userId).toString() },
      };
      return { type: definition.type, name: definition.name, value };
    }
    case ApplicationCommandOptionType.Role:
    case ApplicationCommandOptionType.Mentionable: {
      const role = apiRoles(world, target.guildId).find((candidate) => candidate.id === value);
      if (typeof value === 'string' && role) {
        resolved.roles = { ...resolved.roles, [value]: role };
        return { type: definition.type, name: definition.name, value };
      }
      if (definition.type === ApplicationCommandOptionType.Mentionable && typeof value === 'string' && world.users.has(value)) {
        resolveUser(world, target, value, resolved);
        return { type: definition.type, name: definition.name, value };
      }
      return fail('the id of a known role');
    }
    case ApplicationCommandOptionType.Attachment: {
      const attachment = typeof value === 'string' ? world.attachments.get(value) : undefined;
      if (!attachment) return fail('the id of a file uploaded with uploadAttachment()');
      resolved.attachments = { ...resolved.attachments, [attachment.id]: structuredClone(attachment) };
      return { type: definition.type, name: definition.name, value: attachment.id };
    }
    default:
      throw new Error(`${where}: option "${definition.name}" has a type this fake server cannot send (${definition.type}).`);
  }
}

function resolveUser(world: World, target: InteractionTarget, userId: string, resolved: APIInteractionDataResolved): void {
  resolved.users = { ...resolved.users, [userId]: world.apiUser(userId) };
  if (!world.isMember(target.guildId, userId)) return;
  const { user: _user, deaf: _deaf, mute: _mute, ...member } = world.apiMember(target.guildId, userId);
  resolved.members = {
    ...resolved.members,
    [userId]: { ...member, permissions: world.permissionsIn(target.channelId, userId).toString() },
  };
}

import { ApplicationCommandOptionType, ApplicationCommandType, ApplicationIntegrationType, InteractionContextType } from 'discord-api-types/v10';
import type { APIApplicationCommand, APIApplicationCommandOption } from 'discord-api-types/v10';
import { addFieldError, invalidFormBody, maxLengthError } from './errors.js';
import type { ErrorReply, FormErrors } from './errors.js';
import type { SnowflakeFactory } from './ids.js';

const COMMAND_NAME = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
const MAX_OPTIONS = 25;
const MAX_CHOICES = 25;
const MAX_COMMANDS = 100;

/** Registered application commands: global ones and per-guild ones, as the bot PUT them. */
export class CommandStore {
  private readonly global: APIApplicationCommand[] = [];
  private readonly perGuild = new Map<string, APIApplicationCommand[]>();

  constructor(
    private readonly ids: SnowflakeFactory,
    private readonly applicationId: string,
  ) {}

  list(guildId?: string): APIApplicationCommand[] {
    return guildId === undefined ? [...this.global] : [...(this.perGuild.get(guildId) ?? [])];
  }

  /** Bulk overwrite, as PUT /applications/{app}/commands does. */
  replace(definitions: unknown, guildId?: string): { ok: true; commands: APIApplicationCommand[] } | { ok: false; error: ErrorReply } {
    const errors = validateDefinitions(definitions);
    if (errors) return { ok: false, error: invalidFormBody(errors) };
    const previous = this.list(guildId);
    const commands = (definitions as Record<string, unknown>[]).map((definition) => this.toCommand(definition, previous, guildId));
    if (guildId === undefined) this.global.splice(0, this.global.length, ...commands);
    else this.perGuild.set(guildId, commands);
    return { ok: true, commands };
  }

  /** The command a user in `guildId` would run under this name: guild commands shadow global ones. */
  find(name: string, guildId: string): APIApplicationCommand | undefined {
    const chatInput = (command: APIApplicationCommand) => command.name === name && command.type === ApplicationCommandType.ChatInput;
    return this.perGuild.get(guildId)?.find(chatInput) ?? this.global.find(chatInput);
  }

  private toCommand(definition: Record<string, unknown>, previous: readonly APIApplicationCommand[], guildId?: string): APIApplicationCommand {
    const type = (definition.type as ApplicationCommandType | undefined) ?? ApplicationCommandType.ChatInput;
    const name = String(definition.name);
    const existing = previous.find((command) => command.name === name && command.type === type);
    const defaultPermissions = definition.default_member_permissions;
    return {
      id: existing?.id ?? this.ids.next(),
      type,
      application_id: this.applicationId,
      ...(guildId === undefined ? {} : { guild_id: guildId }),
      name,
      name_localizations: (definition.name_localizations as APIApplicationCommand['name_localizations']) ?? null,
      description: typeof definition.description === 'string' ? definition.description : '',
      description_localizations: (definition.description_localizations as APIApplicationCommand['description_localizations']) ?? null,
      ...(Array.isArray(definition.options) ? { options: definition.options as APIApplicationCommandOption[] } : {}),
      default_member_permissions: defaultPermissions === undefined || defaultPermissions === null ? null : String(defaultPermissions),
      nsfw: definition.nsfw === true,
      integration_types: (definition.integration_types as ApplicationIntegrationType[] | undefined) ?? [ApplicationIntegrationType.GuildInstall],
      contexts: (definition.contexts as InteractionContextType[] | undefined) ?? null,
      version: this.ids.next(),
    };
  }
}

function validateDefinitions(definitions: unknown): FormErrors | null {
  const errors: FormErrors = {};
  if (!Array.isArray(definitions)) {
    addFieldError(errors, [], { code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' });
    return errors;
  }
  if (definitions.length > MAX_COMMANDS) addFieldError(errors, [], maxLengthError(MAX_COMMANDS));
  const seen = new Set<string>();
  definitions.forEach((raw: unknown, index) => {
    const definition = (raw ?? {}) as Record<string, unknown>;
    const type = (definition.type as number | undefined) ?? ApplicationCommandType.ChatInput;
    const chatInput = type === ApplicationCommandType.ChatInput;
    checkName(definition.name, chatInput, [index, 'name'], errors);
    const key = `${type}:${String(definition.name)}`;
    if (seen.has(key)) {
      addFieldError(errors, [index, 'name'], { code: 'APPLICATION_COMMANDS_DUPLICATE_NAME', message: 'Application command names must be unique' });
    }
    seen.add(key);
    if (chatInput) checkDescription(definition.description, [index, 'description'], errors);
    checkOptions(definition.options, [index, 'options'], errors);
  });
  return Object.keys(errors).length > 0 ? errors : null;
}

function checkOptions(options: unknown, path: (string | number)[], errors: FormErrors): void {
  if (options === undefined) return;
  if (!Array.isArray(options)) {
    addFieldError(errors, path, { code: 'BASE_TYPE_ARRAY', message: 'Must be an array.' });
    return;
  }
  if (options.length > MAX_OPTIONS) addFieldError(errors, path, maxLengthError(MAX_OPTIONS));
  let sawOptional = false;
  options.forEach((raw: unknown, index) => {
    const option = (raw ?? {}) as Record<string, unknown>;
    const optionPath = [...path, index];
    checkName(option.name, true, [...optionPath, 'name'], errors);
    checkDescription(option.description, [...optionPath, 'description'], errors);
    const nested =
      option.type === ApplicationCommandOptionType.Subcommand || option.type === ApplicationCommandOptionType.SubcommandGroup;
    if (nested) {
      checkOptions(option.options, [...optionPath, 'options'], errors);
      return;
    }
    if (option.required === true && sawOptional) {
      addFieldError(errors, [...optionPath, 'required'], {
        code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID',
        message: 'Required options must be placed before non-required options',
      });
    }
    if (option.required !== true) sawOptional = true;
    if (Array.isArray(option.choices)) {
      if (option.choices.length > MAX_CHOICES) addFieldError(errors, [...optionPath, 'choices'], maxLengthError(MAX_CHOICES));
      if (option.autocomplete === true) {
        addFieldError(errors, [...optionPath, 'autocomplete'], {
          code: 'APPLICATION_COMMAND_OPTION_CHOICES_AUTOCOMPLETE',
          message: 'Autocomplete and choices are mutually exclusive',
        });
      }
    }
  });
}

function checkName(name: unknown, mustBeLowercase: boolean, path: (string | number)[], errors: FormErrors): void {
  if (typeof name !== 'string' || !COMMAND_NAME.test(name) || (mustBeLowercase && name !== name.toLowerCase())) {
    addFieldError(errors, path, { code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' });
  }
}

function checkDescription(description: unknown, path: (string | number)[], errors: FormErrors): void {
  if (typeof description !== 'string' || description.length === 0) {
    addFieldError(errors, path, { code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
  } else if (description.length > 100) {
    addFieldError(errors, path, maxLengthError(100));
  }
}

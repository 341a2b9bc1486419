import { createHash } from 'node:crypto';
import { Routes, type REST, type RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord.js';
import type { CommandRegistryStore } from '../store/command-registry.js';
import type { SlashCommand } from './interactions.js';

export type CommandDefinition = RESTPostAPIChatInputApplicationCommandsJSONBody;

export function commandDefinitions(commands: readonly SlashCommand[]): CommandDefinition[] {
  return commands.map((command) => command.data.toJSON());
}

/** A stable fingerprint of the definitions: any change to a name, description, option or permission changes it. */
export function definitionsHash(definitions: readonly CommandDefinition[]): string {
  return createHash('sha256').update(JSON.stringify(definitions)).digest('hex');
}

/** Global commands take up to an hour to reach every server; commands of one guild are there at once. */
export function registrationScope(applicationId: string, guildId?: string): string {
  return guildId === undefined ? `${applicationId}:global` : `${applicationId}:guild:${guildId}`;
}

export interface RegistrationTarget {
  applicationId: string;
  /** Register in this guild only (instantly) instead of globally. */
  guildId?: string;
  definitions: readonly CommandDefinition[];
}

/** Replaces the application's commands (in the guild, or globally) with these definitions: one bulk PUT. */
export async function registerCommands(rest: Pick<REST, 'put'>, target: RegistrationTarget): Promise<void> {
  const route = target.guildId === undefined
    ? Routes.applicationCommands(target.applicationId)
    : Routes.applicationGuildCommands(target.applicationId, target.guildId);
  await rest.put(route, { body: target.definitions });
}

/**
 * Registers at start-up only when the definitions differ from the ones last registered for this application and
 * scope. Returns whether it registered. A failed registration records nothing, so the next start tries again.
 * Check, PUT and record happen under the registry's lock: instances started together make one PUT.
 */
export async function registerCommandsIfChanged(
  rest: Pick<REST, 'put'>,
  target: RegistrationTarget,
  registry: CommandRegistryStore,
  now: number,
): Promise<boolean> {
  const scope = registrationScope(target.applicationId, target.guildId);
  const hash = definitionsHash(target.definitions);
  return registry.withRegistrationLock(async () => {
    if (await registry.hashFor(scope) === hash) return false;
    await registerCommands(rest, target);
    await registry.record(scope, hash, now);
    return true;
  });
}

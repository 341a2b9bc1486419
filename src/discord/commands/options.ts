import { PermissionFlagsBits, type ChatInputCommandInteraction } from 'discord.js';
import { z } from 'zod';
import type { Person } from '../../analysis/people/schema.js';
import type { Perspective } from '../../analysis/sides/types.js';
import { parseDuration } from '../../config/duration.js';
import { foldText } from '../../text/words.js';
import type { BotContext } from '../context.js';
import { CommandError } from '../interactions.js';
import { escapeAndFit } from '../render/discord-text.js';
import type { CatalogueTopic } from '../topic-catalogue.js';

/** "90m", "24h", "7d", "2w" (also "3 days") → milliseconds, from 1 minute to 90 days. */
export const durationSchema = z
  .string()
  .trim()
  .toLowerCase()
  .transform((text, context) => {
    const duration = parseDuration(text);
    if (duration.ok) return duration.ms;
    context.addIssue({ code: z.ZodIssueCode.custom, message: `"${escapeAndFit(text, 50)}" ${duration.problem}` });
    return z.NEVER;
  });

/** An absolute http(s) URL of reasonable length. */
export const webUrlSchema = z
  .string()
  .trim()
  .max(2000, 'a URL is at most 2,000 characters')
  .refine((text) => {
    try {
      return ['http:', 'https:'].includes(new URL(text).protocol);
    } catch {
      return false;
    }
  }, 'give a full web address starting with https://');

/** Parses one option with a schema; a failure names the option and says what to write. */
export function parseOption<Schema extends z.ZodTypeAny>(schema: Schema, value: unknown, option: string): z.output<Schema> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new CommandError(`\`${option}\`: ${parsed.error.issues[0]?.message ?? 'invalid value'}.`);
}

/** The start of the window a `since` option asks for (epoch ms) and how to say it ("the last 24h"). */
export function readSince(interaction: ChatInputCommandInteraction, now: number, fallback = '24h', option = 'since'): { since: number; label: string } {
  const raw = interaction.options.getString(option) ?? fallback;
  const ms = parseOption(durationSchema, raw, option);
  return { since: now - ms, label: `the last ${raw.trim().toLowerCase().replace(/\s+/gu, ' ')}` };
}

/** Commands only work inside a server. */
export function requireGuild(interaction: ChatInputCommandInteraction): string {
  if (!interaction.inGuild()) throw new CommandError('This command works inside a server, not in direct messages.');
  return interaction.guildId;
}

const PERMISSION_NAMES = new Map<bigint, string>([
  [PermissionFlagsBits.ManageChannels, 'Manage Channels'],
  [PermissionFlagsBits.ManageGuild, 'Manage Server'],
]);

/**
 * Re-checks a permission from the member's permissions in this interaction: servers can open a command to anyone
 * in their integration settings, but changing subscriptions, topics and feeds still needs the permission.
 */
export function requireMemberPermission(interaction: ChatInputCommandInteraction, permission: bigint, action: string): void {
  if (interaction.memberPermissions?.has(permission)) return;
  const name = PERMISSION_NAMES.get(permission) ?? 'a permission you do not have';
  throw new CommandError(`You need the ${name} permission to ${action}. Ask a server admin to do it, or to give you that permission.`);
}

export async function requireTopic(context: BotContext, guildId: string, ref: string, option = 'topic'): Promise<CatalogueTopic> {
  const topic = await context.topics.resolve(guildId, ref);
  if (topic) return topic;
  throw new CommandError(`\`${option}\`: there is no topic "${escapeAndFit(ref, 100)}" in this server. Pick one from the list as you type, or see /topics.`);
}

/** A perspective of config/perspectives.json by id or label (any case). */
export function requirePerspective(context: BotContext, ref: string, option = 'perspective'): Perspective {
  const wanted = foldText(ref.trim());
  const found = context.perspectives.find((perspective) => perspective.id === ref.trim() || foldText(perspective.label) === wanted);
  if (found) return found;
  const known = context.perspectives.map((perspective) => perspective.id).join(', ');
  throw new CommandError(`\`${option}\`: there is no perspective "${escapeAndFit(ref, 60)}". Pick one from the list as you type: ${known}.`);
}

/** A tracked person by id or by name (any case, accents optional). */
export function findPerson(people: readonly Person[], ref: string): Person | null {
  const wanted = foldText(ref.trim());
  return people.find((person) => person.id === ref.trim() || foldText(person.name) === wanted || person.aliases.some((alias) => foldText(alias) === wanted)) ?? null;
}

export function requirePerson(context: BotContext, ref: string, option = 'person'): Person {
  const person = findPerson(context.people, ref);
  if (person) return person;
  throw new CommandError(`\`${option}\`: wirewatch does not track "${escapeAndFit(ref, 100)}". Pick a person from the list as you type.`);
}

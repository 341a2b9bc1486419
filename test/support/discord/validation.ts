import { AllowedMentionsTypes } from 'discord-api-types/v10';
import type { APIAllowedMentions, APIEmbed } from 'discord-api-types/v10';
import { addFieldError, invalidFormBody, maxLengthError, requiredFieldError, discordErrors } from './errors.js';
import type { ErrorReply, FormErrors } from './errors.js';

export const MESSAGE_LIMITS = {
  content: 2_000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4_096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1_024,
  footerText: 2_048,
  authorName: 256,
  embedsTotal: 6_000,
  nonce: 25,
} as const;

/** The message fields the limits apply to, as sent by a client (null clears a field on edit). */
export interface MessageWrite {
  content?: unknown;
  nonce?: unknown;
  embeds?: unknown;
  allowed_mentions?: unknown;
  message_reference?: unknown;
  components?: unknown;
  sticker_ids?: unknown;
  poll?: unknown;
  attachments?: unknown;
}

export function checkMessageLimits(write: MessageWrite, options: { requireBody: boolean; fileCount: number }): ErrorReply | null {
  const errors: FormErrors = {};
  const content = typeof write.content === 'string' ? write.content : '';
  if (content.length > MESSAGE_LIMITS.content) addFieldError(errors, ['content'], maxLengthError(MESSAGE_LIMITS.content));
  if (typeof write.nonce === 'string' && write.nonce.length > MESSAGE_LIMITS.nonce) {
    addFieldError(errors, ['nonce'], maxLengthError(MESSAGE_LIMITS.nonce));
  }
  const embeds = Array.isArray(write.embeds) ? (write.embeds as APIEmbed[]) : [];
  checkEmbeds(embeds, errors);
  if (Object.keys(errors).length > 0) return invalidFormBody(errors);

  const hasBody =
    content.trim().length > 0 ||
    embeds.length > 0 ||
    options.fileCount > 0 ||
    nonEmptyArray(write.components) ||
    nonEmptyArray(write.sticker_ids) ||
    (write.poll !== undefined && write.poll !== null);
  if (options.requireBody && !hasBody) return discordErrors.emptyMessage();
  return null;
}

function checkEmbeds(embeds: readonly APIEmbed[], errors: FormErrors): void {
  if (embeds.length > MESSAGE_LIMITS.embeds) addFieldError(errors, ['embeds'], maxLengthError(MESSAGE_LIMITS.embeds));
  let total = 0;
  embeds.forEach((embed, index) => {
    const path = ['embeds', index];
    total += limitText(embed.title, MESSAGE_LIMITS.embedTitle, [...path, 'title'], errors);
    total += limitText(embed.description, MESSAGE_LIMITS.embedDescription, [...path, 'description'], errors);
    total += limitText(embed.footer?.text, MESSAGE_LIMITS.footerText, [...path, 'footer', 'text'], errors);
    total += limitText(embed.author?.name, MESSAGE_LIMITS.authorName, [...path, 'author', 'name'], errors);
    const fields = embed.fields ?? [];
    if (fields.length > MESSAGE_LIMITS.embedFields) {
      addFieldError(errors, [...path, 'fields'], maxLengthError(MESSAGE_LIMITS.embedFields));
    }
    fields.forEach((field, fieldIndex) => {
      const fieldPath = [...path, 'fields', fieldIndex];
      if (typeof field.name !== 'string' || field.name.length === 0) addFieldError(errors, [...fieldPath, 'name'], requiredFieldError);
      if (typeof field.value !== 'string' || field.value.length === 0) addFieldError(errors, [...fieldPath, 'value'], requiredFieldError);
      total += limitText(field.name, MESSAGE_LIMITS.fieldName, [...fieldPath, 'name'], errors);
      total += limitText(field.value, MESSAGE_LIMITS.fieldValue, [...fieldPath, 'value'], errors);
    });
    if (embed.color !== undefined && (!Number.isInteger(embed.color) || embed.color < 0 || embed.color > 0xffffff)) {
      addFieldError(errors, [...path, 'color'], { code: 'NUMBER_TYPE_MAX', message: 'int value should be less than or equal to 16777215.' });
    }
    if (embed.timestamp !== undefined && Number.isNaN(Date.parse(embed.timestamp))) {
      addFieldError(errors, [...path, 'timestamp'], { code: 'DATE_TIME_TYPE_PARSE', message: 'Could not parse timestamp. Should be ISO8601.' });
    }
  });
  if (total > MESSAGE_LIMITS.embedsTotal) {
    addFieldError(errors, ['embeds'], {
      code: 'MAX_EMBED_SIZE_EXCEEDED',
      message: `Embed size exceeds maximum size of ${MESSAGE_LIMITS.embedsTotal}`,
    });
  }
}

function limitText(value: unknown, max: number, path: readonly (string | number)[], errors: FormErrors): number {
  if (typeof value !== 'string') return 0;
  if (value.length > max) addFieldError(errors, path, maxLengthError(max));
  return value.length;
}

function nonEmptyArray(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}

/**
 * The mentions in `content` that would notify someone under the effective allowed_mentions
 * (the payload's, else Discord's default of parsing everything).
 */
export function pingingMentions(write: MessageWrite): string[] {
  const content = typeof write.content === 'string' ? write.content : '';
  const allowed = (write.allowed_mentions ?? undefined) as APIAllowedMentions | undefined;
  const parse = new Set(allowed ? (allowed.parse ?? []) : Object.values(AllowedMentionsTypes));
  const pings: string[] = [];
  for (const match of content.matchAll(/@(everyone|here)\b/g)) {
    if (parse.has(AllowedMentionsTypes.Everyone)) pings.push(match[0]);
  }
  for (const match of content.matchAll(/<@!?(\d{5,20})>/g)) {
    if (parse.has(AllowedMentionsTypes.User) || allowed?.users?.includes(match[1] ?? '')) pings.push(match[0]);
  }
  for (const match of content.matchAll(/<@&(\d{5,20})>/g)) {
    if (parse.has(AllowedMentionsTypes.Role) || allowed?.roles?.includes(match[1] ?? '')) pings.push(match[0]);
  }
  const replying = write.message_reference !== undefined && write.message_reference !== null;
  if (replying && (allowed === undefined || allowed.replied_user === true)) pings.push('(reply ping to the replied-to author)');
  return pings;
}

/** The guild a message is posted in, as the mention rules need it. */
export interface MentionGuild {
  id: string;
  /** The guild's role ids (@everyone's is the guild's id). */
  roleIds: ReadonlySet<string>;
  /** Whether a mention of this role of the guild notifies its members (mentionable, or the bot may mention all). */
  notifies(roleId: string): boolean;
}

/** What a message's mentions do, judged against its allowed_mentions and the guild it is posted in. */
export interface MentionReview {
  /** Mentions that would notify without being listed by id (`parse`, or Discord's parse-all default): unsafe. */
  unsafe: string[];
  /** Mentions in the content that allowed_mentions does not let ping: raw mention syntax that should have been escaped. */
  notAllowed: string[];
  /** Role ids allowed_mentions lists that are not roles of the guild. */
  foreignRoles: string[];
  /** Roles the message notifies: mentioned, allowed, the guild's, and mentionable (or the bot may mention all). */
  pingedRoleIds: string[];
}

/**
 * Reviews a message's mentions. A role listed by id in `allowed_mentions.roles` is a deliberate ping of that role
 * (fine when it is the guild's); everything else that would ping is unsafe, and a mention that does not ping should
 * not be in the content at all.
 */
export function reviewMentions(write: MessageWrite, guild: MentionGuild | null): MentionReview {
  const content = typeof write.content === 'string' ? write.content : '';
  const allowed = (write.allowed_mentions ?? undefined) as APIAllowedMentions | undefined;
  const listedRoles = new Set(allowed?.roles ?? []);
  /** A role of the guild (not @everyone, whose id is the guild's) that the payload names: the ping is meant. */
  const guildRole = (roleId: string) => guild !== null && roleId !== guild.id && guild.roleIds.has(roleId);
  const roleOf = (mention: string) => /^<@&(\d+)>$/.exec(mention)?.[1] ?? null;
  const pinging = pingingMentions(write);
  const mentioned = [...content.matchAll(/@(?:everyone|here)\b|<@!?\d{5,20}>|<@&\d{5,20}>/g)].map((match) => match[0]);
  const pingedRoleIds = [...new Set(pinging.map(roleOf))].filter(
    (roleId): roleId is string => roleId !== null && guildRole(roleId) && (guild?.notifies(roleId) ?? false),
  );
  const deliberate = (mention: string) => {
    const roleId = roleOf(mention);
    return roleId !== null && listedRoles.has(roleId) && guildRole(roleId);
  };
  return {
    unsafe: pinging.filter((mention) => !deliberate(mention)),
    notAllowed: mentioned.filter((mention) => !pinging.includes(mention)),
    foreignRoles: [...listedRoles].filter((roleId) => guild !== null && !guild.roleIds.has(roleId)),
    pingedRoleIds,
  };
}

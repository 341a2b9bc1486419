import { MessageFlags, type InteractionReplyOptions } from 'discord.js';
import { EMBED_LIMITS, type MessageBody, type MessageEmbed } from '../delivery/message-body.js';
import { escapeAndFit, maskedLink, plainDiscordText, safeLink } from '../render/discord-text.js';
import { bareQuote } from '../../analysis/quotes/display.js';

export const INFO_COLOR = 0x2f6fde;
export const QUOTE_COLOR = 0xd9822b;
export const OK_COLOR = 0x3ba55c;

/** A reply; every embed field is already escaped and within Discord's limits (see fitLines, escapeAndFit). */
export function reply(body: { content?: string; embeds?: MessageEmbed[] }, ephemeral: boolean): InteractionReplyOptions & { flags?: MessageFlags.Ephemeral } {
  return { ...body, allowedMentions: { parse: [] }, ...(ephemeral ? { flags: MessageFlags.Ephemeral as const } : {}) };
}

/** A stored or service-made message body as an interaction reply, edit or follow-up. */
export function bodyReply(body: MessageBody) {
  return { ...(body.content ? { content: body.content } : {}), embeds: body.embeds, allowedMentions: { parse: [] } };
}

/** An embed with a title and a description, the description cut to fit. */
export function simpleEmbed(title: string, description: string, color = INFO_COLOR): MessageEmbed {
  return { title: plainDiscordText(title, EMBED_LIMITS.title), description: description.slice(0, EMBED_LIMITS.description), color };
}

/**
 * Joins ready-made lines (already escaped) within `max` characters; what does not fit is counted ("… and 4 more").
 * A single line longer than `max` is never cut mid-escape: it is left out and counted.
 */
export function fitLines(lines: readonly string[], max: number = EMBED_LIMITS.description, separator = '\n'): string {
  const kept: string[] = [];
  let length = 0;
  for (const [index, line] of lines.entries()) {
    const rest = lines.length - index - 1;
    const tail = rest > 0 ? `${separator}… and ${rest} more`.length : 0;
    const added = (kept.length > 0 ? separator.length : 0) + line.length;
    if (length + added + tail > max) {
      const dropped = lines.length - index;
      const more = `… and ${dropped} more`;
      return kept.length > 0 ? `${kept.join(separator)}${separator}${more}` : more;
    }
    kept.push(line);
    length += added;
  }
  return kept.join(separator);
}

/** A linked title when the link is usable, else the escaped text. */
export function linked(text: string, link: string | null | undefined, max = 200): string {
  const url = safeLink(link);
  const label = escapeAndFit(text.replace(/\s+/gu, ' ').trim(), max) || 'link';
  return url ? maskedLink(plainDiscordText(text, max) || 'link', url) : label;
}

/** A time shown in each reader's own time zone (Discord timestamp markup: no ping, no markdown). */
export function discordTime(epochMs: number, style: 'f' | 'R' | 'd' = 'f'): string {
  return `<t:${Math.floor(epochMs / 1000)}:${style}>`;
}

/** "> quote" with the speaker on the next line, escaped and fitted. */
export function quoteLines(quote: string, speaker: string, max: number): string {
  const attribution = `\n— ${escapeAndFit(speaker.replace(/\s+/gu, ' '), 150)}`;
  const body = escapeAndFit(bareQuote(quote), Math.max(20, max - attribution.length - 4));
  return `> “${body}”${attribution}`;
}

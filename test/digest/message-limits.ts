import { expect } from 'vitest';
import { messageBodySchema, type MessageBody } from '../../src/discord/delivery/message-body.js';

/** A mention (`<@1>`, `<@&1>`, `<#1>`, `</cmd:1>`) whose "<" is not backslash-escaped, so Discord would render it. */
const LIVE_MENTION = /(^|[^\\])(\\\\)*<[@#/]/u;

/** Asserts a payload is one Discord accepts (every length and count limit) and that nothing in it can ping. */
export function expectValidMessage(message: MessageBody): void {
  const parsed = messageBodySchema.safeParse(message);
  expect(parsed.success, parsed.error?.message).toBe(true);
  expect(message.allowed_mentions).toEqual({ parse: [] });
  expect(Boolean(message.content) || message.embeds.length > 0).toBe(true);
  for (const text of messageTexts(message)) {
    expect(text).not.toMatch(/@(everyone|here)/i);
    expect(text).not.toMatch(LIVE_MENTION);
  }
}

export function messageTexts(message: MessageBody): string[] {
  return [
    message.content ?? '',
    ...message.embeds.flatMap((embed) => [
      embed.title ?? '',
      embed.description ?? '',
      embed.footer?.text ?? '',
      embed.author?.name ?? '',
      ...(embed.fields ?? []).flatMap((field) => [field.name, field.value]),
    ]),
  ];
}

import { expect } from 'vitest';
import { DISCORD_LIMITS, embedLength, type DiscordMessagePayload } from '../../src/digest/discord-limits.js';

/** Asserts a payload is one Discord accepts and that nothing in it can ping. */
export function expectValidMessage(message: DiscordMessagePayload): void {
  expect(message.allowed_mentions).toEqual({ parse: [] });
  expect(Boolean(message.content) || (message.embeds?.length ?? 0) > 0).toBe(true);
  expect(message.content?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.content);
  const embeds = message.embeds ?? [];
  expect(embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedsPerMessage);
  let total = 0;
  for (const embed of embeds) {
    expect(embed.title?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
    expect(embed.description?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
    expect(embed.fields?.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.embedFields);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldName);
      expect(field.value.length).toBeLessThanOrEqual(DISCORD_LIMITS.fieldValue);
    }
    expect(embed.footer?.text.length ?? 0).toBeLessThanOrEqual(DISCORD_LIMITS.footerText);
    total += embedLength(embed);
  }
  expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.embedsTotal);
  for (const text of messageTexts(message)) {
    expect(text).not.toMatch(/@(everyone|here)/i);
    expect(text).not.toMatch(/<[@#/]/);
  }
}

export function messageTexts(message: DiscordMessagePayload): string[] {
  return [
    message.content ?? '',
    ...(message.embeds ?? []).flatMap((embed) => [
      embed.title ?? '',
      embed.description ?? '',
      embed.footer?.text ?? '',
      ...(embed.fields ?? []).flatMap((field) => [field.name, field.value]),
    ]),
  ];
}

import type { AppConfig } from '../config/app-config.js';
import type { DiscordRuntime, DiscordRuntimeOptions } from '../discord/runtime.js';

/** Connects to Discord: slash commands, the outbox worker and the digest schedule, over the app's stores and topics. */
export async function connectDiscord(
  token: string,
  config: Readonly<AppConfig>,
  options: Omit<DiscordRuntimeOptions, 'token' | 'people' | 'perspectives' | 'newFeedIntervalSeconds'>,
): Promise<DiscordRuntime> {
  // Loaded only when there is a bot to run: discord.js is a large part of a headless process's memory.
  const { startDiscordRuntime } = await import('../discord/runtime.js');
  return startDiscordRuntime({
    ...options,
    token,
    people: config.people,
    perspectives: config.perspectives,
    newFeedIntervalSeconds: config.feeds.polling.defaultIntervalMinutes * 60,
  });
}

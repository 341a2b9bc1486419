import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { ClientOptions } from 'discord.js';
import type { LocalDiscord } from './api.js';

/**
 * The discord.js options that point a real client at the local server: `rest.api` moves REST there, and the
 * gateway follows because discord.js connects to the URL that GET /gateway/bot returns.
 */
export function testClientOptions(server: LocalDiscord, overrides: Partial<ClientOptions> = {}): ClientOptions {
  return {
    intents: [GatewayIntentBits.Guilds],
    allowedMentions: { parse: [] },
    ...overrides,
    rest: { ...server.restOptions, ...overrides.rest },
  };
}

/** Logs a client in against the local server and resolves once it is ready with every guild cached. */
export async function connectTestClient(server: LocalDiscord, overrides: Partial<ClientOptions> = {}): Promise<Client<true>> {
  const client = new Client(testClientOptions(server, overrides));
  const ready = new Promise<Client<true>>((resolve) => client.once(Events.ClientReady, resolve));
  await client.login(server.botToken);
  return ready;
}

import type { DiscordRuntime } from '../discord/runtime.js';
import type { HealthReport } from '../ops/http-server.js';
import type { StoreBackend } from '../store/index.js';

/** What /healthz reports: healthy while the database takes writes and, with Discord, the gateway is connected. */
export async function healthOf(store: StoreBackend, discord: DiscordRuntime | null): Promise<HealthReport> {
  const databaseWritable = await store.writable();
  const lastPolls = (await store.stores.feeds.all()).map((feed) => feed.lastPolledAt ?? 0);
  const lastPollAt = Math.max(0, ...lastPolls);
  const gatewayConnected = discord ? discord.gatewayConnected() : null;
  return {
    ok: databaseWritable && gatewayConnected !== false,
    gatewayConnected,
    databaseWritable,
    lastPollAt: lastPollAt > 0 ? new Date(lastPollAt).toISOString() : null,
  };
}

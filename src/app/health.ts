import type { DiscordRuntime } from '../discord/runtime.js';
import type { HealthReport, RoleReport } from '../ops/http-server.js';
import type { StoreBackend } from '../store/index.js';

/**
 * What /healthz reports: healthy while the database takes writes and, with a gateway, every shard held here is
 * connected; which instance this is, which shards it holds and which roles it plays.
 */
export async function healthOf(store: StoreBackend, discord: DiscordRuntime | null, instanceId: string, role: RoleReport): Promise<HealthReport> {
  const databaseWritable = await store.writable();
  const lastPollAt = await store.stores.feeds.lastPollAt();
  const gatewayConnected = discord ? discord.gatewayConnected() : null;
  return {
    ok: databaseWritable && gatewayConnected !== false,
    instanceId,
    gatewayConnected,
    shards: discord ? discord.shards() : null,
    databaseWritable,
    lastPollAt: lastPollAt === null ? null : new Date(lastPollAt).toISOString(),
    role,
  };
}

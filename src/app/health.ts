import type { DiscordRuntime } from '../discord/runtime.js';
import type { HealthReport } from '../ops/http-server.js';
import type { Db } from '../store/database.js';
import type { Stores } from '../store/index.js';

/**
 * What /healthz reports: healthy while the database takes writes and, with a gateway, every shard held here is
 * connected; which instance this is and which shards it holds.
 */
export function healthOf(db: Db, stores: Stores, discord: DiscordRuntime | null, instanceId: string): HealthReport {
  let databaseWritable = true;
  try {
    db.exec('BEGIN IMMEDIATE; ROLLBACK;');
  } catch {
    databaseWritable = false;
  }
  const lastPolls = stores.feeds.all().map((feed) => feed.lastPolledAt ?? 0);
  const lastPollAt = Math.max(0, ...lastPolls);
  const gatewayConnected = discord ? discord.gatewayConnected() : null;
  return {
    ok: databaseWritable && gatewayConnected !== false,
    instanceId,
    gatewayConnected,
    shards: discord ? discord.shards() : null,
    databaseWritable,
    lastPollAt: lastPollAt > 0 ? new Date(lastPollAt).toISOString() : null,
  };
}

import type { DiscordRuntime } from '../discord/runtime.js';
import type { HealthReport } from '../ops/http-server.js';
import type { Db } from '../store/database.js';
import type { Stores } from '../store/index.js';

/** What /healthz reports: healthy while the database takes writes and, with Discord, the gateway is connected. */
export function healthOf(db: Db, stores: Stores, discord: DiscordRuntime | null): HealthReport {
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
    gatewayConnected,
    databaseWritable,
    lastPollAt: lastPollAt > 0 ? new Date(lastPollAt).toISOString() : null,
  };
}

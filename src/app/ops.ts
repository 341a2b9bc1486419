import type { Env } from '../config/env.js';
import type { AppMetrics } from '../ops/app-metrics.js';
import { startOpsServer, type HealthReport, type OpsServer, type ShardsReport } from '../ops/http-server.js';
import type { GaugeReading } from '../ops/metrics.js';
import type { Stores } from '../store/index.js';
import { LEADER_ROLES, type Leadership } from '../store/leadership.js';

/**
 * The /healthz and /metrics server, when WIREWATCH_HTTP_PORT is set; null otherwise. `shards`: those held here;
 * `leadership`: the roles held here.
 */
export async function startOps(
  env: Env,
  stores: Stores,
  metrics: AppMetrics,
  health: () => Promise<HealthReport>,
  shards: () => ShardsReport | null,
  leadership: Leadership,
): Promise<OpsServer | null> {
  if (env.WIREWATCH_HTTP_PORT === undefined) return null;
  return startOpsServer({
    port: env.WIREWATCH_HTTP_PORT,
    host: env.WIREWATCH_HTTP_HOST,
    health,
    metrics: async () =>
      metrics.registry.render([
        { name: 'wirewatch_outbox_depth', help: 'Messages waiting in the outbox.', value: await stores.outbox.pendingCount() },
        { name: 'wirewatch_feeds_disabled', help: 'Feeds disabled after repeated failures.', value: (await stores.feeds.all()).filter((feed) => feed.disabledAt !== null).length },
        ...shardGauges(shards()),
        ...leaderGauges(leadership),
      ]),
  });
}

/** One series per gateway shard held here: 1 while it is ready, 0 otherwise. */
function shardGauges(report: ShardsReport | null): GaugeReading[] {
  return (report?.held ?? []).map((shard) => ({
    name: 'wirewatch_gateway_shard_ready',
    help: 'Whether each gateway shard this instance holds is ready (1) or not (0).',
    value: shard.status === 'ready' ? 1 : 0,
    labels: { shard: String(shard.id) },
  }));
}

/** One series per role: 1 while this instance holds it (as of its last check), 0 otherwise. */
function leaderGauges(leadership: Leadership): GaugeReading[] {
  return LEADER_ROLES.map((role) => ({
    name: 'wirewatch_leader',
    help: 'Whether this instance holds each role played by one instance at a time (analysis, delivery, scheduler).',
    value: leadership.leads(role) ? 1 : 0,
    labels: { role },
  }));
}

import type { Env } from '../config/env.js';
import type { AppMetrics } from '../ops/app-metrics.js';
import { startOpsServer, type HealthReport, type OpsServer } from '../ops/http-server.js';
import type { Stores } from '../store/index.js';

/** The /healthz and /metrics server, when WIREWATCH_HTTP_PORT is set; null otherwise. */
export async function startOps(env: Env, stores: Stores, metrics: AppMetrics, health: () => Promise<HealthReport>): Promise<OpsServer | null> {
  if (env.WIREWATCH_HTTP_PORT === undefined) return null;
  return startOpsServer({
    port: env.WIREWATCH_HTTP_PORT,
    host: env.WIREWATCH_HTTP_HOST,
    health,
    metrics: async () =>
      metrics.registry.render([
        { name: 'wirewatch_outbox_depth', help: 'Messages waiting in the outbox.', value: await stores.outbox.pendingCount() },
        { name: 'wirewatch_feeds_disabled', help: 'Feeds disabled after repeated failures.', value: (await stores.feeds.all()).filter((feed) => feed.disabledAt !== null).length },
      ]),
  });
}

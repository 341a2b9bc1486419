import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The gateway shards an instance holds: its mode (unsharded, auto, shards, none), the total count, each held shard. */
export interface ShardsReport {
  mode: string;
  count: number | null;
  held: { id: number; status: string }[];
}

export interface HealthReport {
  ok: boolean;
  /** WIREWATCH_INSTANCE_ID (default hostname-pid). */
  instanceId: string;
  /** Whether every shard held here is ready; null without a gateway (headless, or WIREWATCH_SHARD_IDS=none). */
  gatewayConnected: boolean | null;
  /** null when headless (no DISCORD_TOKEN). */
  shards: ShardsReport | null;
  databaseWritable: boolean;
  lastPollAt: string | null;
  /** The work this instance does that one instance at a time does among those sharing the database. */
  role: RoleReport;
}

/** Which roles this instance plays (all of them alone on SQLite), and its share of the polling. */
export interface RoleReport {
  /** Whether this instance runs stored items through the pipeline (topics, quotes, stories, alerts). */
  analysisLeader: boolean;
  /** Feeds this instance is polling now: the polling leases it holds. */
  leasesHeld: number;
}

export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

/** GET /healthz (200 when healthy, else 503, JSON either way) and GET /metrics (Prometheus text). */
export async function startOpsServer(options: {
  port: number;
  host: string;
  health: () => Promise<HealthReport>;
  metrics: () => Promise<string>;
}): Promise<OpsServer> {
  const answer = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET') return void response.writeHead(405, { allow: 'GET' }).end();
    if (path === '/healthz') {
      const report = await options.health();
      return void response.writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(report));
    }
    if (path === '/metrics') {
      const text = await options.metrics();
      return void response.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(text);
    }
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found: try /healthz or /metrics');
  };
  const server: Server = createServer((request, response) => {
    answer(request, response).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(`internal error: ${(error as Error).message}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

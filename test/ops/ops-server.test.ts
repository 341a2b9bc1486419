import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { parseEnv } from '../../src/config/env.js';
import { createLogger } from '../../src/logging.js';
import { Metrics } from '../../src/ops/metrics.js';
import { makeConfigDir } from '../support/config-dir.js';
import { rssFeed, startFeedServer, type FeedServer } from '../support/feed-server.js';

let app: App | undefined;
let server: FeedServer | undefined;

afterEach(async () => {
  await app?.stop();
  await server?.close();
  app = undefined;
  server = undefined;
});

describe('GET /healthz and /metrics', () => {
  it('report the database, the last poll and the counters of a running headless bot', async () => {
    server = await startFeedServer();
    server.route('/feed.xml', (_request, response) =>
      response.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rssFeed('Feed', [{ title: 'One', guid: '1' }, { title: 'Two', guid: '2' }])),
    );
    server.route('/broken.xml', (_request, response) => response.writeHead(500).end());
    const configDir = makeConfigDir([
      { url: server.url('/feed.xml'), outlet: 'Outlet' },
      { url: server.url('/broken.xml'), outlet: 'Broken' },
    ]);
    const env = parseEnv({
      WIREWATCH_DB: join(configDir, 'test.db'),
      WIREWATCH_CONFIG: configDir,
      WIREWATCH_ALLOW_PRIVATE_NETWORKS: '1',
      WIREWATCH_HTTP_PORT: '0',
      WIREWATCH_INSTANCE_ID: 'ops-test',
      LOG_LEVEL: 'silent',
    });
    app = await createApp({ env, logger: createLogger({ level: 'silent', pretty: false }), print: () => undefined });
    await app.start();
    await app.poller.pollAllOnce();
    const base = `http://127.0.0.1:${app.ops?.port}`;

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true, instanceId: 'ops-test', gatewayConnected: null, shards: null, databaseWritable: true, lastPollAt: expect.any(String), role: { analysisLeader: true, leasesHeld: 0 } });

    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('wirewatch_polls_total{instance_id="ops-test",outcome="stored"} 1');
    expect(metrics).toContain('wirewatch_polls_total{instance_id="ops-test",outcome="failed"} 1');
    expect(metrics).toContain('wirewatch_fetch_errors_total{instance_id="ops-test",kind="http-500"} 1');
    expect(metrics).toContain('wirewatch_items_stored_total{instance_id="ops-test"} 2');
    expect(metrics).toContain('wirewatch_outbox_depth{instance_id="ops-test"} 0');
    expect(metrics).not.toContain('wirewatch_gateway_shard_ready');
    expect(metrics).toContain('wirewatch_leader{instance_id="ops-test",role="analysis"} 1\nwirewatch_leader{instance_id="ops-test",role="delivery"} 0');
    expect((await fetch(`${base}/nothing`)).status).toBe(404);
  });
});

describe('Metrics', () => {
  it('renders counters with escaped labels, summaries and gauges in the Prometheus text format', () => {
    const metrics = new Metrics();
    metrics.counter('things_total', 'Things.');
    metrics.summary('wait_seconds', 'Waits.');
    metrics.increment('things_total', { kind: 'a "quoted"\nname' }, 2);
    metrics.observe('wait_seconds', 1.5);
    metrics.observe('wait_seconds', 0.5);
    expect(metrics.render([{ name: 'depth', help: 'Depth.', value: 3 }])).toBe(
      [
        '# HELP things_total Things.',
        '# TYPE things_total counter',
        'things_total{kind="a \\"quoted\\"\\nname"} 2',
        '# HELP wait_seconds Waits.',
        '# TYPE wait_seconds summary',
        'wait_seconds_sum 2',
        'wait_seconds_count 2',
        '# HELP depth Depth.',
        '# TYPE depth gauge',
        'depth 3',
        '',
      ].join('\n'),
    );
    expect(() => metrics.increment('undeclared')).toThrow('metric undeclared was not declared');
  });

  it('puts the constant labels on every series and describes gauges of one name once', () => {
    const metrics = new Metrics({ instance_id: 'a-1' });
    metrics.counter('things_total', 'Things.');
    metrics.summary('wait_seconds', 'Waits.');
    const shard = (id: number, value: number) => ({ name: 'shard_ready', help: 'Ready.', value, labels: { shard: String(id) } });
    expect(metrics.render([shard(0, 1), shard(1, 0)])).toBe(
      [
        '# HELP things_total Things.',
        '# TYPE things_total counter',
        'things_total{instance_id="a-1"} 0',
        '# HELP wait_seconds Waits.',
        '# TYPE wait_seconds summary',
        'wait_seconds_sum{instance_id="a-1"} 0',
        'wait_seconds_count{instance_id="a-1"} 0',
        '# HELP shard_ready Ready.',
        '# TYPE shard_ready gauge',
        'shard_ready{instance_id="a-1",shard="0"} 1',
        'shard_ready{instance_id="a-1",shard="1"} 0',
        '',
      ].join('\n'),
    );
  });
});

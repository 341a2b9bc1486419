import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testDatabaseEnv } from '../support/stores.js';
import { DEFAULT_GUILD, MAX_GUILDS_PER_SHARD, guildIdOnShard, type GuildInfo, type ShardingOptions } from '../support/discord/index.js';
import { answerText, channelPosts, demoItem, startWorld, subscribeTopic, type ConnectedApp, type E2eWorld } from './harness.js';

let world: E2eWorld | undefined;

afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** Two shards recommended (one per two guilds), identify buckets for both, and the default guild's layout per guild. */
const TWO_SHARDS: ShardingOptions = { guildsPerShard: 2, sessionStartLimit: { maxConcurrency: 2 } };

function newsrooms(perShard: number) {
  return Array.from({ length: 2 * perShard }, (_, serial) => ({ ...DEFAULT_GUILD, id: guildIdOnShard(serial % 2, 2, serial), name: `Newsroom ${serial}` }));
}

async function startShardedWorld(guilds = newsrooms(2)): Promise<E2eWorld> {
  world = await startWorld({ guilds, sharding: TWO_SHARDS });
  world.serve('capital', []);
  world.serve('ledger', []);
  return world;
}

/** `/subscribe topic` by the guild's moderator in its #news-alerts; resolves with the answer. */
async function subscribeIn(guild: GuildInfo): Promise<string> {
  const record = await world!.discord.sendSlashCommand({
    name: 'subscribe topic',
    guildId: guild.id,
    channelId: guild.channels['news-alerts'],
    userId: guild.members.moderator,
    options: { topic: 'russian-strikes' },
  });
  return answerText(record);
}

function interactionsByShard(app: ConnectedApp): string[] {
  return app.metrics.registry.render().split('\n').filter((line) => line.startsWith('wirewatch_interactions_total{'));
}

describe('gateway sharding, end to end', () => {
  it('runs every recommended shard with WIREWATCH_SHARDS=auto and answers each guild on its shard', async () => {
    const local = await startShardedWorld();
    const app = await local.launch({ env: { WIREWATCH_SHARDS: 'auto', WIREWATCH_INSTANCE_ID: 'all-shards', WIREWATCH_HTTP_PORT: '0' } });

    expect(await app.health()).toMatchObject({
      ok: true,
      instanceId: 'all-shards',
      gatewayConnected: true,
      shards: { mode: 'auto', count: 2, held: [{ id: 0, status: 'ready' }, { id: 1, status: 'ready' }] },
    });
    expect(local.discord.gatewaySessions.map((session) => session.shard).sort()).toEqual([[0, 2], [1, 2]]);
    const ops = `http://127.0.0.1:${app.ops?.port}`;
    expect(await (await fetch(`${ops}/healthz`)).json()).toMatchObject({ instanceId: 'all-shards', shards: { count: 2, held: [{ id: 0 }, { id: 1 }] } });
    const metrics = await (await fetch(`${ops}/metrics`)).text();
    expect(metrics).toContain('wirewatch_gateway_shard_ready{instance_id="all-shards",shard="0"} 1\nwirewatch_gateway_shard_ready{instance_id="all-shards",shard="1"} 1');
    for (const guild of local.discord.guilds()) {
      expect(app.discord.bot.client.guilds.cache.get(guild.id)?.shardId).toBe(local.discord.shardOf(guild.id, 2));
      expect(await subscribeIn(guild)).toContain(`Subscribed <#${guild.channels['news-alerts']}>`);
    }
    expect(interactionsByShard(app)).toEqual([
      'wirewatch_interactions_total{instance_id="all-shards",shard="0"} 2',
      'wirewatch_interactions_total{instance_id="all-shards",shard="1"} 2',
    ]);
    expect(local.discord.violations).toEqual([]);
  });

  it('splits the shards between two instances (WIREWATCH_SHARD_COUNT=2, ids 0 and 1) that answer every guild exactly once', async () => {
    const local = await startShardedWorld(newsrooms(3));
    // Each instance a database of its own, on the backend under test.
    const shardEnv = async (id: number) => ({
      WIREWATCH_SHARD_COUNT: '2',
      WIREWATCH_SHARD_IDS: String(id),
      WIREWATCH_INSTANCE_ID: `holds-${id}`,
      ...(await testDatabaseEnv(mkdtempSync(join(tmpdir(), `shard-${id}-`)))),
    });
    const [zero, one] = [await local.launch({ env: await shardEnv(0) }), await local.launch({ env: await shardEnv(1) })];

    expect((await zero.health()).shards).toEqual({ mode: 'shards', count: 2, held: [{ id: 0, status: 'ready' }] });
    expect((await one.health()).shards).toEqual({ mode: 'shards', count: 2, held: [{ id: 1, status: 'ready' }] });
    const guilds = local.discord.guilds();
    for (const guild of guilds) expect(await subscribeIn(guild)).toContain('Subscribed');

    // Each guild's command reached one instance (the one holding its shard), which answered it once.
    expect(local.discord.interactions.map((record) => record.status)).toEqual(guilds.map(() => 'acknowledged'));
    for (const [app, shard] of [[zero, 0], [one, 1]] as const) {
      const own = guilds.filter((guild) => local.discord.shardOf(guild.id, 2) === shard);
      expect(own).toHaveLength(3);
      expect(interactionsByShard(app)).toEqual([`wirewatch_interactions_total{instance_id="holds-${shard}",shard="${shard}"} 3`]);
      expect(await app.stores.subscriptions.listForGuild(own[0]!.id)).toHaveLength(1);
      const subscribedHere = [];
      for (const guild of guilds) if ((await app.stores.subscriptions.listForGuild(guild.id)).length > 0) subscribedHere.push(guild);
      expect(subscribedHere).toEqual(own);
    }
    // Only the instance holding shard 0 registered the commands.
    const registrations = local.discord.requests.filter((request) => request.method === 'PUT' && request.route?.includes('/commands'));
    expect(registrations).toHaveLength(1);
    expect(local.discord.violations).toEqual([]);
  });

  it('posts alerts through REST with WIREWATCH_SHARD_IDS=none, without a gateway connection', async () => {
    world = await startWorld();
    world.serve('capital', []);
    world.serve('ledger', []);
    const subscriber = await world.launch();
    await subscribeTopic(world, world.alertsChannel, 'russian-strikes');
    await world.stop(subscriber);
    const sessionsBefore = world.discord.gatewayStats.identifies;

    const worker = await world.launch({ env: { WIREWATCH_SHARD_IDS: 'none', WIREWATCH_INSTANCE_ID: 'worker' } });
    world.serve('capital', [demoItem('03-kharkiv-strikes', 'capital')]);
    await world.pollAndDeliver(worker);

    expect(channelPosts(world, world.alertsChannel).map((post) => post.current.embeds[0]?.title)).toEqual([demoItem('03-kharkiv-strikes', 'capital').title]);
    expect(world.discord.gatewayStats).toMatchObject({ identifies: sessionsBefore, connected: 0 });
    expect(await worker.health()).toMatchObject({ ok: true, instanceId: 'worker', gatewayConnected: null, shards: { mode: 'none', count: null, held: [] } });
    expect(world.discord.violations).toEqual([]);
  });

  it('is refused by Discord when one unsharded connection would hold more than 2,500 guilds', { timeout: 60_000 }, async () => {
    const guilds = Array.from({ length: MAX_GUILDS_PER_SHARD + 1 }, (_, serial) => ({ id: guildIdOnShard(serial % 2, 2, serial), name: `Guild ${serial}`, channels: [{ name: 'news-alerts' }] }));
    world = await startWorld({ guilds: [{ ...DEFAULT_GUILD, id: guildIdOnShard(0, 2, 3_000) }, ...guilds] });
    world.serve('capital', []);
    world.serve('ledger', []);

    await expect(world.launch()).rejects.toThrow(/Discord refused the gateway connection: Sharding is required .* Set WIREWATCH_SHARDS=auto, or WIREWATCH_SHARD_COUNT and WIREWATCH_SHARD_IDS/);
    expect(world.discord.violations.map((violation) => violation.kind)).toEqual(['sharding-required']);
    expect(world.discord.violations[0]?.message).toMatch(/the unsharded session would hold 2502 guilds; Discord allows 2500 per session\. Shard the connection \(GET \/gateway\/bot recommends 3 shards\)/);
  });
});

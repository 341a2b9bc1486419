import { GatewayCloseCodes, GatewayDispatchEvents, Routes } from 'discord-api-types/v10';
import type { GatewayDispatchPayload, RESTGetAPIGatewayBotResult } from 'discord-api-types/v10';
import { Events } from 'discord.js';
import type { Client } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { connectTestClient } from '../support/discord/test-client.js';
import { MAX_GUILDS_PER_SHARD, guildIdOnShard, startDiscordServer } from '../support/discord/index.js';
import type { DiscordServerOptions, GuildSeed, LocalDiscord } from '../support/discord/index.js';
import { identify, identifyReady, type RawSession } from './fixtures/raw-gateway.js';

let server: LocalDiscord | undefined;
let client: Client | undefined;
const sessions: RawSession[] = [];

afterEach(async () => {
  await client?.destroy();
  for (const session of sessions.splice(0)) await session.close();
  await server?.close();
  client = undefined;
  server = undefined;
});

/** `perShard` guilds on each of `shardCount` shards, named "shard S guild N". */
function guildsAcross(shardCount: number, perShard: number): GuildSeed[] {
  return Array.from({ length: shardCount * perShard }, (_, serial) => {
    const shard = serial % shardCount;
    return { id: guildIdOnShard(shard, shardCount, serial), name: `shard ${shard} guild ${serial}`, channels: [{ name: 'alerts' }] };
  });
}

async function start(options: DiscordServerOptions): Promise<LocalDiscord> {
  server = await startDiscordServer(options);
  return server;
}

async function rawReady(shard?: unknown) {
  const outcome = await identifyReady(server!, shard);
  sessions.push(outcome.session);
  return outcome;
}

const kinds = () => server!.violations.map((violation) => violation.kind);

describe('gateway sharding', () => {
  it('gives discord.js with shards "auto" the recommended count, and each guild and its interactions on its shard', async () => {
    const guilds = guildsAcross(2, 2);
    const local = await start({ guilds, sharding: { guildsPerShard: 2, sessionStartLimit: { maxConcurrency: 2 } } });
    const receivedOn = new Map<string, number>();
    const ready = await connectTestClient(local, { shards: 'auto' });
    client = ready;
    ready.on(Events.Raw, (packet: GatewayDispatchPayload, shardId: number) => {
      if (packet.t === GatewayDispatchEvents.InteractionCreate) receivedOn.set(packet.d.guild_id ?? '', shardId);
    });
    ready.on(Events.InteractionCreate, (interaction) => {
      if (interaction.isChatInputCommand()) void interaction.reply(`shard ${interaction.guild?.shardId}`);
    });

    expect(ready.options.shardCount).toBe(2);
    expect(local.gatewaySessions.map((session) => session.shard).sort()).toEqual([[0, 2], [1, 2]]);
    for (const seed of guilds) {
      expect(ready.guilds.cache.get(seed.id!)?.shardId).toBe(local.shardOf(seed.id!, 2));
      await ready.application.commands.set([{ name: 'digest', description: 'Post the daily digest' }], seed.id!);
      const record = await local.sendSlashCommand({ name: 'digest', guildId: seed.id! });
      expect(record.original?.current.content).toBe(`shard ${local.shardOf(seed.id!, 2)}`);
      expect(receivedOn.get(seed.id!)).toBe(local.shardOf(seed.id!, 2));
    }
    expect(local.violations).toEqual([]);
  });

  it('sends each guild only to the session of its shard, and says which shards are live when none holds a guild', async () => {
    const guilds = guildsAcross(2, 3);
    const local = await start({ guilds, sharding: { sessionStartLimit: { maxConcurrency: 2 } } });
    const { ready, session } = await rawReady([1, 2]);
    await session.received(3);
    const onShardOne = guilds.filter((seed) => local.shardOf(seed.id!, 2) === 1).map((seed) => seed.id);
    expect(ready.shard).toEqual([1, 2]);
    expect(ready.guilds.map((guild) => guild.id)).toEqual(onShardOne);
    expect(session.guildEvents.map((event) => event.guildId)).toEqual(onShardOne);
    await expect(local.sendSlashCommand({ name: 'ping', guildId: guilds[0]!.id!, until: 'dispatched' })).rejects.toThrow(/No bot session on the gateway holds guild \d+ to receive \/ping \(live shards: \[1, 2\]\)/);
    expect(local.violations).toEqual([]);
  });

  it('reports the recommended shard count and a session start limit that IDENTIFYs consume', async () => {
    const clock = { now: 1_000_000 };
    const local = await start({ guilds: guildsAcross(3, 2), now: () => clock.now, sharding: { guildsPerShard: 2, sessionStartLimit: { total: 2, resetAfterMs: 60_000, maxConcurrency: 3 } } });
    const gatewayBot = async () => (await fetch(`${local.apiUrl}/v10${Routes.gatewayBot()}`, { headers: { authorization: `Bot ${local.botToken}` } }).then((response) => response.json())) as RESTGetAPIGatewayBotResult;

    expect(await gatewayBot()).toEqual({ url: local.gatewayUrl, shards: 3, session_start_limit: { total: 2, remaining: 2, reset_after: 60_000, max_concurrency: 3 } });
    await rawReady([0, 3]);
    clock.now += 10_000;
    await rawReady([1, 3]);
    expect((await gatewayBot()).session_start_limit).toEqual({ total: 2, remaining: 0, reset_after: 50_000, max_concurrency: 3 });
    expect(await identify(local, [2, 3])).toEqual({ kind: 'invalid-session' });
    expect(kinds()).toEqual(['session-start-limit']);

    clock.now += 50_000;
    expect((await gatewayBot()).session_start_limit.remaining).toBe(2);
    await rawReady([2, 3]);
    expect(kinds()).toEqual(['session-start-limit']);
  });

  it('closes with 4011 Sharding required when an unsharded session would hold more than 2,500 guilds', async () => {
    const guilds = Array.from({ length: MAX_GUILDS_PER_SHARD + 1 }, (_, serial) => ({ id: guildIdOnShard(serial % 2, 2, serial), name: `guild ${serial}`, channels: [] }));
    const local = await start({ guilds, sharding: { sessionStartLimit: { maxConcurrency: 2 } } });

    expect(await identify(local)).toEqual({ kind: 'closed', code: GatewayCloseCodes.ShardingRequired });
    expect(local.violations).toEqual([expect.objectContaining({ kind: 'sharding-required', where: 'GATEWAY', message: expect.stringMatching(/would hold 2501 guilds; Discord allows 2500/) })]);

    const [shardZero, shardOne] = [await rawReady([0, 2]), await rawReady([1, 2])];
    expect(shardZero.ready.guilds.length + shardOne.ready.guilds.length).toBe(MAX_GUILDS_PER_SHARD + 1);
    expect(kinds()).toEqual(['sharding-required']);
  });

  it.each([
    ['a shard id past the count', [2, 2]],
    ['a negative shard id', [-1, 2]],
    ['a count of zero', [0, 0]],
    ['not a pair', [0]],
  ])('closes with 4010 Invalid shard for %s', async (_label, shard) => {
    const local = await start({});
    expect(await identify(local, shard)).toEqual({ kind: 'closed', code: GatewayCloseCodes.InvalidShard });
    expect(kinds()).toEqual(['invalid-shard']);
  });

  it('records a shard identified twice at once, and shard counts that disagree', async () => {
    const clock = { now: 1_000_000 };
    const local = await start({ guilds: guildsAcross(2, 1), now: () => clock.now });
    const first = await rawReady([0, 2]);
    clock.now += 5_000;
    const twin = await rawReady([0, 2]);
    await Promise.all([first.session.received(1), twin.session.received(1)]);
    expect(kinds()).toEqual(['duplicate-shard']);
    // Both sessions get shard 0's guild: the bot would answer its commands twice.
    expect(local.gatewaySessions.filter((session) => session.shard[0] === 0)).toHaveLength(2);

    clock.now += 5_000;
    await rawReady([2, 3]);
    expect(kinds()).toEqual(['duplicate-shard', 'invalid-shard']);
    expect(local.violations[1]?.message).toMatch(/shard \[2, 3\] identified while shard \[0, 2\] is connected: shard counts differ/);
  });

  it('records IDENTIFYs in one bucket less than 5 s apart, and accepts them 5 s apart or in different buckets', async () => {
    const clock = { now: 1_000_000 };
    const local = await start({ guilds: guildsAcross(4, 1), now: () => clock.now, sharding: { sessionStartLimit: { maxConcurrency: 2 } } });
    await rawReady([0, 4]);
    await rawReady([1, 4]);
    expect(kinds()).toEqual([]);
    clock.now += 4_999;
    await rawReady([2, 4]);
    expect(local.violations).toEqual([expect.objectContaining({ kind: 'identify-rate-limit', message: expect.stringMatching(/shard \[2, 4\] identified 4999 ms after shard \[0, 4\] in the same bucket \(shard_id % max_concurrency = 0\)/) })]);
    clock.now += 5_000;
    await rawReady([3, 4]);
    expect(kinds()).toEqual(['identify-rate-limit']);
  });
});

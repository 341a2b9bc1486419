import { Status, type Client, type ClientOptions } from 'discord.js';
import type { GatewayPlan } from '../config/gateway-shards.js';

/** One gateway shard this instance holds, as /healthz shows it. */
export interface HeldShard {
  id: number;
  /** discord.js's connection status in words: ready, connecting, reconnecting, resuming, disconnected, … */
  status: string;
}

/** What /healthz says of the gateway: the plan, the total shard count and the shards held here. */
export interface GatewayShards {
  mode: GatewayPlan['kind'];
  /** Shards across all instances; null without a gateway, or before an `auto` client learnt it. */
  count: number | null;
  held: HeldShard[];
}

/** discord.js's own sharding options for the plan: every shard runs in this process, on one Client. */
export function shardingOptions(plan: GatewayPlan): Pick<ClientOptions, 'shards' | 'shardCount'> {
  if (plan.kind === 'auto') return { shards: 'auto' };
  if (plan.kind === 'shards') return { shards: [...plan.ids], shardCount: plan.count };
  return {};
}

/**
 * Whether this instance registers the slash commands: the one holding shard 0 (unsharded and auto hold it), so a
 * deployment whose instances split the shards registers once; an instance without a gateway never does.
 */
export function registersCommands(plan: GatewayPlan): boolean {
  if (plan.kind === 'none') return false;
  return plan.kind !== 'shards' || plan.ids.includes(0);
}

/** The shards the client holds (known once it logged in), each with its status. */
export function gatewayShards(plan: GatewayPlan, client: Client): GatewayShards {
  const held = [...client.ws.shards.values()].map((shard) => ({ id: shard.id, status: statusName(shard.status) })).sort((a, b) => a.id - b.id);
  const count = client.options.shardCount;
  return { mode: plan.kind, count: held.length > 0 && typeof count === 'number' ? count : null, held };
}

/** Whether every shard held here is ready; null without a gateway. */
export function allShardsReady(plan: GatewayPlan, client: Client): boolean | null {
  if (plan.kind === 'none') return null;
  const shards = [...client.ws.shards.values()];
  return shards.length > 0 && shards.every((shard) => shard.status === Status.Ready);
}

function statusName(status: Status): string {
  return (Status[status] ?? 'unknown').replace(/[A-Z]/g, (letter, index: number) => `${index > 0 ? '-' : ''}${letter.toLowerCase()}`);
}

import { hostname } from 'node:os';
import { z } from 'zod';

/**
 * Which gateway shards this instance connects (`WIREWATCH_SHARDS`, `WIREWATCH_SHARD_COUNT`, `WIREWATCH_SHARD_IDS`):
 * - `unsharded`: one connection for every guild (nothing set; Discord refuses it past 2,500 guilds);
 * - `auto`: every shard of the count Discord recommends (GET /gateway/bot), all in this process;
 * - `shards`: the listed shards of `count` (the total across all instances);
 * - `none`: no gateway connection: polls, processes and posts through REST, answers no interactions.
 */
export type GatewayPlan =
  | { kind: 'unsharded' }
  | { kind: 'auto' }
  | { kind: 'shards'; ids: readonly number[]; count: number }
  | { kind: 'none' };

const shardIds = z.string().transform((text, context): 'none' | number[] => {
  if (text.trim().toLowerCase() === 'none') return 'none';
  const parts = text.split(',').map((part) => part.trim());
  if (parts.some((part) => !/^\d{1,5}$/.test(part))) {
    context.addIssue({ code: 'custom', message: `"${text}" is not a list of shard ids: write ids separated by commas (e.g. 0,1), or none for no gateway connection` });
    return z.NEVER;
  }
  const ids = parts.map(Number);
  const repeated = ids.find((id, index) => ids.indexOf(id) !== index);
  if (repeated !== undefined) {
    context.addIssue({ code: 'custom', message: `shard ${repeated} is listed twice: list each shard once` });
    return z.NEVER;
  }
  return ids.sort((a, b) => a - b);
});

/** The environment variables of gateway sharding and instance identity, merged into the environment schema. */
export const shardEnvFields = {
  WIREWATCH_SHARDS: z.enum(['auto'], { errorMap: () => ({ message: 'the only value is auto (the shard count Discord recommends, all in this instance); to pick shards, set WIREWATCH_SHARD_COUNT and WIREWATCH_SHARD_IDS instead' }) }).optional(),
  WIREWATCH_SHARD_COUNT: z.coerce
    .number({ invalid_type_error: 'give the total number of shards across all instances, e.g. 2' })
    .int('give a whole number of shards, e.g. 2')
    .min(1, 'at least 1 shard')
    .max(65_535, 'at most 65,535 shards')
    .optional(),
  WIREWATCH_SHARD_IDS: shardIds.optional(),
  WIREWATCH_INSTANCE_ID: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'use up to 63 letters, digits, dots, dashes or underscores, e.g. wirewatch-a')
    .default(() => `${hostname()}-${process.pid}`.replace(/[^A-Za-z0-9._-]/g, '-').slice(0, 63)),
};

interface ShardEnv {
  DISCORD_TOKEN?: string;
  WIREWATCH_SHARDS?: 'auto';
  WIREWATCH_SHARD_COUNT?: number;
  WIREWATCH_SHARD_IDS?: 'none' | number[];
}

/** Cross-variable rules (zod superRefine); each issue names the variable, what is wrong and the fix. */
export function checkShardEnv(env: ShardEnv, context: z.RefinementCtx): void {
  const problem = (variable: keyof ShardEnv, message: string) => context.addIssue({ code: 'custom', path: [variable], message });
  const { WIREWATCH_SHARDS: auto, WIREWATCH_SHARD_COUNT: count, WIREWATCH_SHARD_IDS: ids } = env;
  const anySet = auto !== undefined || count !== undefined || ids !== undefined;
  if (anySet && env.DISCORD_TOKEN === undefined) {
    const variable = auto !== undefined ? 'WIREWATCH_SHARDS' : count !== undefined ? 'WIREWATCH_SHARD_COUNT' : 'WIREWATCH_SHARD_IDS';
    problem(variable, 'sharding needs DISCORD_TOKEN (without it wirewatch runs headless and connects to no gateway): set DISCORD_TOKEN, or remove the WIREWATCH_SHARD* variables');
  }
  if (auto !== undefined && (count !== undefined || ids !== undefined)) {
    problem('WIREWATCH_SHARDS', 'auto runs every shard Discord recommends in this instance, so it takes no WIREWATCH_SHARD_COUNT or WIREWATCH_SHARD_IDS: remove those, or remove WIREWATCH_SHARDS to pick the shards yourself');
  }
  if (Array.isArray(ids) && count === undefined && auto === undefined) {
    problem('WIREWATCH_SHARD_IDS', 'shard ids need the total count: set WIREWATCH_SHARD_COUNT to the number of shards across all instances (e.g. 2 for ids 0 and 1)');
  }
  if (Array.isArray(ids) && count !== undefined) {
    const outside = ids.filter((id) => id >= count);
    if (outside.length > 0) {
      problem('WIREWATCH_SHARD_IDS', `shard ${outside.join(', ')} is not below WIREWATCH_SHARD_COUNT (${count}): ids run from 0 to ${count - 1}; raise the count or drop the id`);
    }
  }
}

/** The plan of a valid environment (checkShardEnv passed). */
export function gatewayPlanOf(env: ShardEnv): GatewayPlan {
  if (env.WIREWATCH_SHARD_IDS === 'none') return { kind: 'none' };
  if (env.WIREWATCH_SHARDS === 'auto') return { kind: 'auto' };
  if (env.WIREWATCH_SHARD_COUNT === undefined) return { kind: 'unsharded' };
  const count = env.WIREWATCH_SHARD_COUNT;
  return { kind: 'shards', count, ids: env.WIREWATCH_SHARD_IDS ?? Array.from({ length: count }, (_, id) => id) };
}

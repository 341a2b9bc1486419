import { z } from 'zod';
import { checkShardEnv, gatewayPlanOf, shardEnvFields } from './gateway-shards.js';
import { ConfigError, describeZodIssues } from './load-json.js';

const flag = z
  .enum(['0', '1', 'true', 'false', ''], { errorMap: () => ({ message: 'use 1 to turn it on or 0 to leave it off' }) })
  .optional()
  .transform((value) => value === '1' || value === 'true');

const envFields = z.object({
  WIREWATCH_DB: z.string().min(1).default('./data/wirewatch.db'),
  /** Set: the store is this PostgreSQL database instead of the SQLite file at WIREWATCH_DB. */
  WIREWATCH_DATABASE_URL: z
    .string()
    .regex(/^postgres(?:ql)?:\/\/[^/]+\/[^/?#]+/, 'give a PostgreSQL URL such as postgres://user:password@host:5432/database')
    .optional(),
  WIREWATCH_CONFIG: z.string().min(1).default('./config'),
  WIREWATCH_ALLOW_PRIVATE_NETWORKS: flag,
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
      errorMap: () => ({ message: 'use one of fatal, error, warn, info, debug, trace, silent' }),
    })
    .default('info'),
  LOG_PRETTY: flag,
  DISCORD_TOKEN: z.string().min(1).optional(),
  DISCORD_API_URL: z.string().url('give a URL such as https://discord.com/api').optional(),
  DISCORD_GUILD_ID: z.string().regex(/^\d{5,25}$/, 'give the numeric id of a server (a snowflake)').optional(),
  WIREWATCH_HTTP_PORT: z.coerce
    .number({ invalid_type_error: 'give a port number, e.g. 8080' })
    .int('give a whole port number, e.g. 8080')
    .min(0, 'a port is 0–65535')
    .max(65535, 'a port is 0–65535')
    .optional(),
  WIREWATCH_HTTP_HOST: z.string().min(1).default('127.0.0.1'),
  WIREWATCH_MAX_ALERTS_PER_HOUR: z.coerce
    .number({ invalid_type_error: 'give a number of alerts, e.g. 10' })
    .int('give a whole number of alerts, e.g. 10')
    .min(1, 'at least 1 alert an hour per channel')
    .max(100, 'at most 100 alerts an hour per channel')
    .default(10),
  /**
   * The longest the poller sleeps before looking for due feeds again. Feeds this instance polls wake it on time; a
   * feed made due elsewhere (another instance, an operator's UPDATE, the multi-instance test advancing poll times)
   * is found within this many seconds.
   */
  WIREWATCH_POLL_RECHECK_SECONDS: z.coerce
    .number({ invalid_type_error: 'give a number of seconds, e.g. 30' })
    .int('give a whole number of seconds, e.g. 30')
    .min(1, 'at least 1 second')
    .max(300, 'at most 300 seconds')
    .default(30),
  ...shardEnvFields,
});

const envSchema = envFields.superRefine(checkShardEnv).transform((env) => ({ ...env, gateway: gatewayPlanOf(env) }));

export type Env = z.output<typeof envSchema>;

/** Validates the environment; empty strings count as unset. The token is kept out of every message. */
export function parseEnv(raw: NodeJS.ProcessEnv): Env {
  const present = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''));
  const result = envSchema.safeParse(present);
  if (!result.success) throw new ConfigError(describeZodIssues('environment', result.error));
  return result.data;
}

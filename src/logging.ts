import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs with stable keys (feed_id, feed_url, guild_id); pretty for humans on request.
 * Anything that looks like a token is redacted by path, and the token itself is never passed to a log call.
 */
export function createLogger(options: { level: string; pretty: boolean; destination?: NodeJS.WritableStream }): Logger {
  const redact = { paths: ['token', '*.token', 'DISCORD_TOKEN', '*.DISCORD_TOKEN', 'headers.authorization', '*.headers.authorization'], censor: '[redacted]' };
  if (options.pretty) {
    return pino({ level: options.level, redact, transport: { target: 'pino-pretty', options: { colorize: true, destination: 2 } } });
  }
  return pino({ level: options.level, redact }, options.destination ?? pino.destination(2));
}

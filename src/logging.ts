import { pino, type Logger, type LoggerOptions } from 'pino';

export type { Logger };

export interface LoggerSettings {
  level: string;
  pretty: boolean;
  /** Values that must never reach a log line (the Discord token): replaced wherever they appear. */
  secrets?: readonly string[];
  destination?: NodeJS.WritableStream;
}

/**
 * Structured JSON logs on stderr with stable keys (feed_id, feed_url, guild_id); pretty for humans on request.
 * Token-like fields are redacted by path, and every secret is scrubbed from the finished line as well, so an error
 * message that happens to quote it cannot leak it either.
 */
export function createLogger(settings: LoggerSettings): Logger {
  const secrets = (settings.secrets ?? []).filter((secret) => secret.length >= 8);
  const options: LoggerOptions = {
    level: settings.level,
    redact: { paths: ['token', '*.token', 'DISCORD_TOKEN', '*.DISCORD_TOKEN', 'headers.authorization', '*.headers.authorization'], censor: '[redacted]' },
    hooks: { streamWrite: (line) => secrets.reduce((scrubbed, secret) => scrubbed.replaceAll(secret, '[redacted]'), line) },
  };
  if (settings.pretty) {
    return pino({ ...options, transport: { target: 'pino-pretty', options: { colorize: true, destination: 2 } } });
  }
  return pino(options, settings.destination ?? pino.destination(2));
}

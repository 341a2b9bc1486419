import { DatabaseError } from '../database.js';

/**
 * What went wrong reaching PostgreSQL, in one line that never holds the password: the URL is shown as
 * postgres://user@host:port/database.
 */

/** The URL without its password (and without query parameters, which may carry one too). */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const user = parsed.username ? `${decodeURIComponent(parsed.username)}@` : '';
    return `${parsed.protocol}//${user}${parsed.host}${parsed.pathname}`;
  } catch {
    return 'the URL in WIREWATCH_DATABASE_URL';
  }
}

/** Checks the URL's shape before any connection is tried. */
export function checkDatabaseUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new DatabaseError(`WIREWATCH_DATABASE_URL is not a URL; write it as postgres://user:password@host:5432/database.`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new DatabaseError(`WIREWATCH_DATABASE_URL starts with ${parsed.protocol}//; write it as postgres://user:password@host:5432/database.`);
  }
  if (parsed.hostname === '' || parsed.pathname.length <= 1) {
    throw new DatabaseError(`WIREWATCH_DATABASE_URL names no ${parsed.hostname === '' ? 'host' : 'database'}; write it as postgres://user:password@host:5432/database.`);
  }
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * Whether the error means the connection is gone or could not be made (the server restarting, a network blip),
 * so that trying again later can succeed, as opposed to an error in what was asked.
 */
export function isConnectionLost(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03')) return true;
  return typeof message === 'string' && /Connection terminated|connection timeout|Client has encountered a connection error/i.test(message);
}

/** The one line for a connection that cannot be made: what failed, where, and what to check. */
export function connectionFailure(url: string, error: unknown): DatabaseError {
  const where = describeDatabaseUrl(url);
  const { code } = error as { code?: unknown };
  const reason = ((): string => {
    switch (code) {
      case '28P01':
      case '28000':
        return 'the user name or password was refused; check them in WIREWATCH_DATABASE_URL';
      case '3D000':
        return 'that database does not exist; create it (createdb) or name another in WIREWATCH_DATABASE_URL';
      case 'ENOTFOUND':
        return 'that host name is unknown; check the host in WIREWATCH_DATABASE_URL';
      case 'ECONNREFUSED':
        return 'nothing accepts connections there; is PostgreSQL running, on that port?';
      default:
        return `${redact((error as Error).message ?? String(error), url)}; check WIREWATCH_DATABASE_URL and that the server is up`;
    }
  })();
  return new DatabaseError(`cannot connect to PostgreSQL at ${where}: ${reason}.`);
}

/** Removes the URL's password from a message, should a driver ever repeat it. */
export function redact(message: string, url: string): string {
  try {
    const password = decodeURIComponent(new URL(url).password);
    return password ? message.replaceAll(password, '***') : message;
  } catch {
    return message;
  }
}

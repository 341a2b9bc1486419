import type { Migration } from './migration.js';

/**
 * Polling leases, for several instances on one database: the instance fetching a feed holds its lease
 * (`lease_owner`, its WIREWATCH_INSTANCE_ID, until `lease_expires_at`, epoch ms). `host` is the host (and port)
 * the feed is fetched from, the key of per-host politeness, kept beside the URL so live leases are counted per host
 * cheaply (the partial index holds only leased rows: those in flight). Existing rows get their host here, by the
 * rule `feedHost` applies in JavaScript (lower case, no user info, no default port) for ordinary URLs.
 */
export const feedLeases: Migration = {
  version: 14,
  name: 'feed leases',
  sql: `
    ALTER TABLE feeds ADD COLUMN host TEXT NOT NULL DEFAULT '';
    ALTER TABLE feeds ADD COLUMN lease_owner TEXT;
    ALTER TABLE feeds ADD COLUMN lease_expires_at INTEGER;
    UPDATE feeds SET host = substr(lower(url), instr(url, '://') + 3);
    UPDATE feeds SET host = substr(host, 1, instr(replace(replace(host, '?', '/'), '#', '/') || '/', '/') - 1);
    UPDATE feeds SET host = substr(host, instr(host, '@') + 1);
    UPDATE feeds SET host = substr(host, 1, length(host) - 4) WHERE lower(url) LIKE 'https:%' AND host LIKE '%:443';
    UPDATE feeds SET host = substr(host, 1, length(host) - 3) WHERE lower(url) LIKE 'http:%' AND host LIKE '%:80';
    CREATE INDEX feeds_leases ON feeds (host) WHERE lease_owner IS NOT NULL;
  `,
};

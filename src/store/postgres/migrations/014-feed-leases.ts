import type { Migration } from '../../migrations/migration.js';

/** As SQLite's 014: the feed's host (filled for existing rows) and its polling lease (owner, expiry). */
export const feedLeases: Migration = {
  version: 14,
  name: 'feed leases',
  sql: `
    ALTER TABLE feeds ADD COLUMN host text COLLATE "C" NOT NULL DEFAULT '';
    ALTER TABLE feeds ADD COLUMN lease_owner text;
    ALTER TABLE feeds ADD COLUMN lease_expires_at bigint;
    UPDATE feeds SET host = coalesce(substring(lower(url) from '^[a-z][a-z0-9+.-]*://(?:[^/?#]*@)?([^/?#]*)'), '');
    UPDATE feeds SET host = left(host, -4) WHERE lower(url) LIKE 'https:%' AND host LIKE '%:443';
    UPDATE feeds SET host = left(host, -3) WHERE lower(url) LIKE 'http:%' AND host LIKE '%:80';
    CREATE INDEX feeds_leases ON feeds (host) WHERE lease_owner IS NOT NULL;
  `,
};

/**
 * Polling leases, the SQL both backends share. An instance polls a feed only while it holds the feed's lease
 * (`lease_owner` = its instance id, until `lease_expires_at`): claimed when it can start the fetch now, released by
 * the write of the poll's outcome, taken over by anyone once expired (its holder died). Per-host politeness is
 * counted over every live lease, so it holds across instances.
 */

/** A claim of feeds to poll now. Times are epoch milliseconds. */
export interface LeaseClaim {
  /** The claiming instance (WIREWATCH_INSTANCE_ID). */
  owner: string;
  now: number;
  /** How long the lease lasts: past it the holder is taken for dead and another instance polls the feed. */
  leaseMs: number;
  /** How many feeds at most: the claimer's free fetch slots, so a lease means "being fetched". */
  limit: number;
  /** Live leases per host at most, across all instances, the claimer's own included. */
  maxPerHost: number;
}

/**
 * How many due feeds of hosts with room a claim looks at, soonest first: a few per slot, so that several due feeds
 * of one host do not crowd out the others; few, so that a claim stays a short indexed scan (a 10,000-feed cycle makes
 * about as many claims). A claim that came up short because of such a crowd is followed by another at once, which
 * skips the host now full (see Poller).
 */
function scanFor(limit: number): number {
  return 4 * limit + 16;
}

/**
 * The claim, one statement: count live leases per host, take the soonest unleased candidates of hosts with room,
 * rank each host's candidates after its live leases, keep those within the host's limit up to `limit`, and lease them.
 * `lock` is PostgreSQL's row lock clause (empty on SQLite, where a statement reads and writes in one transaction while
 * no other connection writes). Parameters: claimParameters.
 */
export function claimStatement(options: { lock: string; returning: string }): string {
  return `
    WITH live AS (
      SELECT host, COUNT(*) AS held FROM feeds WHERE lease_owner IS NOT NULL AND lease_expires_at > @now GROUP BY host
    ),
    candidates AS (
      SELECT id, host, next_poll_at FROM feeds
      WHERE disabled_at IS NULL AND next_poll_at <= @now AND (lease_owner IS NULL OR lease_expires_at <= @now)
        AND host NOT IN (SELECT host FROM live WHERE held >= @maxPerHost)
      ORDER BY next_poll_at LIMIT @scan
    ),
    ranked AS (
      SELECT candidates.id, candidates.next_poll_at,
        ROW_NUMBER() OVER (PARTITION BY candidates.host ORDER BY candidates.next_poll_at, candidates.id) + COALESCE(live.held, 0) AS slot
      FROM candidates LEFT JOIN live ON live.host = candidates.host
    ),
    picked AS (SELECT id FROM ranked WHERE slot <= @maxPerHost ORDER BY next_poll_at, id LIMIT @limit),
    chosen AS (SELECT id FROM feeds WHERE id IN (SELECT id FROM picked) ${options.lock})
    UPDATE feeds SET lease_owner = @owner, lease_expires_at = @expiresAt
    WHERE id IN (SELECT id FROM chosen) AND (lease_owner IS NULL OR lease_expires_at <= @now)
    RETURNING ${options.returning}`;
}

/** The named parameters of claimStatement. */
export function claimParameters(claim: LeaseClaim): Record<string, unknown> {
  return {
    now: claim.now,
    owner: claim.owner,
    expiresAt: claim.now + claim.leaseMs,
    limit: claim.limit,
    maxPerHost: claim.maxPerHost,
    scan: scanFor(claim.limit),
  };
}

/** Writing a poll's outcome releases the writer's own lease (a lease taken over meanwhile stays its new holder's). */
export const RELEASE_LEASE = `lease_owner = CASE WHEN lease_owner = @leaseOwner THEN NULL ELSE lease_owner END,
  lease_expires_at = CASE WHEN lease_owner = @leaseOwner THEN NULL ELSE lease_expires_at END`;

/** Enabled feeds nobody holds a live lease on. */
export const UNLEASED = `disabled_at IS NULL AND (lease_owner IS NULL OR lease_expires_at <= @now)`;

/** Polling everything at once: every enabled feed nobody is polling falls due now. */
export const MAKE_ALL_DUE = `UPDATE feeds SET next_poll_at = @now WHERE ${UNLEASED} AND next_poll_at > @now`;

/** Per SQLite file, the instances of this process that started polling it. */
const sqlitePollers = new Map<string, Set<string>>();

/**
 * Registers `owner` as polling the SQLite file `file` and returns the other instances of this process polling it:
 * their leases are live, any other is stale. A SQLite file is one process's (a restarted bot has a new default
 * instance id), so a lease of anyone else was left by a run that is gone. PostgreSQL frees at start only the
 * starting instance's own (ids are unique among running instances; expiry frees the others').
 */
export function sqlitePollersBesides(file: string, owner: string): string[] {
  const pollers = sqlitePollers.get(file) ?? new Set<string>();
  sqlitePollers.set(file, pollers);
  const others = [...pollers].filter((poller) => poller !== owner);
  pollers.add(owner);
  return others;
}

/**
 * The key of per-host politeness: host and port as fetched, lower case, without user info or a default port
 * (the migration fills existing rows by the same rule).
 */
export function feedHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url.toLowerCase();
  }
}

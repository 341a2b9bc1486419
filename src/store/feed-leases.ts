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
  /** Claim among these feeds, due or not (a "poll everything now"); without them, among the due ones. */
  feedIds?: readonly number[];
}

/**
 * Due feeds are looked at soonest first, this many at most per claim: enough to see past a backlog of feeds whose
 * hosts are busy, few enough that a claim stays a short indexed scan in a 10,000-feed cycle.
 */
export const CLAIM_SCAN = 1000;

/**
 * The claim, one statement: count live leases per host, take the soonest unleased candidates, rank each host's
 * candidates after its live leases, keep those within the host's limit up to `limit`, and lease them.
 * `pick` selects the candidates (due, or the given ids); `lock` is PostgreSQL's row lock clause (empty on SQLite,
 * whose single connection already runs the statement alone). Parameters: @now, @owner, @expiresAt, @limit,
 * @maxPerHost, @scan, and @ids when `pick` uses them.
 */
export function claimStatement(options: { pick: string; lock: string; returning: string }): string {
  return `
    WITH live AS (
      SELECT host, COUNT(*) AS held FROM feeds WHERE lease_owner IS NOT NULL AND lease_expires_at > @now GROUP BY host
    ),
    candidates AS (
      SELECT id, host, next_poll_at FROM feeds
      WHERE disabled_at IS NULL AND ${options.pick} AND (lease_owner IS NULL OR lease_expires_at <= @now)
      ORDER BY next_poll_at, id LIMIT @scan
    ),
    ranked AS (
      SELECT candidates.id, candidates.next_poll_at,
        ROW_NUMBER() OVER (PARTITION BY candidates.host ORDER BY candidates.next_poll_at, candidates.id) + COALESCE(live.held, 0) AS slot
      FROM candidates LEFT JOIN live ON live.host = candidates.host
    ),
    chosen AS (
      SELECT feeds.id FROM feeds JOIN ranked ON ranked.id = feeds.id
      WHERE ranked.slot <= @maxPerHost ORDER BY ranked.next_poll_at, ranked.id LIMIT @limit ${options.lock}
    )
    UPDATE feeds SET lease_owner = @owner, lease_expires_at = @expiresAt
    WHERE id IN (SELECT id FROM chosen) AND (lease_owner IS NULL OR lease_expires_at <= @now)
    RETURNING ${options.returning}`;
}

/** The named parameters of claimStatement, but @ids (whose form differs per backend). */
export function claimParameters(claim: LeaseClaim): Record<string, unknown> {
  return {
    now: claim.now,
    owner: claim.owner,
    expiresAt: claim.now + claim.leaseMs,
    limit: claim.limit,
    maxPerHost: claim.maxPerHost,
    scan: CLAIM_SCAN,
  };
}

/** Writing a poll's outcome releases the writer's own lease (a lease taken over meanwhile stays its new holder's). */
export const RELEASE_LEASE = `lease_owner = CASE WHEN lease_owner = @leaseOwner THEN NULL ELSE lease_owner END,
  lease_expires_at = CASE WHEN lease_owner = @leaseOwner THEN NULL ELSE lease_expires_at END`;

/** Enabled feeds nobody holds a live lease on; their next poll only waits for a free slot. */
export const UNLEASED = `disabled_at IS NULL AND (lease_owner IS NULL OR lease_expires_at <= @now)`;

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

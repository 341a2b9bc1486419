import { DEFAULT_PERSPECTIVE } from '../../analysis/sides/types.js';
import { guildView, type FeedRegistration, type FeedStore, type GuildFeed, type GuildFeedRow, type PollFailure, type PollSuccess, type StoredFeed } from '../feeds.js';
import { claimParameters, claimStatement, feedHost, MAKE_ALL_DUE, RELEASE_LEASE, UNLEASED, type LeaseClaim } from '../feed-leases.js';
import type { PgDatabase } from './connection.js';

const RETIRED = 'removed from feeds.json';

/**
 * Held by a claim's transaction (transaction-scoped, so a dead claimer cannot keep it): claims run one at a time
 * across instances, so each counts the live leases per host the previous one left, and the per-host limit is exact.
 * The pair (wirewatch's class, "feed claims") is distinct from the migration's single-key lock.
 */
const CLAIM_LOCK = 'pg_advisory_xact_lock(1836216166, 14001)';

const COLUMNS = `id, source_url AS "sourceUrl", url, outlet, title, full_text AS "fullText", interval_seconds AS "intervalSeconds", origin,
  country, perspective,
  etag, last_modified AS "lastModified", seeded, last_polled_at AS "lastPolledAt",
  last_success_at AS "lastSuccessAt", last_error_at AS "lastErrorAt", last_error_code AS "lastErrorCode",
  last_error AS "lastError", consecutive_failures AS "consecutiveFailures", next_poll_at AS "nextPollAt",
  disabled_at AS "disabledAt", disabled_reason AS "disabledReason"`;

/** FeedStore on PostgreSQL: the same answers, awaited. */
export class PgFeedStore implements FeedStore {
  constructor(private readonly db: PgDatabase) {}

  async register(feed: FeedRegistration, now: number): Promise<StoredFeed> {
    // Update first, insert only a new URL: an upsert would draw an id at every start-up for every configured feed.
    await this.db.run(
      `WITH updated AS (
         UPDATE feeds SET outlet = @outlet, full_text = @fullText, interval_seconds = @intervalSeconds, country = @country, perspective = @perspective,
           disabled_at = CASE WHEN disabled_reason = '${RETIRED}' THEN NULL ELSE disabled_at END,
           disabled_reason = CASE WHEN disabled_reason = '${RETIRED}' THEN NULL ELSE disabled_reason END
         WHERE source_url = @url RETURNING id)
       INSERT INTO feeds (source_url, url, host, outlet, full_text, interval_seconds, origin, country, perspective, created_at)
       SELECT @url, @url, @host, @outlet, @fullText, @intervalSeconds, @origin, @country, @perspective, @now WHERE NOT EXISTS (SELECT 1 FROM updated)
       ON CONFLICT (source_url) DO NOTHING`,
      { ...feed, host: feedHost(feed.url), country: feed.country ?? null, perspective: feed.perspective ?? DEFAULT_PERSPECTIVE, now },
    );
    const stored = await this.bySourceUrl(feed.url);
    if (!stored) throw new Error(`feed ${feed.url} vanished right after it was registered`);
    return stored;
  }

  async bySourceUrl(sourceUrl: string): Promise<StoredFeed | null> {
    return (await this.db.get<StoredFeed>(`SELECT ${COLUMNS} FROM feeds WHERE source_url = $1`, [sourceUrl])) ?? null;
  }

  async byId(id: number): Promise<StoredFeed | null> {
    return (await this.db.get<StoredFeed>(`SELECT ${COLUMNS} FROM feeds WHERE id = $1`, [id])) ?? null;
  }

  async addForGuild(guildId: string, feed: Omit<FeedRegistration, 'origin'>, now: number): Promise<StoredFeed> {
    return this.db.transaction(async () => {
      const stored = (await this.bySourceUrl(feed.url)) ?? (await this.register({ ...feed, origin: 'guild' }, now));
      if (stored.origin !== 'guild') throw new Error(`feed ${stored.id} is configured, not one a guild can add`);
      const country = feed.country ?? null;
      const perspective = feed.perspective ?? DEFAULT_PERSPECTIVE;
      await this.db.run(
        `INSERT INTO feed_guilds (feed_id, guild_id, outlet, country, perspective, added_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (feed_id, guild_id) DO UPDATE SET outlet = excluded.outlet, country = excluded.country, perspective = excluded.perspective,
           added_at = excluded.added_at`,
        [stored.id, guildId, feed.outlet, country, perspective, now],
      );
      await this.enable(stored.id, now);
      return { ...stored, outlet: feed.outlet, country, perspective };
    });
  }

  async removeForGuild(feedId: number, guildId: string): Promise<void> {
    await this.db.transaction(async () => {
      await this.db.run(`DELETE FROM feed_guilds WHERE feed_id = $1 AND guild_id = $2`, [feedId, guildId]);
      await this.db.run(`DELETE FROM feeds WHERE id = $1 AND origin = 'guild' AND NOT EXISTS (SELECT 1 FROM feed_guilds WHERE feed_id = feeds.id)`, [feedId]);
    });
  }

  async owners(feedId: number): Promise<{ guildId: string; outlet: string }[]> {
    return this.db.all(`SELECT guild_id AS "guildId", outlet FROM feed_guilds WHERE feed_id = $1 ORDER BY guild_id COLLATE "C"`, [feedId]);
  }

  /** As FeedStore.visibleTo: what a shared feed went through before this guild added it is not shown. */
  async visibleTo(guildId: string): Promise<GuildFeed[]> {
    const rows = await this.db.all<GuildFeedRow>(
      `SELECT feed_id AS "feedId", outlet, country, perspective, added_at AS "addedAt" FROM feed_guilds WHERE guild_id = $1`,
      [guildId],
    );
    const own = new Map(rows.map((row) => [row.feedId, row]));
    return guildView(await this.all(), own);
  }

  async lastPollAt(): Promise<number | null> {
    return (await this.db.value<number | null>(`SELECT MAX(last_polled_at) FROM feeds`)) ?? null;
  }

  async all(): Promise<StoredFeed[]> {
    return this.db.all<StoredFeed>(`SELECT ${COLUMNS} FROM feeds ORDER BY id`);
  }

  /**
   * As FeedStore.claim, exact across instances: under the claim lock, with the chosen rows locked FOR NO KEY UPDATE
   * SKIP LOCKED (a row another transaction is writing is left for the next claim rather than waited for; items being
   * inserted for a feed, which hold a key-share lock on it, do not keep it from being claimed).
   */
  async claim(claim: LeaseClaim): Promise<StoredFeed[]> {
    const sql = claimStatement({ lock: 'FOR NO KEY UPDATE SKIP LOCKED', returning: COLUMNS });
    const parameters = claimParameters(claim);
    const rows = await this.db.transaction(async (tx) => {
      await tx.run(`SELECT ${CLAIM_LOCK}`);
      return tx.all<StoredFeed>(sql, parameters);
    });
    return rows.sort((a, b) => a.nextPollAt - b.nextPollAt || a.id - b.id);
  }

  async makeAllDue(now: number): Promise<void> {
    await this.db.run(MAKE_ALL_DUE, { now });
  }

  async leasesHeld(owner: string, now: number): Promise<number> {
    return (await this.db.value<number>(`SELECT COUNT(*) FROM feeds WHERE lease_owner = $1 AND lease_expires_at > $2`, [owner, now])) ?? 0;
  }

  /** As FeedStore.releaseStaleLeases: on PostgreSQL, the leases under `owner`'s own id. */
  async releaseStaleLeases(owner: string): Promise<void> {
    await this.db.run(`UPDATE feeds SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner = $1`, [owner]);
  }

  async nextDueAt(now: number): Promise<number | null> {
    return (await this.db.value<number | null>(`SELECT MIN(next_poll_at) FROM feeds WHERE ${UNLEASED}`, { now })) ?? null;
  }

  async recordSuccess(feedId: number, success: PollSuccess): Promise<void> {
    await this.db.run(
      `UPDATE feeds SET etag = @etag, last_modified = @lastModified, last_polled_at = @polledAt,
         last_success_at = @polledAt, consecutive_failures = 0, next_poll_at = @nextPollAt,
         title = COALESCE(@title::text, title), ${RELEASE_LEASE}
       WHERE id = @feedId`,
      { ...success, title: success.title ?? null, leaseOwner: success.leaseOwner ?? null, feedId },
    );
  }

  async recordFailure(feedId: number, failure: PollFailure): Promise<void> {
    await this.db.run(
      `UPDATE feeds SET last_polled_at = @polledAt, last_error_at = @polledAt, last_error_code = @code,
         last_error = @message, consecutive_failures = consecutive_failures + 1, next_poll_at = @nextPollAt,
         disabled_at = CASE WHEN @disable::boolean THEN @polledAt ELSE disabled_at END,
         disabled_reason = CASE WHEN @disable::boolean THEN @message ELSE disabled_reason END, ${RELEASE_LEASE}
       WHERE id = @feedId`,
      { ...failure, leaseOwner: failure.leaseOwner ?? null, feedId },
    );
  }

  async markSeeded(feedId: number): Promise<void> {
    await this.db.run(`UPDATE feeds SET seeded = true WHERE id = $1`, [feedId]);
  }

  /** As FeedStore.moveTo: a configured feed already at the new URL disables this one; a guild's is not looked at. */
  async moveTo(feedId: number, newUrl: string, now: number): Promise<void> {
    const configured = await this.db.value<number>(`SELECT id FROM feeds WHERE url = $1 AND id <> $2 AND origin = 'config'`, [newUrl, feedId]);
    if (configured !== undefined) {
      await this.db.run(`UPDATE feeds SET disabled_at = $1, disabled_reason = $2 WHERE id = $3`, [
        now,
        `moved permanently to ${newUrl}, which is already feed ${configured}`,
        feedId,
      ]);
      return;
    }
    await this.db.run(`UPDATE feeds SET url = $1, host = $2 WHERE id = $3`, [newUrl, feedHost(newUrl), feedId]);
  }

  async enable(feedId: number, now: number): Promise<void> {
    await this.db.run(`UPDATE feeds SET disabled_at = NULL, disabled_reason = NULL, consecutive_failures = 0, next_poll_at = $1 WHERE id = $2`, [now, feedId]);
  }

  async remove(feedId: number): Promise<void> {
    await this.db.run(`DELETE FROM feeds WHERE id = $1`, [feedId]);
  }

  async retireConfigFeedsExcept(sourceUrls: readonly string[], now: number): Promise<void> {
    await this.db.run(
      `UPDATE feeds SET disabled_at = $1, disabled_reason = $2 WHERE origin = 'config' AND disabled_at IS NULL AND NOT (source_url = ANY($3::text[]))`,
      [now, RETIRED, sourceUrls],
    );
  }
}

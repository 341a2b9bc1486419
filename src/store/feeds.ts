import type { Promised } from './promised.js';
import { DEFAULT_PERSPECTIVE } from '../analysis/sides/types.js';
import type { Db } from './database.js';
import { claimParameters, claimStatement, feedHost, MAKE_ALL_DUE, RELEASE_LEASE, sqlitePollersBesides, UNLEASED, type LeaseClaim } from './feed-leases.js';
import { statement } from './prepared.js';

/** A feed row as the poller sees it. Times are epoch milliseconds. */
export interface StoredFeed {
  id: number;
  /** The URL as configured or added; the key that config and guilds refer to. */
  sourceUrl: string;
  /** Where the feed lives now: the source URL, or where a permanent redirect moved it. */
  url: string;
  outlet: string;
  title: string | null;
  fullText: boolean;
  intervalSeconds: number;
  /** `config`: from config/feeds.json, public. `guild`: added with /feeds add, seen only by the guilds that added it. */
  origin: 'config' | 'guild';
  /** Where the outlet is based (ISO 3166 alpha-2), null when not given. */
  country: string | null;
  /** The outlet's side: an id of config/perspectives.json. */
  perspective: string;
  etag: string | null;
  lastModified: string | null;
  seeded: boolean;
  lastPolledAt: number | null;
  lastSuccessAt: number | null;
  lastErrorAt: number | null;
  lastErrorCode: string | null;
  lastError: string | null;
  consecutiveFailures: number;
  nextPollAt: number;
  disabledAt: number | null;
  disabledReason: string | null;
}

export interface FeedRegistration {
  url: string;
  outlet: string;
  fullText: boolean;
  intervalSeconds: number;
  origin: 'config' | 'guild';
  /** ISO 3166 alpha-2; none when not known. */
  country?: string | null;
  /** Default: "other". */
  perspective?: string;
}

/** A feed as one guild sees it: under its own outlet name when it added the feed. */
export interface GuildFeed extends StoredFeed {
  addedHere: boolean;
}

export interface PollSuccess {
  polledAt: number;
  nextPollAt: number;
  etag: string | null;
  lastModified: string | null;
  title?: string | null;
  /** The instance whose lease on the feed this write releases (none without it). */
  leaseOwner?: string;
}

export interface PollFailure {
  polledAt: number;
  nextPollAt: number;
  code: string;
  message: string;
  /** Set when this failure disables the feed. */
  disable: boolean;
  /** As PollSuccess.leaseOwner. */
  leaseOwner?: string;
}

const RETIRED = 'removed from feeds.json';

const COLUMNS = `id, source_url AS sourceUrl, url, outlet, title, full_text AS fullText, interval_seconds AS intervalSeconds, origin,
  country, perspective,
  etag, last_modified AS lastModified, seeded, last_polled_at AS lastPolledAt,
  last_success_at AS lastSuccessAt, last_error_at AS lastErrorAt, last_error_code AS lastErrorCode,
  last_error AS lastError, consecutive_failures AS consecutiveFailures, next_poll_at AS nextPollAt,
  disabled_at AS disabledAt, disabled_reason AS disabledReason`;

type FeedRow = Omit<StoredFeed, 'fullText' | 'seeded'> & { fullText: number; seeded: number };

function toFeed(row: FeedRow): StoredFeed {
  return { ...row, fullText: row.fullText === 1, seeded: row.seeded === 1 };
}

/** Feeds and their polling state: validators, schedule and health live here, not in memory. */
export class SqliteFeedStore {
  constructor(private readonly db: Db) {}

  /** Adds a feed, or updates its settings when the URL is known. Returns the stored feed. */
  register(feed: FeedRegistration, now: number): StoredFeed {
    statement(this.db, 
        `INSERT INTO feeds (source_url, url, host, outlet, full_text, interval_seconds, origin, country, perspective, created_at)
         VALUES (@url, @url, @host, @outlet, @fullText, @intervalSeconds, @origin, @country, @perspective, @now)
         ON CONFLICT (source_url) DO UPDATE SET outlet = excluded.outlet, full_text = excluded.full_text,
           interval_seconds = excluded.interval_seconds, country = excluded.country, perspective = excluded.perspective,
           disabled_at = CASE WHEN disabled_reason = '${RETIRED}' THEN NULL ELSE disabled_at END,
           disabled_reason = CASE WHEN disabled_reason = '${RETIRED}' THEN NULL ELSE disabled_reason END`,
      )
      .run({ ...feed, host: feedHost(feed.url), fullText: feed.fullText ? 1 : 0, country: feed.country ?? null, perspective: feed.perspective ?? DEFAULT_PERSPECTIVE, now });
    const stored = this.bySourceUrl(feed.url);
    if (!stored) throw new Error(`feed ${feed.url} vanished right after it was registered`);
    return stored;
  }

  bySourceUrl(sourceUrl: string): StoredFeed | null {
    const row = statement(this.db, `SELECT ${COLUMNS} FROM feeds WHERE source_url = ?`).get(sourceUrl) as FeedRow | undefined;
    return row ? toFeed(row) : null;
  }

  byId(id: number): StoredFeed | null {
    const row = statement(this.db, `SELECT ${COLUMNS} FROM feeds WHERE id = ?`).get(id) as FeedRow | undefined;
    return row ? toFeed(row) : null;
  }

  /**
   * Gives a guild a feed under its own outlet name, country and perspective: registers it when nobody reads the URL yet, else makes the guild
   * one more owner of the same feed (fetched once however many guilds add it). Either way the feed is polled now,
   * as a new one would be. The caller refuses URLs of configured feeds.
   */
  addForGuild(guildId: string, feed: Omit<FeedRegistration, 'origin'>, now: number): StoredFeed {
    return this.db.transaction(() => {
      const stored = this.bySourceUrl(feed.url) ?? this.register({ ...feed, origin: 'guild' }, now);
      if (stored.origin !== 'guild') throw new Error(`feed ${stored.id} is configured, not one a guild can add`);
      const country = feed.country ?? null;
      const perspective = feed.perspective ?? DEFAULT_PERSPECTIVE;
      statement(this.db, `INSERT OR REPLACE INTO feed_guilds (feed_id, guild_id, outlet, country, perspective, added_at) VALUES (?, ?, ?, ?, ?, ?)`)
        .run(stored.id, guildId, feed.outlet, country, perspective, now);
      this.enable(stored.id, now);
      return { ...stored, outlet: feed.outlet, country, perspective };
    })();
  }

  /** The guild stops reading a feed it added; the feed and its items go with its last guild. */
  removeForGuild(feedId: number, guildId: string): void {
    this.db.transaction(() => {
      statement(this.db, `DELETE FROM feed_guilds WHERE feed_id = ? AND guild_id = ?`).run(feedId, guildId);
      statement(this.db, `DELETE FROM feeds WHERE id = ? AND origin = 'guild' AND NOT EXISTS (SELECT 1 FROM feed_guilds WHERE feed_id = feeds.id)`).run(feedId);
    })();
  }

  /** The guilds that added a feed, each with its own name for it. */
  owners(feedId: number): { guildId: string; outlet: string }[] {
    return statement(this.db, `SELECT guild_id AS guildId, outlet FROM feed_guilds WHERE feed_id = ? ORDER BY guild_id`).all(feedId) as { guildId: string; outlet: string }[];
  }

  /**
   * The feeds a guild sees: the configured ones and those it added (under its own outlet name and labels). What a shared feed
   * went through before this guild added it (its last success or error) is not shown: it would tell that another
   * guild reads the same URL.
   */
  visibleTo(guildId: string): GuildFeed[] {
    const rows = statement(this.db, `SELECT feed_id AS feedId, outlet, country, perspective, added_at AS addedAt FROM feed_guilds WHERE guild_id = ?`).all(guildId) as GuildFeedRow[];
    const own = new Map(rows.map((row) => [row.feedId, row]));
    return guildView(this.all(), own);
  }

  /** When any feed was last polled (epoch ms), or null before the first poll: /healthz asks it on every probe. */
  lastPollAt(): number | null {
    return statement(this.db, `SELECT MAX(last_polled_at) FROM feeds`).pluck().get() as number | null;
  }

  all(): StoredFeed[] {
    return (statement(this.db, `SELECT ${COLUMNS} FROM feeds ORDER BY id`).all() as FeedRow[]).map(toFeed);
  }

  /** Leases feeds to `claim.owner` and returns them, soonest due first (see LeaseClaim). */
  claim(claim: LeaseClaim): StoredFeed[] {
    const rows = statement(this.db, claimStatement({ lock: '', returning: COLUMNS })).all(claimParameters(claim)) as FeedRow[];
    return rows.map(toFeed).sort((a, b) => a.nextPollAt - b.nextPollAt || a.id - b.id);
  }

  /** Every enabled feed nobody is polling at `now` falls due now (to poll everything at once). */
  makeAllDue(now: number): void {
    statement(this.db, MAKE_ALL_DUE).run({ now });
  }

  /** How many feeds `owner` holds a live lease on at `now`. */
  leasesHeld(owner: string, now: number): number {
    return statement(this.db, `SELECT COUNT(*) FROM feeds WHERE lease_owner = ? AND lease_expires_at > ?`).pluck().get(owner, now) as number;
  }

  /** At `owner`'s start, frees the leases left by instances that are gone (see sqlitePollersBesides). */
  releaseStaleLeases(owner: string): void {
    statement(this.db, `UPDATE feeds SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner NOT IN (SELECT value FROM json_each(?))`)
      .run(JSON.stringify(sqlitePollersBesides(this.db.name, owner)));
  }

  /** When the next enabled feed nobody is polling at `now` falls due, or null when there is none. */
  nextDueAt(now: number): number | null {
    const row = statement(this.db, `SELECT MIN(next_poll_at) AS at FROM feeds WHERE ${UNLEASED}`).get({ now }) as { at: number | null };
    return row.at;
  }

  recordSuccess(feedId: number, success: PollSuccess): void {
    statement(this.db, 
        `UPDATE feeds SET etag = @etag, last_modified = @lastModified, last_polled_at = @polledAt,
           last_success_at = @polledAt, consecutive_failures = 0, next_poll_at = @nextPollAt,
           title = COALESCE(@title, title), ${RELEASE_LEASE}
         WHERE id = @feedId`,
      )
      .run({ ...success, title: success.title ?? null, leaseOwner: success.leaseOwner ?? null, feedId });
  }

  recordFailure(feedId: number, failure: PollFailure): void {
    statement(this.db, 
        `UPDATE feeds SET last_polled_at = @polledAt, last_error_at = @polledAt, last_error_code = @code,
           last_error = @message, consecutive_failures = consecutive_failures + 1, next_poll_at = @nextPollAt,
           disabled_at = CASE WHEN @disable THEN @polledAt ELSE disabled_at END,
           disabled_reason = CASE WHEN @disable THEN @message ELSE disabled_reason END, ${RELEASE_LEASE}
         WHERE id = @feedId`,
      )
      .run({ ...failure, disable: failure.disable ? 1 : 0, leaseOwner: failure.leaseOwner ?? null, feedId });
  }

  markSeeded(feedId: number): void {
    statement(this.db, `UPDATE feeds SET seeded = 1 WHERE id = ?`).run(feedId);
  }

  /**
   * Follows a permanent redirect. When a configured feed already has the new URL the two are the same feed: this
   * one is disabled with the reason rather than polled twice (what it carried is public anyway). A guild-added feed
   * at the new URL is not looked at: saying so, or sharing it, would tell whoever set up the redirect that another
   * server reads that URL; both are polled.
   */
  moveTo(feedId: number, newUrl: string, now: number): void {
    const configured = statement(this.db, `SELECT id FROM feeds WHERE url = ? AND id != ? AND origin = 'config'`).get(newUrl, feedId) as { id: number } | undefined;
    if (configured) {
      statement(this.db, `UPDATE feeds SET disabled_at = ?, disabled_reason = ? WHERE id = ?`)
        .run(now, `moved permanently to ${newUrl}, which is already feed ${configured.id}`, feedId);
      return;
    }
    statement(this.db, `UPDATE feeds SET url = ?, host = ? WHERE id = ?`).run(newUrl, feedHost(newUrl), feedId);
  }

  /** Re-enables a disabled feed and polls it at once. */
  enable(feedId: number, now: number): void {
    statement(this.db, `UPDATE feeds SET disabled_at = NULL, disabled_reason = NULL, consecutive_failures = 0, next_poll_at = ? WHERE id = ?`)
      .run(now, feedId);
  }

  remove(feedId: number): void {
    statement(this.db, `DELETE FROM feeds WHERE id = ?`).run(feedId);
  }

  /** Config feeds no longer listed in feeds.json stop being polled; their items stay. */
  retireConfigFeedsExcept(sourceUrls: readonly string[], now: number): void {
    const keep = new Set(sourceUrls);
    for (const feed of this.all()) {
      if (feed.origin !== 'config' || keep.has(feed.sourceUrl) || feed.disabledAt !== null) continue;
      statement(this.db, `UPDATE feeds SET disabled_at = ?, disabled_reason = ? WHERE id = ?`).run(now, RETIRED, feed.id);
    }
  }
}

/** The feed store as both backends offer it (see promised.ts). */
export type FeedStore = Promised<SqliteFeedStore>;

/** A guild's own row for a feed it added: its name and labels for it, and when it added it. */
export interface GuildFeedRow {
  feedId: number;
  outlet: string;
  country: string | null;
  perspective: string;
  addedAt: number;
}

/**
 * The feeds as a guild sees them, given its own rows (see FeedStore.visibleTo): the configured ones, and those it
 * added under its own name and labels, without what they went through before it added them.
 */
export function guildView(feeds: readonly StoredFeed[], own: ReadonlyMap<number, GuildFeedRow>): GuildFeed[] {
  return feeds.flatMap((feed): GuildFeed[] => {
    const added = own.get(feed.id);
    if (!added) return feed.origin === 'config' ? [{ ...feed, addedHere: false }] : [];
    const since = (at: number | null) => (at !== null && at >= added.addedAt ? at : null);
    const lastErrorAt = since(feed.lastErrorAt);
    return [{
      ...feed,
      outlet: added.outlet,
      country: added.country,
      perspective: added.perspective,
      addedHere: true,
      lastPolledAt: since(feed.lastPolledAt),
      lastSuccessAt: since(feed.lastSuccessAt),
      lastErrorAt,
      ...(lastErrorAt === null ? { lastErrorCode: null, lastError: null } : {}),
    }];
  });
}

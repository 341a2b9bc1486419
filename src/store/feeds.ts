import type { Db } from './database.js';
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
  origin: 'config' | 'guild';
  addedByGuild: string | null;
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
  addedByGuild?: string | null;
}

export interface PollSuccess {
  polledAt: number;
  nextPollAt: number;
  etag: string | null;
  lastModified: string | null;
  title?: string | null;
}

export interface PollFailure {
  polledAt: number;
  nextPollAt: number;
  code: string;
  message: string;
  /** Set when this failure disables the feed. */
  disable: boolean;
}

const RETIRED = 'removed from feeds.json';

const COLUMNS = `id, source_url AS sourceUrl, url, outlet, title, full_text AS fullText, interval_seconds AS intervalSeconds, origin,
  added_by_guild AS addedByGuild, etag, last_modified AS lastModified, seeded, last_polled_at AS lastPolledAt,
  last_success_at AS lastSuccessAt, last_error_at AS lastErrorAt, last_error_code AS lastErrorCode,
  last_error AS lastError, consecutive_failures AS consecutiveFailures, next_poll_at AS nextPollAt,
  disabled_at AS disabledAt, disabled_reason AS disabledReason`;

type FeedRow = Omit<StoredFeed, 'fullText' | 'seeded'> & { fullText: number; seeded: number };

function toFeed(row: FeedRow): StoredFeed {
  return { ...row, fullText: row.fullText === 1, seeded: row.seeded === 1 };
}

/** Feeds and their polling state: validators, schedule and health live here, not in memory. */
export class FeedStore {
  constructor(private readonly db: Db) {}

  /** Adds a feed, or updates its settings when the URL is known. Returns the stored feed. */
  register(feed: FeedRegistration, now: number): StoredFeed {
    statement(this.db, 
        `INSERT INTO feeds (source_url, url, outlet, full_text, interval_seconds, origin, added_by_guild, created_at)
         VALUES (@url, @url, @outlet, @fullText, @intervalSeconds, @origin, @addedByGuild, @now)
         ON CONFLICT (source_url) DO UPDATE SET outlet = excluded.outlet, full_text = excluded.full_text,
           interval_seconds = excluded.interval_seconds,
           disabled_at = CASE WHEN disabled_reason = '${RETIRED}' THEN NULL ELSE disabled_at END,
           disabled_reason = CASE WHEN disabled_reason = '${RETIRED}' THEN NULL ELSE disabled_reason END`,
      )
      .run({ ...feed, fullText: feed.fullText ? 1 : 0, addedByGuild: feed.addedByGuild ?? null, now });
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

  all(): StoredFeed[] {
    return (statement(this.db, `SELECT ${COLUMNS} FROM feeds ORDER BY id`).all() as FeedRow[]).map(toFeed);
  }

  /** Enabled feeds whose next poll is due, soonest first. */
  due(now: number, limit: number): StoredFeed[] {
    const rows = statement(this.db, `SELECT ${COLUMNS} FROM feeds WHERE disabled_at IS NULL AND next_poll_at <= ? ORDER BY next_poll_at LIMIT ?`)
      .all(now, limit) as FeedRow[];
    return rows.map(toFeed);
  }

  /** When the next enabled feed falls due, or null when there is none. */
  nextDueAt(): number | null {
    const row = statement(this.db, `SELECT MIN(next_poll_at) AS at FROM feeds WHERE disabled_at IS NULL`).get() as { at: number | null };
    return row.at;
  }

  recordSuccess(feedId: number, success: PollSuccess): void {
    statement(this.db, 
        `UPDATE feeds SET etag = @etag, last_modified = @lastModified, last_polled_at = @polledAt,
           last_success_at = @polledAt, consecutive_failures = 0, next_poll_at = @nextPollAt,
           title = COALESCE(@title, title)
         WHERE id = @feedId`,
      )
      .run({ ...success, title: success.title ?? null, feedId });
  }

  recordFailure(feedId: number, failure: PollFailure): void {
    statement(this.db, 
        `UPDATE feeds SET last_polled_at = @polledAt, last_error_at = @polledAt, last_error_code = @code,
           last_error = @message, consecutive_failures = consecutive_failures + 1, next_poll_at = @nextPollAt,
           disabled_at = CASE WHEN @disable THEN @polledAt ELSE disabled_at END,
           disabled_reason = CASE WHEN @disable THEN @message ELSE disabled_reason END
         WHERE id = @feedId`,
      )
      .run({ ...failure, disable: failure.disable ? 1 : 0, feedId });
  }

  markSeeded(feedId: number): void {
    statement(this.db, `UPDATE feeds SET seeded = 1 WHERE id = ?`).run(feedId);
  }

  /**
   * Follows a permanent redirect. When another feed already has the new URL the two are the same feed:
   * this one is disabled with the reason rather than polled twice.
   */
  moveTo(feedId: number, newUrl: string, now: number): void {
    const existing = statement(this.db, `SELECT id FROM feeds WHERE url = ? AND id != ?`).get(newUrl, feedId) as { id: number } | undefined;
    if (existing) {
      statement(this.db, `UPDATE feeds SET disabled_at = ?, disabled_reason = ? WHERE id = ?`)
        .run(now, `moved permanently to ${newUrl}, which is already feed ${existing.id}`, feedId);
      return;
    }
    statement(this.db, `UPDATE feeds SET url = ? WHERE id = ?`).run(newUrl, feedId);
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

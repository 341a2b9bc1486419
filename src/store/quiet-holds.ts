import type { Promised } from './promised.js';
import type { Db } from './database.js';
import { statement } from './prepared.js';

/** An alert held in its subscription's quiet hours, for a channel without a digest: what the summary lists. */
export interface QuietHold {
  outboxId: number;
  subscriptionId: number;
  guildId: string;
  channelId: string;
  headline: string;
  link: string | null;
  outlet: string;
  heldAt: number;
}

const COLUMNS = `outbox_id AS outboxId, subscription_id AS subscriptionId, guild_id AS guildId, channel_id AS channelId, headline, link,
  outlet, held_at AS heldAt`;

/** Alerts waiting for the end of quiet hours. Each is listed in exactly one summary: released with it, in its transaction. */
export class SqliteQuietHoldStore {
  constructor(private readonly db: Db) {}

  hold(hold: QuietHold): void {
    statement(this.db,
      `INSERT INTO quiet_holds (outbox_id, subscription_id, guild_id, channel_id, headline, link, outlet, held_at)
       VALUES (@outboxId, @subscriptionId, @guildId, @channelId, @headline, @link, @outlet, @heldAt)`,
    ).run(hold);
  }

  /** Holds not listed in a summary yet, oldest first. */
  waiting(): QuietHold[] {
    return statement(this.db, `SELECT ${COLUMNS} FROM quiet_holds WHERE released_at IS NULL ORDER BY outbox_id`).all() as QuietHold[];
  }

  /**
   * Which of these holds still wait, locked until the transaction ends, so that two runs never list one hold twice
   * (PostgreSQL: FOR UPDATE, the second run waits and then sees them released; SQLite's write transaction has the
   * whole file already).
   */
  lockWaiting(outboxIds: readonly number[]): number[] {
    return statement(this.db, `SELECT outbox_id FROM quiet_holds WHERE released_at IS NULL AND outbox_id IN (SELECT value FROM json_each(?))`)
      .pluck()
      .all(JSON.stringify(outboxIds)) as number[];
  }

  /** Marks holds as listed in the summary queued as outbox row `summaryOutboxId`. */
  release(outboxIds: readonly number[], summaryOutboxId: number, now: number): void {
    statement(this.db, `UPDATE quiet_holds SET released_at = ?, summary_outbox_id = ? WHERE outbox_id IN (SELECT value FROM json_each(?))`)
      .run(now, summaryOutboxId, JSON.stringify(outboxIds));
  }

  /** Whether an outbox row is a quiet hold, and when its summary was queued (null while it waits). */
  stateOf(outboxId: number): { releasedAt: number | null; summaryOutboxId: number | null } | null {
    const row = statement(this.db, `SELECT released_at AS releasedAt, summary_outbox_id AS summaryOutboxId FROM quiet_holds WHERE outbox_id = ?`)
      .get(outboxId) as { releasedAt: number | null; summaryOutboxId: number | null } | undefined;
    return row ?? null;
  }
}

/** The quiet hold store as both backends offer it (see promised.ts). */
export type QuietHoldStore = Promised<SqliteQuietHoldStore>;

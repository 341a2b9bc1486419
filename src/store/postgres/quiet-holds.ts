import type { QuietHoldStore, QuietHold } from '../quiet-holds.js';
import type { PgDatabase } from './connection.js';

const COLUMNS = `outbox_id AS "outboxId", subscription_id AS "subscriptionId", guild_id AS "guildId", channel_id AS "channelId", headline, link,
  outlet, held_at AS "heldAt"`;

/** QuietHoldStore on PostgreSQL. */
export class PgQuietHoldStore implements QuietHoldStore {
  constructor(private readonly db: PgDatabase) {}

  async hold(hold: QuietHold): Promise<void> {
    await this.db.run(
      `INSERT INTO quiet_holds (outbox_id, subscription_id, guild_id, channel_id, headline, link, outlet, held_at)
       VALUES (@outboxId, @subscriptionId, @guildId, @channelId, @headline, @link, @outlet, @heldAt)`,
      { ...hold },
    );
  }

  async waiting(): Promise<QuietHold[]> {
    return this.db.all<QuietHold>(`SELECT ${COLUMNS} FROM quiet_holds WHERE released_at IS NULL ORDER BY outbox_id`);
  }

  async lockWaiting(outboxIds: readonly number[]): Promise<number[]> {
    return this.db.column<number>(
      `SELECT outbox_id FROM quiet_holds WHERE released_at IS NULL AND outbox_id = ANY($1::bigint[]) ORDER BY outbox_id FOR UPDATE`,
      [outboxIds],
    );
  }

  async release(outboxIds: readonly number[], summaryOutboxId: number, now: number): Promise<void> {
    await this.db.run(`UPDATE quiet_holds SET released_at = $1, summary_outbox_id = $2 WHERE outbox_id = ANY($3::bigint[])`, [now, summaryOutboxId, outboxIds]);
  }

  async stateOf(outboxId: number): Promise<{ releasedAt: number | null; summaryOutboxId: number | null } | null> {
    const row = await this.db.get<{ releasedAt: number | null; summaryOutboxId: number | null }>(
      `SELECT released_at AS "releasedAt", summary_outbox_id AS "summaryOutboxId" FROM quiet_holds WHERE outbox_id = $1`,
      [outboxId],
    );
    return row ?? null;
  }
}

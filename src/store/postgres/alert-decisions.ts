import type { AlertDecisionStore, AlertDecisionRecord } from '../alert-decisions.js';
import type { PgDatabase } from './connection.js';

/** AlertDecisionStore on PostgreSQL; decisions keep the order they were recorded in (their id). */
export class PgAlertDecisionStore implements AlertDecisionStore {
  constructor(private readonly db: PgDatabase) {}

  async record(decisions: readonly AlertDecisionRecord[]): Promise<void> {
    if (decisions.length === 0) return;
    const column = <K extends keyof AlertDecisionRecord>(key: K) => decisions.map((decision) => decision[key]);
    // One statement for the whole fan-out: a row per subscription, one round trip.
    await this.db.run(
      `INSERT INTO alert_decisions (item_id, subscription_id, channel_id, action, reason, detail, outbox_id, decided_at)
       SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[])`,
      [column('itemId'), column('subscriptionId'), column('channelId'), column('action'), column('reason'), column('detail'), column('outboxId'), column('decidedAt')],
    );
  }

  async forItems(itemIds: readonly number[], guildId: string): Promise<AlertDecisionRecord[]> {
    return this.db.all<AlertDecisionRecord>(
      `SELECT item_id AS "itemId", subscription_id AS "subscriptionId", alert_decisions.channel_id AS "channelId", action, reason, detail,
         outbox_id AS "outboxId", decided_at AS "decidedAt"
       FROM alert_decisions JOIN subscriptions ON subscriptions.id = alert_decisions.subscription_id
       WHERE item_id = ANY($1::bigint[]) AND subscriptions.guild_id = $2 ORDER BY alert_decisions.id`,
      [itemIds, guildId],
    );
  }
}

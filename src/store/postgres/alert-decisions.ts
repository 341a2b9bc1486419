import type { AlertDecisionStore, AlertDecisionRecord } from '../alert-decisions.js';
import type { PgDatabase } from './connection.js';

/** AlertDecisionStore on PostgreSQL; decisions keep the order they were recorded in (their id). */
export class PgAlertDecisionStore implements AlertDecisionStore {
  constructor(private readonly db: PgDatabase) {}

  async record(decision: AlertDecisionRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO alert_decisions (item_id, subscription_id, channel_id, action, reason, detail, outbox_id, decided_at)
       VALUES (@itemId, @subscriptionId, @channelId, @action, @reason, @detail, @outboxId, @decidedAt)`,
      { ...decision },
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

import type { Promised } from './promised.js';
import type { Db } from './database.js';
import { statement } from './prepared.js';

export type DecisionAction = 'post' | 'edit' | 'hold' | 'skip';

/**
 * What alert planning decided for an item and one subscription. `reason` is a code: for a post the alert's kind
 * (story, quote, development), for a hold flood or quiet, for a skip the planner's code (min-outlets, held-story…),
 * and "paused" for a subscription that matched while paused.
 */
export interface AlertDecisionRecord {
  itemId: number;
  subscriptionId: number;
  channelId: string;
  action: DecisionAction;
  reason: string;
  /** The planner's words for a skip ("1 of 2 outlets so far"); null otherwise. */
  detail: string | null;
  /** The outbox row the decision wrote (null: none, or pruned since). */
  outboxId: number | null;
  decidedAt: number;
}

/** The record `/why` reads: per item, what each subscription that it reached got, and why. */
export class SqliteAlertDecisionStore {
  constructor(private readonly db: Db) {}

  /** Records what an item meant for each subscription it reached (thousands, for an item of a busy topic). */
  record(decisions: readonly AlertDecisionRecord[]): void {
    const insert = statement(this.db,
      `INSERT INTO alert_decisions (item_id, subscription_id, channel_id, action, reason, detail, outbox_id, decided_at)
       VALUES (@itemId, @subscriptionId, @channelId, @action, @reason, @detail, @outboxId, @decidedAt)`,
    );
    for (const decision of decisions) insert.run(decision);
  }

  /** The decisions about these items (an article, or a story's reports) for one guild's subscriptions, oldest first. */
  forItems(itemIds: readonly number[], guildId: string): AlertDecisionRecord[] {
    return statement(this.db,
      `SELECT item_id AS itemId, subscription_id AS subscriptionId, alert_decisions.channel_id AS channelId, action, reason, detail,
         outbox_id AS outboxId, decided_at AS decidedAt
       FROM alert_decisions JOIN subscriptions ON subscriptions.id = alert_decisions.subscription_id
       WHERE item_id IN (SELECT value FROM json_each(?)) AND subscriptions.guild_id = ? ORDER BY alert_decisions.rowid`,
    ).all(JSON.stringify(itemIds), guildId) as AlertDecisionRecord[];
  }
}

/** The alert decision store as both backends offer it (see promised.ts). */
export type AlertDecisionStore = Promised<SqliteAlertDecisionStore>;

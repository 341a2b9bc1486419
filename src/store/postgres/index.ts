import { PgAlertDecisionStore } from './alert-decisions.js';
import { PgAlertStore } from './alerts.js';
import { PgCommandRegistryStore } from './command-registry.js';
import type { PgDatabase } from './connection.js';
import { PgDigestHistoryStore } from './digest-history.js';
import { PgFeedStore } from './feeds.js';
import { PgGuildTopicStore } from './guild-topics.js';
import { PgItemTopicStore } from './item-topics.js';
import { PgItemStore } from './items.js';
import { PgOutboxStore } from './outbox.js';
import { PgQuietHoldStore } from './quiet-holds.js';
import { PgQuoteStore } from './quotes.js';
import { PgStoryStore } from './stories.js';
import { PgSubscriptionStore } from './subscriptions.js';

/** One store per table group, all over the same PostgreSQL database. */
export function createPostgresStores(db: PgDatabase) {
  return {
    feeds: new PgFeedStore(db),
    items: new PgItemStore(db),
    itemTopics: new PgItemTopicStore(db),
    quotes: new PgQuoteStore(db),
    stories: new PgStoryStore(db),
    subscriptions: new PgSubscriptionStore(db),
    outbox: new PgOutboxStore(db),
    alerts: new PgAlertStore(db),
    guildTopics: new PgGuildTopicStore(db),
    commandRegistry: new PgCommandRegistryStore(db),
    digestHistory: new PgDigestHistoryStore(db),
    alertDecisions: new PgAlertDecisionStore(db),
    quietHolds: new PgQuietHoldStore(db),
  };
}

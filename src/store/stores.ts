import type { Leadership } from './leadership.js';
import type { AlertDecisionStore } from './alert-decisions.js';
import type { AlertStore } from './alerts.js';
import type { CommandRegistryStore } from './command-registry.js';
import type { DigestHistoryStore } from './digest-history.js';
import type { FeedStore } from './feeds.js';
import type { GuildTopicStore } from './guild-topics.js';
import type { ItemTopicStore } from './item-topics.js';
import type { ItemStore } from './items.js';
import type { OutboxStore } from './outbox.js';
import type { QuietHoldStore } from './quiet-holds.js';
import type { QuoteSearch } from './quote-search.js';
import type { QuoteStore } from './quotes.js';
import type { Retention } from './retention.js';
import type { StoryStore } from './stories.js';
import type { SubscriptionStore } from './subscriptions.js';

/** One store per table group, all over the same database, the same on SQLite and PostgreSQL. */
export interface Stores {
  feeds: FeedStore;
  items: ItemStore;
  itemTopics: ItemTopicStore;
  quotes: QuoteStore;
  stories: StoryStore;
  subscriptions: SubscriptionStore;
  outbox: OutboxStore;
  alerts: AlertStore;
  guildTopics: GuildTopicStore;
  commandRegistry: CommandRegistryStore;
  digestHistory: DigestHistoryStore;
  alertDecisions: AlertDecisionStore;
  quietHolds: QuietHoldStore;
  quoteSearch: QuoteSearch;
  /** Pruning runs transactions of its own: call it on the outer stores, never inside a transaction. */
  retention: Retention;
  /**
   * Runs `work` in a transaction: committed when it resolves, rolled back (and the error rethrown) when it rejects.
   * Called on the stores a transaction passes (`tx`), it is a savepoint within it. Inside `work` use only `tx`, one
   * call after another (await each): the outer stores wait for the transaction to end, and `tx` refuses calls once
   * it has.
   */
  transaction<T>(work: (tx: Stores) => Promise<T>): Promise<T>;
}

/** An open database and its stores. */
export interface StoreBackend {
  readonly kind: 'sqlite' | 'postgres';
  readonly stores: Stores;
  /** Which of the roles played by one instance at a time (analysis, delivery, scheduler) this instance holds. */
  readonly leadership: Leadership;
  /** Whether the database takes writes right now (for /healthz); never throws. */
  writable(): Promise<boolean>;
  /** Waits for the open transaction, then closes the database. */
  close(): Promise<void>;
}

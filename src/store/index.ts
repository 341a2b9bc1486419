import { AlertDecisionStore } from './alert-decisions.js';
import { AlertStore } from './alerts.js';
import { CommandRegistryStore } from './command-registry.js';
import type { Db } from './database.js';
import { DigestHistoryStore } from './digest-history.js';
import { FeedStore } from './feeds.js';
import { GuildTopicStore } from './guild-topics.js';
import { ItemTopicStore } from './item-topics.js';
import { ItemStore } from './items.js';
import { OutboxStore } from './outbox.js';
import { QuietHoldStore } from './quiet-holds.js';
import { QuoteStore } from './quotes.js';
import { StoryStore } from './stories.js';
import { SubscriptionStore } from './subscriptions.js';

/** One store per table group, all over the same database. */
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
}

export function createStores(db: Db): Stores {
  return {
    feeds: new FeedStore(db),
    items: new ItemStore(db),
    itemTopics: new ItemTopicStore(db),
    quotes: new QuoteStore(db),
    stories: new StoryStore(db),
    subscriptions: new SubscriptionStore(db),
    outbox: new OutboxStore(db),
    alerts: new AlertStore(db),
    guildTopics: new GuildTopicStore(db),
    commandRegistry: new CommandRegistryStore(db),
    digestHistory: new DigestHistoryStore(db),
    alertDecisions: new AlertDecisionStore(db),
    quietHolds: new QuietHoldStore(db),
  };
}

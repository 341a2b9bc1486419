import type { Migration } from '../../migrations/migration.js';
import { feedsAndItems } from './001-feeds-and-items.js';
import { itemTopics } from './002-item-topics.js';
import { quotesMigration } from './003-quotes.js';
import { storiesMigration } from './004-stories.js';
import { delivery } from './005-delivery.js';
import { commandRegistry } from './006-command-registry.js';
import { digestHistory } from './007-digest-history.js';
import { privateFeeds } from './008-private-feeds.js';
import { pingsStylesImages } from './009-pings-styles-images.js';
import { threads } from './010-threads.js';
import { quietHoursAndWhy } from './011-quiet-hours-and-why.js';
import { feedPerspectives } from './012-feed-perspectives.js';
import { subscriptionChart } from './013-subscription-chart.js';
import { feedLeases } from './014-feed-leases.js';
import { guildTopicChanges } from './015-guild-topic-changes.js';
import { quoteWords } from './016-quote-words.js';
import { outboxAtScale } from './017-outbox-at-scale.js';
import { quotePairs } from './018-quote-pairs.js';

/**
 * PostgreSQL's schema steps, one per SQLite migration and with the same version numbers (src/store/migrations/):
 * a schema change lands on both backends together, and a database's version means the same on either.
 */
export const postgresMigrations: readonly Migration[] = [
  feedsAndItems,
  itemTopics,
  quotesMigration,
  storiesMigration,
  delivery,
  commandRegistry,
  digestHistory,
  privateFeeds,
  pingsStylesImages,
  threads,
  quietHoursAndWhy,
  feedPerspectives,
  subscriptionChart,
  feedLeases,
  guildTopicChanges,
  quoteWords,
  outboxAtScale,
  quotePairs,
];

import { createPeopleFinder } from '../analysis/people/mentions.js';
import { StoryClusterer } from '../analysis/stories/index.js';
import type { AppConfig } from '../config/app-config.js';
import { enqueueAlertsForItem } from '../discord/delivery/enqueue-alerts.js';
import type { Logger } from '../logging.js';
import { DEFAULT_ALERT_PLANNING, type AlertPlanningInput } from '../pipeline/alert-planning.js';
import { createPendingProcessor, type PendingProcessor } from '../pipeline/process-pending.js';
import { terminalAlertLine } from '../pipeline/stages/alerts.js';
import { restoreStoryWindow, ScopedClusterers } from '../pipeline/stages/stories.js';
import type { Db } from '../store/database.js';
import type { Stores } from '../store/index.js';
import type { Topics } from './topics.js';

const STORY_WINDOW_HOURS = 48;
const HOUR = 3_600_000;

export interface ItemProcessorOptions {
  config: Readonly<AppConfig>;
  db: Db;
  stores: Stores;
  topics: Topics;
  principalIds: ReadonlySet<string>;
  /** With Discord, alerts go to the outbox for the channels that subscribed; headless, to `print`. */
  discordEnabled: boolean;
  maxAlertsPerHour: number;
  print: (line: string) => void;
  logger: Logger;
  now: () => number;
}

/** The item pipeline as the app runs it: stories go on from the last 48 hours, alerts go to Discord or the terminal. */
export function createItemProcessor(options: ItemProcessorOptions): PendingProcessor {
  const { config, db, stores, topics, discordEnabled, logger, now } = options;
  const peopleNamedIn = createPeopleFinder(config.people);
  const clusterers = new ScopedClusterers(() => new StoryClusterer({ windowHours: STORY_WINDOW_HOURS }));
  restoreStoryWindow({ clusterers, stories: stores.stories, items: stores.items, peopleNamedIn, since: now() - STORY_WINDOW_HOURS * HOUR });
  const planning = { ...DEFAULT_ALERT_PLANNING, maxAlertsPerHour: options.maxAlertsPerHour };
  const deliver = (alert: AlertPlanningInput): void => {
    if (discordEnabled) {
      enqueueAlertsForItem(
        { db, subscriptions: stores.subscriptions, outbox: stores.outbox, alerts: stores.alerts, quietHolds: stores.quietHolds, decisions: stores.alertDecisions, now, planning },
        alert,
      );
      return;
    }
    const line = terminalAlertLine(alert);
    if (line !== null) options.print(line);
  };
  // Headless, every topic match is an alert on the terminal; with Discord, only what a channel subscribed to.
  const isFollowed = ({ topicIds, personIds }: { topicIds: readonly string[]; personIds: readonly string[] }): boolean =>
    discordEnabled
      ? stores.subscriptions.listForTopics(topicIds).length > 0 || personIds.some((id) => stores.subscriptions.listForPerson(id).length > 0)
      : topicIds.length > 0;

  return createPendingProcessor({
    db,
    items: stores.items,
    pipeline: {
      feeds: stores.feeds,
      items: stores.items,
      itemTopics: stores.itemTopics,
      quotes: stores.quotes,
      stories: stores.stories,
      matcher: topics.matcher,
      topicName: topics.topicName,
      people: config.people,
      clusterers,
      peopleNamedIn,
      principalIds: options.principalIds,
      perspectives: config.perspectives,
      isFollowed,
      deliver,
    },
    now,
    onStageError: (error, stage, itemId) => logger.error({ err: error, stage, item_id: itemId }, 'item stage failed'),
  });
}

import { createPeopleFinder } from '../analysis/people/mentions.js';
import { StoryClusterer } from '../analysis/stories/index.js';
import type { AppConfig } from '../config/app-config.js';
import { enqueueAlertsForItem } from '../discord/delivery/enqueue-alerts.js';
import type { Logger } from '../logging.js';
import { DEFAULT_ALERT_PLANNING, type AlertPlanningInput } from '../pipeline/alert-planning.js';
import { createPendingProcessor, type PendingProcessor } from '../pipeline/process-pending.js';
import { terminalAlertLine } from '../pipeline/stages/alerts.js';
import { restoreStoryWindow, ScopedClusterers } from '../pipeline/stages/stories.js';
import type { Stores } from '../store/index.js';
import type { Topics } from './topics.js';

const STORY_WINDOW_HOURS = 48;
const HOUR = 3_600_000;

export interface ItemProcessorOptions {
  config: Readonly<AppConfig>;
  stores: Stores;
  topics: Topics;
  principalIds: ReadonlySet<string>;
  /** With Discord, alerts go to the outbox for the channels that subscribed; headless, to `print`. */
  discordEnabled: boolean;
  maxAlertsPerHour: number;
  print: (line: string) => void;
  logger: Logger;
  now: () => number;
  /** Asked before each batch, under the processing lock: whether this instance still leads analysis. */
  stillLeads: () => Promise<boolean>;
}

/**
 * The item pipeline as the app runs it: stories go on from the last 48 hours, alerts go to Discord or the terminal.
 * Built when this instance takes analysis over: the story window is read from the tables as the previous leader left
 * them, and every batch first brings the topics up to date with changes made on any instance.
 */
export async function createItemProcessor(options: ItemProcessorOptions): Promise<PendingProcessor> {
  const { config, stores, topics, discordEnabled, logger, now } = options;
  const peopleNamedIn = createPeopleFinder(config.people);
  const clusterers = new ScopedClusterers(() => new StoryClusterer({ windowHours: STORY_WINDOW_HOURS }));
  await stores.transaction(async (tx) => {
    // Under the processing lock: a batch another instance still runs (a leader handing over) ends before its stories are read.
    await tx.items.lockForProcessing();
    await restoreStoryWindow({ clusterers, stories: tx.stories, items: tx.items, peopleNamedIn, since: now() - STORY_WINDOW_HOURS * HOUR });
  });
  const planning = { ...DEFAULT_ALERT_PLANNING, maxAlertsPerHour: options.maxAlertsPerHour };
  // Each batch's transaction has stores of its own: everything an item's stages read or write goes through them.
  const deliverIn = (tx: Stores) => async (alert: AlertPlanningInput): Promise<void> => {
    if (discordEnabled) {
      await enqueueAlertsForItem({ stores: tx, now, planning }, alert);
      return;
    }
    const line = terminalAlertLine(alert);
    if (line !== null) options.print(line);
  };
  // Headless, every topic match is an alert on the terminal; with Discord, only what a channel subscribed to.
  const isFollowedIn = (tx: Stores) => async ({ topicIds, personIds }: { topicIds: readonly string[]; personIds: readonly string[] }): Promise<boolean> => {
    if (!discordEnabled) return topicIds.length > 0;
    return tx.subscriptions.anyFollows(topicIds, personIds);
  };

  return createPendingProcessor({
    stores,
    pipelineIn: (tx) => ({
      feeds: tx.feeds,
      items: tx.items,
      itemTopics: tx.itemTopics,
      quotes: tx.quotes,
      stories: tx.stories,
      matcher: topics.matcher,
      topicName: topics.topicName,
      people: config.people,
      clusterers,
      peopleNamedIn,
      principalIds: options.principalIds,
      perspectives: config.perspectives,
      isFollowed: isFollowedIn(tx),
      deliver: deliverIn(tx),
    }),
    now,
    onStageError: (error, stage, itemId) => logger.error({ err: error, stage, item_id: itemId }, 'item stage failed'),
    beforeBatch: async (tx) => {
      if (!(await options.stillLeads())) return false;
      await topics.syncWith(tx.guildTopics);
      return true;
    },
  });
}

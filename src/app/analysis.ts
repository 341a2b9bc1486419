import type { Logger } from '../logging.js';
import type { PendingProcessor } from '../pipeline/process-pending.js';
import type { Stores } from '../store/index.js';
import type { Leadership } from '../store/leadership.js';
import { campaign } from './campaign.js';
import type { Topics } from './topics.js';

/** How often, on a shared database, the leader looks for items other instances stored and every instance for topics changed elsewhere. */
export const LOOK_EVERY_MS = 2_000;

export interface AnalysisRoleOptions {
  leadership: Leadership;
  stores: Stores;
  topics: Topics;
  /** Builds the item processor from the tables as they are now; `stillLeads` is asked before each of its batches. */
  buildProcessor: (stillLeads: () => Promise<boolean>) => Promise<PendingProcessor>;
  /** How often to look at what other instances wrote (items, topics); null alone on the database (SQLite). */
  lookEveryMs: number | null;
  /** How often to try for the role (campaign.ts's default when absent). */
  campaignEveryMs?: number;
  /** Items went through the pipeline: their alerts wait in the outbox. */
  onProcessed: () => void;
  logger: Logger;
}

/** Analysis as one instance at a time plays it: items go through the pipeline in order, on the leader only. */
export interface AnalysisRole {
  /** Whether this instance runs analysis now. */
  leads(): boolean;
  /** Processes the pending items when this instance leads analysis (otherwise the leader does); resolves to how many. */
  processPending(): Promise<number>;
  /** Stops looking and processing (the batch in flight ends first) and gives the role up. */
  stop(): Promise<void>;
}

/**
 * Campaigns for the `analysis` role and runs the pipeline while this instance holds it; resolves once the first try
 * is over (alone on its database, this instance then leads and its processor is built). Each election builds the
 * processor afresh, since the previous leader moved the stories on meanwhile; a deposition lets the batch in flight
 * end and processes nothing more. Every batch holds the processing lock and confirms the role under it (process-pending.ts), so a leader that
 * lost its role without noticing yet cannot run a batch beside its successor.
 */
export async function startAnalysisRole(options: AnalysisRoleOptions): Promise<AnalysisRole> {
  const { leadership, stores, topics, logger } = options;
  let processor: PendingProcessor | null = null;
  let running: Promise<unknown> = Promise.resolve();
  let lookTimer: NodeJS.Timeout | null = null;
  let looking: Promise<void> = Promise.resolve();
  let stopped = false;

  // Confirming the role asks the database (PostgreSQL: the role's connection still holds its lock): one round trip a batch.
  const stillLeads = async (): Promise<boolean> => processor !== null && leadership.leads('analysis') && (await leadership.tryLead('analysis'));

  const processPending = (): Promise<number> => {
    if (processor === null) return Promise.resolve(0);
    const run = processor.processPendingInBatches().then((count) => {
      if (count > 0) options.onProcessed();
      return count;
    });
    // Runs of one processor queue behind each other: the latest ends after every earlier one.
    running = run.catch(() => undefined);
    return run;
  };

  const look = async (): Promise<void> => {
    await topics.syncWith(stores.guildTopics);
    if (processor !== null && (await stores.items.unprocessed(1)).length > 0) await processPending();
  };
  const scheduleLook = (everyMs: number): void => {
    lookTimer = setTimeout(() => {
      looking = look()
        .catch((error: unknown) => logger.error({ err: error }, 'looking for pending items failed'))
        .finally(() => {
          if (!stopped) scheduleLook(everyMs);
        });
    }, everyMs);
    lookTimer.unref();
  };

  const roleCampaign = await campaign(leadership, 'analysis', {
    everyMs: options.campaignEveryMs,
    onElected: async () => {
      processor = await options.buildProcessor(stillLeads);
    },
    onDeposed: async () => {
      processor = null;
      await running;
    },
    logger,
  });
  if (options.lookEveryMs !== null) scheduleLook(options.lookEveryMs);

  return {
    leads: () => processor !== null && leadership.leads('analysis'),
    processPending,
    async stop() {
      stopped = true;
      if (lookTimer) clearTimeout(lookTimer);
      await looking;
      await roleCampaign.stop();
      await running;
    },
  };
}

import type { Stores } from '../store/index.js';
import type { StoredItem } from '../store/items.js';
import { processItem, type ItemPipeline, type StageName, type StageRunner } from './process-item.js';

export interface PendingProcessor {
  /** Runs every stored-but-unprocessed item through `processItem`; resolves to how many were processed. */
  processPending(): Promise<number>;
  /**
   * The same, yielding to the event loop between batches so that a feed of thousands of new items does not hold
   * up Discord's heartbeats and interaction deadlines. Runs of either never overlap: a second waits for the first,
   * so two never process the same item.
   */
  processPendingInBatches(): Promise<number>;
}

const BATCH_SIZE = 50;

/**
 * Processes pending items 50 to a transaction, each item in a savepoint and each of its stages in one of its own: an
 * item is processed exactly once, a failing stage undoes only its own writes, and a crash mid-batch rolls the batch
 * back to be processed again (on restart, or by the instance that takes analysis over). `pipelineIn` gives the
 * pipeline over a transaction's stores.
 */
export function createPendingProcessor(options: {
  stores: Stores;
  pipelineIn: (tx: Stores) => ItemPipeline;
  now: () => number;
  onStageError: (error: unknown, stage: StageName, itemId: number) => void;
  /**
   * Asked at the start of every batch, inside its transaction and once it holds the processing lock: false ends the
   * run (this instance no longer leads analysis). Also the moment to bring what the pipeline reads up to date.
   */
  beforeBatch?: (tx: Stores) => Promise<boolean>;
}): PendingProcessor {
  const { stores, pipelineIn, now, onStageError, beforeBatch } = options;

  // One transaction per batch: each commit writes the full-text index a new segment, so committing per item cost more
  // than processing it. The lock comes first: another instance's batch (a leader handing over) ends before this one
  // reads which items are pending, and a batch its crash rolled back is pending again.
  const processBatch = (): Promise<number> =>
    stores.transaction(async (tx) => {
      await tx.items.lockForProcessing();
      if (beforeBatch && !(await beforeBatch(tx))) return 0;
      const pipeline = pipelineIn(tx);
      const inSavepoint: StageRunner = async <T>(stage: StageName, item: StoredItem, run: () => Promise<T>, ifFailed: T): Promise<T> => {
        try {
          return await tx.transaction(run);
        } catch (error) {
          // A stage that fails on one item must not block every later item: log it and go on.
          onStageError(error, stage, item.id);
          return ifFailed;
        }
      };
      const batch = await tx.items.unprocessed(BATCH_SIZE);
      for (const item of batch) {
        await tx.transaction(async () => {
          await processItem(item, pipeline, inSavepoint);
          await tx.items.markProcessed(item.id, now());
        });
      }
      return batch.length;
    });

  const processAll = async (yieldBetweenBatches: boolean): Promise<number> => {
    let processed = 0;
    for (let count = await processBatch(); count > 0; count = await processBatch()) {
      processed += count;
      if (yieldBetweenBatches) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return processed;
  };
  let previous: Promise<unknown> = Promise.resolve();
  const oneAtATime = (yieldBetweenBatches: boolean): Promise<number> => {
    const run = previous.then(() => processAll(yieldBetweenBatches));
    previous = run.catch(() => undefined);
    return run;
  };

  return {
    processPending: () => oneAtATime(false),
    processPendingInBatches: () => oneAtATime(true),
  };
}

import type { Db } from '../store/database.js';
import type { ItemStore, StoredItem } from '../store/items.js';
import { processItem, type ItemPipeline, type StageName, type StageRunner } from './process-item.js';

export interface PendingProcessor {
  /** Runs every stored-but-unprocessed item through `processItem`; returns how many were processed. */
  processPending(): number;
  /**
   * The same, a batch at a time, yielding to the event loop between batches so that a feed of thousands of new
   * items does not hold up Discord's heartbeats and interaction deadlines. Each batch is synchronous, so two of
   * these running at once never process the same item.
   */
  processPendingInBatches(): Promise<number>;
}

const BATCH_SIZE = 50;

/**
 * Processes pending items 50 to a transaction, each item in a savepoint and each of its stages in one of its own: an
 * item is processed exactly once, a failing stage undoes only its own writes, and a crash mid-batch rolls the batch
 * back to be processed again on restart.
 */
export function createPendingProcessor(options: {
  db: Db;
  items: ItemStore;
  pipeline: ItemPipeline;
  now: () => number;
  onStageError: (error: unknown, stage: StageName, itemId: number) => void;
}): PendingProcessor {
  const { db, items, pipeline, now, onStageError } = options;
  // Nested better-sqlite3 transactions are savepoints.
  const savepoint = db.transaction((run: () => unknown) => run());
  const inSavepoint: StageRunner = <T>(stage: StageName, item: StoredItem, run: () => T, ifFailed: T): T => {
    try {
      return savepoint(run) as T;
    } catch (error) {
      // A stage that fails on one item must not block every later item: log it and go on.
      onStageError(error, stage, item.id);
      return ifFailed;
    }
  };
  const processOne = db.transaction((item: StoredItem) => {
    processItem(item, pipeline, inSavepoint);
    items.markProcessed(item.id, now());
  });

  // One transaction per batch: each commit writes the full-text index a new segment, so committing per item cost more
  // than processing it.
  const processBatch = db.transaction((): number => {
    const batch = items.unprocessed(BATCH_SIZE);
    for (const item of batch) processOne(item);
    return batch.length;
  });

  return {
    processPending() {
      let processed = 0;
      for (let count = processBatch(); count > 0; count = processBatch()) processed += count;
      return processed;
    },
    async processPendingInBatches() {
      let processed = 0;
      for (let count = processBatch(); count > 0; count = processBatch()) {
        processed += count;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      return processed;
    },
  };
}

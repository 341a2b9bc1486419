import type { Db } from '../store/database.js';
import type { ItemStore, StoredItem } from '../store/items.js';
import type { ItemStage } from './item-stage.js';

export interface PendingProcessor {
  /** Runs every stored-but-unprocessed item through the stages; returns how many were processed. */
  processPending(): number;
  /**
   * The same, a batch at a time, yielding to the event loop between batches so that a feed of thousands of new
   * items does not hold up Discord's heartbeats and interaction deadlines. Each batch is synchronous, so two of
   * these running at once never process the same item.
   */
  processPendingInBatches(): Promise<number>;
}

const BATCH_SIZE = 50;

export function createPendingProcessor(options: {
  db: Db;
  items: ItemStore;
  stages: readonly ItemStage[];
  now: () => number;
  onStageError: (error: unknown, stage: string, itemId: number) => void;
}): PendingProcessor {
  const { db, items, stages, now, onStageError } = options;
  // Nested better-sqlite3 transactions are savepoints: a failing stage rolls back only its own writes.
  const runStage = db.transaction((stage: ItemStage, item: StoredItem) => stage.process(item));
  const processOne = db.transaction((item: StoredItem) => {
    for (const stage of stages) {
      try {
        runStage(stage, item);
      } catch (error) {
        // A stage that fails on one item must not block every later item: log it and go on.
        onStageError(error, stage.name, item.id);
      }
    }
    items.markProcessed(item.id, now());
  });

  // One transaction per batch: each commit writes the full-text index a new segment, so committing per item cost more
  // than processing it. A crash mid-batch rolls the whole batch back, and it is processed again on restart.
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

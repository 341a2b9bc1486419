import type { Db } from '../store/database.js';
import type { ItemStore, StoredItem } from '../store/items.js';
import type { ItemStage } from './item-stage.js';

export interface PendingProcessor {
  /** Runs every stored-but-unprocessed item through the stages; returns how many were processed. */
  processPending(): number;
}

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

  return {
    processPending() {
      let processed = 0;
      for (;;) {
        const batch = items.unprocessed(100);
        if (batch.length === 0) return processed;
        for (const item of batch) processOne(item);
        processed += batch.length;
      }
    },
  };
}

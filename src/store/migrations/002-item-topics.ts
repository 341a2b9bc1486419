import type { Migration } from './migration.js';

export const itemTopics: Migration = {
  version: 2,
  name: 'item topics',
  sql: `
    CREATE TABLE item_topics (
      item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
      topic_id TEXT NOT NULL,
      score REAL NOT NULL,
      explain_json TEXT NOT NULL,
      PRIMARY KEY (item_id, topic_id)
    );
    CREATE INDEX item_topics_by_topic ON item_topics (topic_id, item_id);
  `,
};

import type { Migration } from '../../migrations/migration.js';

/** As SQLite's 002; the matcher's explanation is jsonb (the store hands it back parsed). */
export const itemTopics: Migration = {
  version: 2,
  name: 'item topics',
  sql: `
    CREATE TABLE item_topics (
      item_id bigint NOT NULL REFERENCES items (id) ON DELETE CASCADE,
      topic_id text NOT NULL,
      score double precision NOT NULL,
      explain_json jsonb NOT NULL,
      PRIMARY KEY (item_id, topic_id)
    );
    CREATE INDEX item_topics_by_topic ON item_topics (topic_id, item_id);
  `,
};

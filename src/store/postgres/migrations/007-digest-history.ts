import type { Migration } from '../../migrations/migration.js';

/** As SQLite's 007. */
export const digestHistory: Migration = {
  version: 7,
  name: 'digest history',
  sql: `
    CREATE TABLE digest_stories (
      channel_id text NOT NULL,
      story_id text NOT NULL,
      sent_at bigint NOT NULL,
      PRIMARY KEY (channel_id, story_id)
    );
    CREATE INDEX digest_stories_by_time ON digest_stories (channel_id, sent_at);
  `,
};

import type { Migration } from './migration.js';

/** Which stories each channel's last digest showed, so the next one can mark them as developing rather than new. */
export const digestHistory: Migration = {
  version: 7,
  name: 'digest history',
  sql: `
    CREATE TABLE digest_stories (
      channel_id TEXT NOT NULL,
      story_id TEXT NOT NULL,
      sent_at INTEGER NOT NULL,
      PRIMARY KEY (channel_id, story_id)
    );
    CREATE INDEX digest_stories_by_time ON digest_stories (channel_id, sent_at);
  `,
};

import type { GuildTopicStore } from '../guild-topics.js';
import { topicDefinitionSchema, type TopicDefinition } from '../../analysis/topics/index.js';
import type { GuildTopic } from '../guild-topics.js';
import type { PgDatabase } from './connection.js';

const COLUMNS = `guild_id AS "guildId", slug, topic_id AS "topicId", definition_json AS definition, created_by AS "createdBy",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

/** Moves the change counter (one row, created by the first change) when `condition` holds. */
const countChangeIf = (condition: string): string =>
  `INSERT INTO guild_topic_changes (id, version) SELECT 1, 1 WHERE ${condition}
   ON CONFLICT (id) DO UPDATE SET version = guild_topic_changes.version + 1`;

/** The definition is jsonb: validated as it is read back; null when it no longer validates, as on SQLite. */
function toTopic(row: Omit<GuildTopic, 'definition'> & { definition: unknown }): GuildTopic {
  const parsed = topicDefinitionSchema.safeParse(row.definition);
  return { ...row, definition: parsed.success ? parsed.data : null };
}

/** GuildTopicStore on PostgreSQL. */
export class PgGuildTopicStore implements GuildTopicStore {
  constructor(private readonly db: PgDatabase) {}

  // Each write moves the change counter in the same statement (see SQLite's store), so no reader sees one without the other.
  async save(topic: { guildId: string; slug: string; definition: TopicDefinition; createdBy: string }, now: number): Promise<void> {
    await this.db.run(
      `WITH saved AS (
         INSERT INTO guild_topics (guild_id, slug, topic_id, definition_json, created_by, created_at, updated_at)
         VALUES (@guildId, @slug, @topicId, @definitionJson::jsonb, @createdBy, @now, @now)
         ON CONFLICT (guild_id, slug) DO UPDATE SET definition_json = excluded.definition_json, updated_at = excluded.updated_at
       )
       ${countChangeIf('true')}`,
      { ...topic, topicId: topic.definition.id, definitionJson: JSON.stringify(topic.definition), now },
    );
  }

  async remove(guildId: string, slug: string): Promise<boolean> {
    const removed = await this.db.value<number>(
      `WITH removed AS (DELETE FROM guild_topics WHERE guild_id = $1 AND slug = $2 RETURNING 1),
       counted AS (${countChangeIf('EXISTS (SELECT 1 FROM removed)')} RETURNING 1)
       SELECT COUNT(*)::int FROM removed`,
      [guildId, slug],
    );
    return removed === 1;
  }

  async version(): Promise<number> {
    return (await this.db.value<number>(`SELECT version FROM guild_topic_changes WHERE id = 1`)) ?? 0;
  }

  async get(guildId: string, slug: string): Promise<GuildTopic | null> {
    const row = await this.db.get<GuildTopic>(`SELECT ${COLUMNS} FROM guild_topics WHERE guild_id = $1 AND slug = $2`, [guildId, slug]);
    return row ? toTopic(row) : null;
  }

  async forGuild(guildId: string): Promise<GuildTopic[]> {
    return (await this.db.all<GuildTopic>(`SELECT ${COLUMNS} FROM guild_topics WHERE guild_id = $1 ORDER BY slug COLLATE "C"`, [guildId])).map(toTopic);
  }

  async all(): Promise<GuildTopic[]> {
    return (await this.db.all<GuildTopic>(`SELECT ${COLUMNS} FROM guild_topics ORDER BY guild_id COLLATE "C", slug COLLATE "C"`)).map(toTopic);
  }
}

import type { GuildTopicStore } from '../guild-topics.js';
import { topicDefinitionSchema, type TopicDefinition } from '../../analysis/topics/index.js';
import type { GuildTopic } from '../guild-topics.js';
import type { PgDatabase } from './connection.js';

const COLUMNS = `guild_id AS "guildId", slug, topic_id AS "topicId", definition_json AS definition, created_by AS "createdBy",
  created_at AS "createdAt", updated_at AS "updatedAt"`;

/** The definition is jsonb: validated as it is read back; null when it no longer validates, as on SQLite. */
function toTopic(row: Omit<GuildTopic, 'definition'> & { definition: unknown }): GuildTopic {
  const parsed = topicDefinitionSchema.safeParse(row.definition);
  return { ...row, definition: parsed.success ? parsed.data : null };
}

/** GuildTopicStore on PostgreSQL. */
export class PgGuildTopicStore implements GuildTopicStore {
  constructor(private readonly db: PgDatabase) {}

  async save(topic: { guildId: string; slug: string; definition: TopicDefinition; createdBy: string }, now: number): Promise<void> {
    await this.db.run(
      `INSERT INTO guild_topics (guild_id, slug, topic_id, definition_json, created_by, created_at, updated_at)
       VALUES (@guildId, @slug, @topicId, @definitionJson::jsonb, @createdBy, @now, @now)
       ON CONFLICT (guild_id, slug) DO UPDATE SET definition_json = excluded.definition_json, updated_at = excluded.updated_at`,
      { ...topic, topicId: topic.definition.id, definitionJson: JSON.stringify(topic.definition), now },
    );
  }

  async remove(guildId: string, slug: string): Promise<boolean> {
    return (await this.db.run(`DELETE FROM guild_topics WHERE guild_id = $1 AND slug = $2`, [guildId, slug])) === 1;
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

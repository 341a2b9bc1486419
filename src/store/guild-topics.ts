import type { Promised } from './promised.js';
import { topicDefinitionSchema, type TopicDefinition } from '../analysis/topics/index.js';
import type { Db } from './database.js';
import { statement } from './prepared.js';

/** A topic a guild defined with /topic create. */
export interface GuildTopic {
  guildId: string;
  /** The id the guild typed ("drones"). */
  slug: string;
  /** The id matcher, item_topics and subscriptions use: unique across guilds. */
  topicId: string;
  /** Null when the stored JSON no longer validates (the topic is then left out of matching). */
  definition: TopicDefinition | null;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
}

interface GuildTopicRow extends Omit<GuildTopic, 'definition'> {
  definitionJson: string;
}

const COLUMNS = `guild_id AS guildId, slug, topic_id AS topicId, definition_json AS definitionJson, created_by AS createdBy,
  created_at AS createdAt, updated_at AS updatedAt`;

function toTopic({ definitionJson, ...row }: GuildTopicRow): GuildTopic {
  let definition: TopicDefinition | null = null;
  try {
    const parsed = topicDefinitionSchema.safeParse(JSON.parse(definitionJson));
    if (parsed.success) definition = parsed.data;
  } catch {
    definition = null;
  }
  return { ...row, definition };
}

/** Guild-defined topics, one per (guild, slug). */
export class SqliteGuildTopicStore {
  constructor(private readonly db: Db) {}

  /** Adds or replaces a guild's topic; `definition.id` is the topic id. */
  save(topic: { guildId: string; slug: string; definition: TopicDefinition; createdBy: string }, now: number): void {
    this.db.transaction(() => {
      statement(this.db,
        `INSERT INTO guild_topics (guild_id, slug, topic_id, definition_json, created_by, created_at, updated_at)
         VALUES (@guildId, @slug, @topicId, @definitionJson, @createdBy, @now, @now)
         ON CONFLICT (guild_id, slug) DO UPDATE SET definition_json = excluded.definition_json, updated_at = excluded.updated_at`,
      ).run({ ...topic, topicId: topic.definition.id, definitionJson: JSON.stringify(topic.definition), now });
      this.countChange();
    })();
  }

  remove(guildId: string, slug: string): boolean {
    return this.db.transaction(() => {
      const removed = statement(this.db, `DELETE FROM guild_topics WHERE guild_id = ? AND slug = ?`).run(guildId, slug).changes === 1;
      if (removed) this.countChange();
      return removed;
    })();
  }

  /** A number every save and remove moves, from any instance: the guild topics changed when it did. */
  version(): number {
    return (statement(this.db, `SELECT version FROM guild_topic_changes WHERE id = 1`).pluck().get() as number | undefined) ?? 0;
  }

  get(guildId: string, slug: string): GuildTopic | null {
    const row = statement(this.db, `SELECT ${COLUMNS} FROM guild_topics WHERE guild_id = ? AND slug = ?`).get(guildId, slug) as GuildTopicRow | undefined;
    return row ? toTopic(row) : null;
  }

  forGuild(guildId: string): GuildTopic[] {
    return (statement(this.db, `SELECT ${COLUMNS} FROM guild_topics WHERE guild_id = ? ORDER BY slug`).all(guildId) as GuildTopicRow[]).map(toTopic);
  }

  all(): GuildTopic[] {
    return (statement(this.db, `SELECT ${COLUMNS} FROM guild_topics ORDER BY guild_id, slug`).all() as GuildTopicRow[]).map(toTopic);
  }

  private countChange(): void {
    statement(this.db, `INSERT INTO guild_topic_changes (id, version) VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET version = version + 1`).run();
  }
}

/** The guild topic store as both backends offer it (see promised.ts). */
export type GuildTopicStore = Promised<SqliteGuildTopicStore>;

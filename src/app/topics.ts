import { compileTopics, formatTopicErrors, type TopicDefinition, type TopicMatcher } from '../analysis/topics/index.js';
import type { AppConfig } from '../config/app-config.js';
import { ConfigError } from '../config/load-json.js';
import { createTopicCatalogue, everyTopic, type TopicCatalogue } from '../discord/topic-catalogue.js';
import type { Logger } from '../logging.js';
import type { GuildTopicStore } from '../store/guild-topics.js';

/** Every topic, shipped and each guild's: the catalogue commands read, and the matcher the pipeline uses. */
export interface Topics {
  catalogue: TopicCatalogue;
  /** The matcher over every topic of the moment, compiled once per change of the set. */
  matcher(): TopicMatcher;
  /** A topic's name by its id; the id itself for a topic no longer known. */
  topicName(topicId: string): string;
  /**
   * Recompiles when the guild topics changed since they were last read, on this instance or another one sharing the
   * database (their change counter moved). Reads through `store`: inside a transaction, the transaction's.
   */
  syncWith(store: GuildTopicStore): Promise<void>;
}

export async function createTopics(config: Readonly<AppConfig>, store: GuildTopicStore, now: () => number, logger: Pick<Logger, 'error'>): Promise<Topics> {
  let matcher = config.shippedMatcher;
  let names = namesOf(config.topics);
  let loadedVersion: number | null = null;
  const syncWith = async (from: GuildTopicStore): Promise<void> => {
    // The counter is read before the topics: a change landing in between is read again at the next sync.
    const version = await from.version();
    if (loadedVersion !== null && version <= loadedVersion) return;
    const all = await everyTopic(config.topics, from);
    // Syncs may overlap (a command's and a batch's): an older read never replaces a newer one.
    if (loadedVersion !== null && version <= loadedVersion) return;
    // Loading the config compiled the shipped topics; compile again only when guilds have (or had) topics of their own.
    if (loadedVersion !== null || all.length > config.topics.length) {
      matcher = compileSkippingBroken(all, config, (topicIds, problems) =>
        logger.error({ topic_ids: topicIds, problems }, 'guild topics left out of matching: they do not compile here'),
      );
      names = namesOf(all);
    }
    loadedVersion = version;
  };
  const catalogue = createTopicCatalogue({ shipped: config.topics, people: config.people, store, now, onChange: () => syncWith(store) });
  await syncWith(store);
  return { catalogue, matcher: () => matcher, topicName: (topicId) => names.get(topicId) ?? topicId, syncWith };
}

/**
 * Compiles every topic. A guild topic this instance cannot compile (one naming a person only another instance's
 * people.json knows, during an upgrade) is left out and reported, so that it holds up no other topic; a shipped
 * topic that does not compile is a configuration error.
 */
function compileSkippingBroken(all: readonly TopicDefinition[], config: Readonly<AppConfig>, report: (topicIds: string[], problems: string) => void): TopicMatcher {
  const compiled = compileTopics(all, config.people);
  if (compiled.ok) return compiled.matcher;
  const broken = new Set(compiled.errors.map((error) => error.path[1]).filter((index) => typeof index === 'number' && index >= config.topics.length));
  if (broken.size === 0) return compileOrThrow(all, config);
  report(all.filter((_, index) => broken.has(index)).map((topic) => topic.id), formatTopicErrors(compiled.errors, 'guild_topics'));
  return compileOrThrow(all.filter((_, index) => !broken.has(index)), config);
}

function compileOrThrow(topics: readonly TopicDefinition[], config: Readonly<AppConfig>): TopicMatcher {
  const compiled = compileTopics(topics, config.people);
  if (!compiled.ok) throw new ConfigError(formatTopicErrors(compiled.errors, `${config.dir}/topics.json`).split('\n'));
  return compiled.matcher;
}

function namesOf(topics: readonly TopicDefinition[]): Map<string, string> {
  return new Map(topics.map((topic) => [topic.id, topic.name]));
}

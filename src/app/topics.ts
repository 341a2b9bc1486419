import { compileTopics, formatTopicErrors, type TopicDefinition, type TopicMatcher } from '../analysis/topics/index.js';
import type { AppConfig } from '../config/app-config.js';
import { ConfigError } from '../config/load-json.js';
import { createTopicCatalogue, type TopicCatalogue } from '../discord/topic-catalogue.js';
import type { GuildTopicStore } from '../store/guild-topics.js';

/** Every topic, shipped and each guild's: the catalogue commands read, and the matcher the pipeline uses. */
export interface Topics {
  catalogue: TopicCatalogue;
  /** The matcher over every topic of the moment, compiled once per change of the set. */
  matcher(): TopicMatcher;
  /** A topic's name by its id; the id itself for a topic no longer known. */
  topicName(topicId: string): string;
}

export async function createTopics(config: Readonly<AppConfig>, store: GuildTopicStore, now: () => number): Promise<Topics> {
  let matcher = config.shippedMatcher;
  let names = namesOf(config.topics);
  const use = (all: readonly TopicDefinition[]): void => {
    matcher = compileOrThrow(all, config);
    names = namesOf(all);
  };
  const catalogue = createTopicCatalogue({ shipped: config.topics, people: config.people, store, now, onChange: use });
  // Loading the config compiled the shipped topics; compile again only when guilds have topics of their own.
  const all = await catalogue.all();
  if (all.length > config.topics.length) use(all);
  return { catalogue, matcher: () => matcher, topicName: (topicId) => names.get(topicId) ?? topicId };
}

function compileOrThrow(topics: readonly TopicDefinition[], config: Readonly<AppConfig>): TopicMatcher {
  const compiled = compileTopics(topics, config.people);
  if (!compiled.ok) throw new ConfigError(formatTopicErrors(compiled.errors, `${config.dir}/topics.json`).split('\n'));
  return compiled.matcher;
}

function namesOf(topics: readonly TopicDefinition[]): Map<string, string> {
  return new Map(topics.map((topic) => [topic.id, topic.name]));
}

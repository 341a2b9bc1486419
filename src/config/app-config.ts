import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { peopleFileSchema, type Person } from '../analysis/people/schema.js';
import { topicsFromJson, type TopicDefinition, type TopicMatcher } from '../analysis/topics/index.js';
import { feedsFileSchema, type FeedsFile } from './feeds.js';
import { ConfigError, loadJsonFile } from './load-json.js';
import { checkFeedPerspectives, loadPerspectives } from './perspectives.js';
import type { Perspective } from '../analysis/sides/types.js';

/** Everything read from the config folder, validated once and frozen. */
export interface AppConfig {
  dir: string;
  feeds: FeedsFile;
  people: readonly Person[];
  /** config/perspectives.json: the sides outlets are labelled with, in display order. */
  perspectives: readonly Perspective[];
  /** The shipped topics (config/topics.json), validated and known to compile against `people`. */
  topics: readonly TopicDefinition[];
  /** The shipped topics compiled: loading compiles them to check them, and the app matches with them until a guild adds its own. */
  shippedMatcher: TopicMatcher;
}

/** Reads feeds.json, perspectives.json, people.json and topics.json; every mistake names its file and JSON path. */
export function loadAppConfig(dir: string): Readonly<AppConfig> {
  const feedsFile = join(dir, 'feeds.json');
  const feeds = loadJsonFile(feedsFile, feedsFileSchema);
  const perspectives = loadPerspectives(dir);
  checkFeedPerspectives(feedsFile, feeds.feeds, perspectives);
  const people = loadPeople(dir);
  const { topics, matcher } = loadCompiledTopics(dir, people);
  return Object.freeze({ dir, feeds, perspectives, people, topics, shippedMatcher: matcher });
}

export function loadPeople(dir: string): readonly Person[] {
  return Object.freeze(loadJsonFile(join(dir, 'people.json'), peopleFileSchema).people);
}

export function loadTopics(dir: string, people: readonly Person[]): readonly TopicDefinition[] {
  return loadCompiledTopics(dir, people).topics;
}

function loadCompiledTopics(dir: string, people: readonly Person[]): { topics: readonly TopicDefinition[]; matcher: TopicMatcher } {
  const file = join(dir, 'topics.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError([`${file}: cannot read it: ${(error as Error).message}. Set WIREWATCH_CONFIG to the folder that holds it.`]);
  }
  const loaded = topicsFromJson(text, file, people);
  if (!loaded.ok) throw new ConfigError(loaded.message.split('\n'));
  return { topics: Object.freeze(loaded.topics), matcher: loaded.matcher };
}

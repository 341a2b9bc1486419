import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { topicsFileSchema, type TopicDefinition } from '../../src/analysis/topics/index.js';
import { feedsFileSchema, type PollingSettings } from '../../src/config/feeds.js';
import { projectFile } from './project.js';

export interface AppDir {
  /** WIREWATCH_CONFIG: the shipped config files, with feeds.json listing the benchmark's feeds instead. */
  configDir: string;
  /** WIREWATCH_DB. */
  dbPath: string;
  remove(): void;
}

const PROJECT_CONFIG = join(process.cwd(), 'config');

/**
 * A throwaway config folder and database path for createApp: the shipped config files and polling settings, our
 * feeds, and `extraTopics` added to the shipped topics.
 */
export function createAppDir(feeds: readonly { url: string; outlet: string }[], extraTopics: readonly TopicDefinition[] = []): AppDir {
  const root = mkdtempSync(join(tmpdir(), 'wirewatch-bench-'));
  const configDir = join(root, 'config');
  mkdirSync(configDir);
  for (const name of readdirSync(PROJECT_CONFIG)) {
    if (name.endsWith('.json') && name !== 'feeds.json') copyFileSync(join(PROJECT_CONFIG, name), join(configDir, name));
  }
  writeFileSync(join(configDir, 'feeds.json'), JSON.stringify({ polling: shippedPolling(), feeds }));
  if (extraTopics.length > 0) {
    const shipped = topicsFileSchema.parse(JSON.parse(projectFile('config/topics.json'))).topics;
    writeFileSync(join(configDir, 'topics.json'), JSON.stringify({ topics: [...shipped, ...extraTopics] }));
  }
  return { configDir, dbPath: join(root, 'wirewatch.db'), remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** The polling settings createAppDir writes (the shipped ones). */
export function shippedPolling(): PollingSettings {
  return feedsFileSchema.parse(JSON.parse(projectFile('config/feeds.json'))).polling;
}

import { join } from 'node:path';
import { feedsFileSchema, type FeedsFile } from './feeds.js';
import { loadJsonFile } from './load-json.js';

/** Everything read from the config folder, validated once and frozen. */
export interface AppConfig {
  dir: string;
  feeds: FeedsFile;
}

export function loadAppConfig(dir: string): Readonly<AppConfig> {
  const feeds = loadJsonFile(join(dir, 'feeds.json'), feedsFileSchema);
  return Object.freeze({ dir, feeds });
}

import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { loadJsonFile } from '../src/config/load-json.js';

/** A sample news article as the demo's outlets publish it: the full text, one paragraph per entry. */
const sampleArticleSchema = z.object({
  outlet: z.string().min(1),
  title: z.string().min(1),
  published: z.string().datetime({ offset: true }),
  body: z.array(z.string().min(1)).min(1),
});
export type SampleArticle = z.infer<typeof sampleArticleSchema>;

const ARTICLES_DIR = fileURLToPath(new URL('./articles/', import.meta.url));
const OLDER_ITEMS_FILE = fileURLToPath(new URL('./older-items.json', import.meta.url));

/** demo/articles/*.json keyed by file name without ".json" (01-white-house-meeting, …), in name order. */
export function loadSampleArticles(): Map<string, SampleArticle> {
  const names = readdirSync(ARTICLES_DIR).filter((name) => name.endsWith('.json')).sort();
  return new Map(names.map((name) => [name.replace(/\.json$/u, ''), loadJsonFile(`${ARTICLES_DIR}${name}`, sampleArticleSchema)]));
}

/** demo/older-items.json: one older item per outlet, already in each feed when the bot first polls it. */
export function loadOlderItems(): SampleArticle[] {
  return loadJsonFile(OLDER_ITEMS_FILE, z.array(sampleArticleSchema));
}

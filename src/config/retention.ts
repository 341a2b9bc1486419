import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { loadJsonFile } from './load-json.js';

/** Stories are clustered over a 48-hour window: nothing younger may be pruned. */
const MIN_DAYS = 2;

const days = (what: string) =>
  z
    .number({ invalid_type_error: `give the days ${what} are kept as a number, e.g. 180` })
    .int(`give a whole number of days, e.g. 180`)
    .min(MIN_DAYS, `keep ${what} at least ${MIN_DAYS} days (the story window); e.g. 180`)
    .max(36_500, 'at most 36,500 days (100 years); e.g. 180');

/**
 * config/retention.json (optional): how long the database keeps what it derives from feeds. Every key is optional.
 *
 *   {"keepDays": {"items": 180, "matches": 90, "stories": 180}, "quotesOutliveItems": true}
 */
export const retentionFileSchema = z
  .object({
    keepDays: z
      .object({
        /** Stored articles (title, link, text), counted from when they were fetched. */
        items: days('items').default(180),
        /** Topic matches and their explanations, counted from their item's fetch. */
        matches: days('matches').default(180),
        /** Stories, counted from their latest report. */
        stories: days('stories').default(180),
      })
      .strict()
      .default({}),
    /** Quotes stay searchable (/whosaid) after their items go: the item is kept as a stub (title, link, outlet) without its text. */
    quotesOutliveItems: z.boolean({ invalid_type_error: 'quotesOutliveItems is true or false' }).default(true),
  })
  .strict()
  .superRefine((file, context) => {
    if (file.keepDays.matches > file.keepDays.items) {
      context.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['keepDays', 'matches'],
        message: `matches go with their items: keep them at most as long as items (${file.keepDays.items} days); lower it or raise keepDays.items`,
      });
    }
  });

export type RetentionPolicy = z.output<typeof retentionFileSchema>;

/** The retention policy from config/retention.json, or the defaults when there is no such file. */
export function loadRetention(dir: string): RetentionPolicy {
  const file = join(dir, 'retention.json');
  return existsSync(file) ? loadJsonFile(file, retentionFileSchema) : retentionFileSchema.parse({});
}

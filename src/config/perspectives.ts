import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_PERSPECTIVE, OTHER_PERSPECTIVE, type Perspective } from '../analysis/sides/types.js';
import type { FeedsFile } from './feeds.js';
import { ConfigError, loadJsonFile } from './load-json.js';

const perspectiveSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{0,31}$/, 'write the id in lower case letters, digits and hyphens, e.g. "russian-state"'),
    label: z.string().trim().min(1, 'give the side a name, e.g. "Russian state media"').max(40, 'keep the label to 40 characters'),
    emoji: z.string().trim().min(1, 'give the side an emoji, e.g. "🇺🇦"').max(16, 'one emoji (a flag or a symbol), e.g. "🇺🇦"'),
    tag: z.string().trim().min(1).max(16, 'keep the tag to one short word, e.g. "state"').optional(),
  })
  .strict();

/**
 * config/perspectives.json: the sides outlets are labelled with, in the order they are listed.
 *
 *   {"perspectives": [{"id": "russian-state", "label": "Russian state media", "emoji": "🇷🇺", "tag": "state"}, …]}
 */
export const perspectivesFileSchema = z
  .object({ perspectives: z.array(perspectiveSchema).min(1, `list at least the "${DEFAULT_PERSPECTIVE}" perspective`) })
  .strict()
  .superRefine((file, context) => {
    const seen = new Set<string>();
    file.perspectives.forEach((perspective, index) => {
      if (seen.has(perspective.id)) context.addIssue({ code: 'custom', path: ['perspectives', index, 'id'], message: `"${perspective.id}" is listed twice; remove one` });
      seen.add(perspective.id);
    });
    if (!seen.has(DEFAULT_PERSPECTIVE)) {
      context.addIssue({
        code: 'custom',
        path: ['perspectives'],
        message: `add a perspective with id "${DEFAULT_PERSPECTIVE}": outlets without a side of their own have it`,
      });
    }
  });

/** Without a perspectives.json every outlet is "other". */
const ONLY_OTHER: readonly Perspective[] = Object.freeze([OTHER_PERSPECTIVE]);

/** The perspectives from config/perspectives.json, or only "other" when there is no such file. */
export function loadPerspectives(dir: string): readonly Perspective[] {
  const file = join(dir, 'perspectives.json');
  if (!existsSync(file)) return ONLY_OTHER;
  return Object.freeze(loadJsonFile(file, perspectivesFileSchema).perspectives.map((perspective) => Object.freeze(perspective)));
}

/** Every feed's perspective must be one perspectives.json lists; the error names feeds.json, the path and the ids. */
export function checkFeedPerspectives(feedsFile: string, feeds: FeedsFile['feeds'], perspectives: readonly Perspective[]): void {
  const known = new Set(perspectives.map((perspective) => perspective.id));
  const problems = feeds.flatMap((feed, index) =>
    known.has(feed.perspective)
      ? []
      : [`${feedsFile}: feeds[${index}].perspective: "${feed.perspective}" is not a perspective; use one of ${[...known].join(', ')} (config/perspectives.json lists them)`],
  );
  if (problems.length > 0) throw new ConfigError(problems);
}

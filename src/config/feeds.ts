import { z } from 'zod';
import { DEFAULT_PERSPECTIVE } from '../analysis/sides/types.js';
import { countryCodeSchema } from './country.js';

const MINIMUM_INTERVAL_MINUTES = 2;

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

const feedSchema = z
  .object({
    url: z.string().refine(isHttpUrl, 'give the full feed URL, starting with https:// (only http and https feeds can be polled)'),
    outlet: z.string().min(1, 'name the outlet, e.g. "Kyiv Independent"'),
    fullText: z.boolean().default(false),
    intervalMinutes: z
      .number()
      .min(MINIMUM_INTERVAL_MINUTES, `poll at most every ${MINIMUM_INTERVAL_MINUTES} minutes: publishers block faster pollers`)
      .optional(),
    /** Where the outlet is based (ISO 3166 alpha-2, e.g. "UA"); see docs/perspectives.md. */
    country: countryCodeSchema.optional(),
    /** The outlet's side, one of config/perspectives.json's ids (checked when the config is loaded). */
    perspective: z.string().min(1, `name the outlet's perspective, e.g. "${DEFAULT_PERSPECTIVE}"`).default(DEFAULT_PERSPECTIVE),
  })
  .strict();

export const feedsFileSchema = z
  .object({
    polling: z
      .object({
        defaultIntervalMinutes: z.number().min(MINIMUM_INTERVAL_MINUTES).default(5),
        maxConcurrentFetches: z.number().int().min(1).max(64).default(8),
        maxConcurrentPerHost: z.number().int().min(1).max(8).default(2),
        disableAfterFailures: z.number().int().min(1).max(1000).default(10),
        timeoutSeconds: z.number().min(1).max(300).default(30),
        maxFeedBytes: z.number().int().min(1024).default(10 * 1024 * 1024),
        contactUrl: z.string().url('give a URL where publishers can reach the operator of this bot'),
      })
      .strict(),
    feeds: z.array(feedSchema).superRefine((feeds, context) => {
      const seen = new Set<string>();
      feeds.forEach((feed, index) => {
        if (seen.has(feed.url)) context.addIssue({ code: 'custom', path: [index, 'url'], message: 'this URL is listed twice; remove one' });
        seen.add(feed.url);
      });
    }),
  })
  .strict();

export type FeedsFile = z.output<typeof feedsFileSchema>;
export type ConfiguredFeed = FeedsFile['feeds'][number];
export type PollingSettings = FeedsFile['polling'];

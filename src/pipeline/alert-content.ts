/**
 * What an alert shows, as alert planning decides it: plain data that delivery renders for Discord and the alert
 * store keeps (as JSON) so that a later outlet's edit can re-render the story alert with more sources.
 */
import { z } from 'zod';
import { ALERT_STYLES } from '../store/subscriptions.js';

/** Everything a story alert shows; stored with the alert so a later edit can re-render it with more outlets. */
export const storyAlertContentSchema = z.object({
  storyId: z.string().min(1),
  headline: z.string(),
  link: z.string().nullable(),
  outlet: z.string(),
  /** The outlet's side as coverage lines show it ("🇷🇺 state"); absent in alerts stored before outlets had sides. */
  side: z.string().optional(),
  /** ISO 8601: when the item was published (or fetched, when the feed gives no date). */
  time: z.string(),
  summary: z.string(),
  keyQuote: z.object({ quote: z.string(), speaker: z.string().nullable(), speakerLabel: z.string().nullable() }).nullable(),
  topics: z.array(z.object({ topicId: z.string(), topicName: z.string(), explainSummary: z.string() })),
  alsoReportedBy: z.array(z.object({ outlet: z.string(), link: z.string().nullable(), side: z.string().optional() })),
  /** The article's image (an https URL on a public host), shown as the thumbnail. Absent in alerts stored before. */
  image: z.string().nullable().optional(),
  /** Absent in alerts stored before styles: full. A compact alert is one line and is not edited for later outlets. */
  style: z.enum(ALERT_STYLES).optional(),
});
export type StoryAlertContent = z.infer<typeof storyAlertContentSchema>;

/** A story alert's content read back from the store; null when it no longer validates (it cannot be re-rendered). */
export function readStoryAlertContent(json: string): StoryAlertContent | null {
  try {
    const parsed = storyAlertContentSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A tracked person newly quoted. */
export interface QuoteAlertContent {
  personId: string;
  personName: string;
  quote: string;
  /** How the article names the speaker when it differs from the canonical name ("the Ukrainian president"). */
  speakerLabel: string | null;
  headline: string;
  link: string | null;
  outlet: string;
  time: string;
}

/** A follow-up to a story alert: what is new, and the report that brought it. */
export interface DevelopmentAlertContent {
  storyId: string;
  /** One line saying what is new ("The count rises to 18 (earlier reports: 14)"). */
  development: string;
  headline: string;
  link: string | null;
  outlet: string;
  time: string;
}

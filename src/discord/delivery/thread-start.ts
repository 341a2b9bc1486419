import { z } from 'zod';

/** Discord's longest thread (and forum post) name, and the most tags a forum post may carry. */
export const THREAD_NAME_LIMIT = 100;
export const APPLIED_TAGS_LIMIT = 5;

/** What an outbox row that starts a thread keeps (its `threadStart`): the name, and in a forum the topics to tag. */
export const threadStartSchema = z
  .object({
    name: z.string().min(1).max(THREAD_NAME_LIMIT),
    /** True: a forum post (the message is its first message); false: a thread started on the posted message. */
    forum: z.boolean(),
    /** Names and ids of the topics the alert matched; the forum's tags that match one are applied. */
    topics: z.array(z.string()),
  })
  .strict();
export type ThreadStart = z.infer<typeof threadStartSchema>;

/** A headline as a thread name: one line, at most 100 characters (cut at a word with "…"), never empty. */
export function threadName(headline: string): string {
  const line = headline.replace(/\s+/gu, ' ').trim();
  if (line.length === 0) return 'wirewatch alert';
  if (line.length <= THREAD_NAME_LIMIT) return line;
  const cut = line.slice(0, THREAD_NAME_LIMIT - 1);
  const atWord = cut.replace(/\s+\S*$/u, '');
  return `${atWord.length >= THREAD_NAME_LIMIT / 2 ? atWord : cut}…`;
}

/** "Peace-talks", "peace talks" and "PeaceTalks" are one tag name: case, spaces, hyphens and underscores ignored. */
function tagKey(name: string): string {
  return name.toLowerCase().replace(/[\s_-]+/gu, '');
}

/** The ids of the forum's tags whose name matches one of the topics (name or id), at most five, in the forum's order. */
export function matchingTags(available: readonly { id: string; name: string }[], topics: readonly string[]): string[] {
  const wanted = new Set(topics.map(tagKey));
  return available.filter((tag) => wanted.has(tagKey(tag.name))).slice(0, APPLIED_TAGS_LIMIT).map((tag) => tag.id);
}

/** A stored thread start read back; null when it no longer validates. */
export function readThreadStart(json: string): ThreadStart | null {
  try {
    const parsed = threadStartSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

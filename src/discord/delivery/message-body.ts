import { z } from 'zod';

/** Discord's documented embed limits (characters, as UTF-16 code units like Discord counts them). */
export const EMBED_LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  /** Sum of title, description, field names and values, footer text and author name across a message's embeds. */
  total: 6000,
} as const;

/**
 * What a held alert's outbox row and story record keep instead of a message: nothing reads it. A held row is never
 * sent (the digest or the quiet-hours summary carries its story, from their own tables), a held story is never
 * edited (later reports are skipped as "held-story"), and /why reads the row's status only.
 */
export const HELD_ALERT = null;

export const MESSAGE_CONTENT_LIMIT = 2000;
export const MESSAGE_EMBEDS_LIMIT = 10;
export const MESSAGE_FILES_LIMIT = 10;
/** A file's bytes as base64, at most this many characters (about 1.5 MB; a chart is about 60 KB). */
const FILE_BASE64_LIMIT = 2_000_000;

const embedSchema = z
  .object({
    title: z.string().max(EMBED_LIMITS.title).optional(),
    description: z.string().max(EMBED_LIMITS.description).optional(),
    url: z.string().url().optional(),
    color: z.number().int().min(0).max(0xffffff).optional(),
    timestamp: z.string().datetime({ offset: true }).optional(),
    author: z.object({ name: z.string().min(1).max(EMBED_LIMITS.authorName), url: z.string().url().optional() }).strict().optional(),
    footer: z.object({ text: z.string().min(1).max(EMBED_LIMITS.footer) }).strict().optional(),
    thumbnail: z.object({ url: z.string().url().startsWith('https://') }).strict().optional(),
    fields: z
      .array(
        z
          .object({
            name: z.string().min(1).max(EMBED_LIMITS.fieldName),
            value: z.string().min(1).max(EMBED_LIMITS.fieldValue),
            inline: z.boolean().optional(),
          })
          .strict(),
      )
      .max(EMBED_LIMITS.fields)
      .optional(),
  })
  .strict();

/** Discord's message flag that keeps links in the content from unfurling (a compact alert stays one line). */
export const SUPPRESS_EMBEDS_FLAG = 1 << 2;
const ROLE_MENTION = /<@&(\d+)>/gu;

/**
 * A file sent with a message (a digest's chart), its bytes as base64 so that the outbox's JSON payload holds it
 * whole and a retry sends the same picture; `description` is its alt text.
 */
const fileSchema = z
  .object({
    name: z.string().regex(/^[\w-]{1,80}\.png$/, 'a file name is letters, digits, - and _ ending in .png'),
    description: z.string().min(1).max(1024),
    contentType: z.literal('image/png'),
    dataBase64: z.string().max(FILE_BASE64_LIMIT).regex(/^[A-Za-z0-9+/]*={0,2}$/, 'file data is base64'),
  })
  .strict();

export type MessageFile = z.infer<typeof fileSchema>;

/**
 * What wirewatch posts: embeds (and sometimes a short text or a chart), pinging nobody but the roles a subscription
 * opted in to: `allowed_mentions` parses nothing and lists those roles by id, and the content mentions no other role.
 * This is also the schema the outbox validates stored payloads against when it reads them back.
 */
export const messageBodySchema = z
  .object({
    content: z.string().max(MESSAGE_CONTENT_LIMIT).optional(),
    embeds: z.array(embedSchema).max(MESSAGE_EMBEDS_LIMIT),
    files: z.array(fileSchema).max(MESSAGE_FILES_LIMIT).optional(),
    allowed_mentions: z
      .object({ parse: z.array(z.never()).length(0), roles: z.array(z.string().regex(/^\d{17,20}$/u)).max(100).optional() })
      .strict(),
    flags: z.literal(SUPPRESS_EMBEDS_FLAG).optional(),
  })
  .strict()
  .refine((body) => embedsLength(body.embeds) <= EMBED_LIMITS.total, {
    message: `the embeds together exceed Discord's ${EMBED_LIMITS.total}-character limit`,
  })
  .refine((body) => [...(body.content ?? '').matchAll(ROLE_MENTION)].every((match) => body.allowed_mentions.roles?.includes(match[1] ?? '')), {
    message: 'the content mentions a role that allowed_mentions does not list',
  });

export type MessageEmbed = z.infer<typeof embedSchema>;
export type MessageBody = z.infer<typeof messageBodySchema>;

/** The characters Discord counts towards the 6,000 total of a message's embeds. */
export function embedsLength(embeds: readonly MessageEmbed[]): number {
  let total = 0;
  for (const embed of embeds) {
    total += (embed.title?.length ?? 0) + (embed.description?.length ?? 0) + (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
    for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  }
  return total;
}

/** An outbox row's payload read back: a row whose JSON no longer parses or validates is reported, not thrown. */
export type StoredPayload = { ok: true; body: MessageBody } | { ok: false; error: string };

export function readStoredPayload(json: string): StoredPayload {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch (error) {
    return { ok: false, error: `stored payload is not JSON: ${(error as Error).message}` };
  }
  const parsed = messageBodySchema.safeParse(raw);
  if (parsed.success) return { ok: true, body: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, error: `stored payload is not a valid message at ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}` };
}

import { z } from 'zod';

/**
 * The topic rule language, as moderators write it in config/topics.json or through the slash command.
 * Everything is plain words: there are no regular expressions anywhere (no ReDoS, nothing to escape).
 *
 * A term is a phrase matched on whole words, ignoring case, accents, apostrophe style and hyphen/space/closed-up
 * variants ("cease-fire" also finds "cease fire" and "ceasefire"); `{"phrase": "Trump", "caseSensitive": true}`
 * keeps case; `{"person": "volodymyr-zelensky"}` is the person's name and aliases (case kept) and titles.
 *
 * Scoring: each anyOf/allOf group scores `weight × field weight` once, at the best field where one of its terms
 * occurs (title 3, lede 2, body 1 unless fieldWeights says otherwise); each near rule likewise when a term of
 * `terms` is at most `within` words from a term of `near` in the same field. The topic matches when the sum
 * reaches `threshold`, every allOf group and required near rule occurred, a context term (if any) occurred,
 * and no exclude term occurred. Occurrences inside an ignore phrase don't count at all.
 *
 * A group or near rule can be narrowed: `"in": ["title"]` counts it only in those fields (a headline that says it
 * outright, not a lede that mentions it in passing); `"from"`/`"until"` (dates, both days included, UTC) count it
 * only for items published in that window, and never for items without a date (follow-ups of one event).
 *
 *   {"id": "crimea", "name": "Crimea", "description": "The status of Crimea", "threshold": 3,
 *    "rules": {"allOf": [{"terms": ["Crimea", "Crimean"], "weight": 1.5}],
 *              "anyOf": [{"terms": ["annex*", "recognition"], "weight": 1.5}],
 *              "context": ["Russia*", "Ukrain*"], "ignore": ["Crimean-Congo"]}}
 */

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const MAX_PROXIMITY = 50;
export const MAX_TERMS_PER_LIST = 200;

const phraseText = z
  .string({ invalid_type_error: 'a phrase is text in quotes, e.g. "security guarantees"' })
  .min(1, 'a phrase cannot be empty: write one or more words, e.g. "peace deal"')
  .max(120, 'a phrase is at most 120 characters: split long phrases into shorter ones');

/**
 * A term: a phrase (case-insensitive), a phrase with options, or a person from config/people.json.
 * In a phrase, a word ending in * matches any ending ("guarantee*" → guarantee, guarantees, guaranteed).
 */
export const termSchema = z.union(
  [
    phraseText,
    z
      .object({
        phrase: phraseText,
        caseSensitive: z.boolean({ invalid_type_error: 'caseSensitive is true or false' }).optional(),
      })
      .strict(),
    z
      .object({
        person: z.string().regex(SLUG, 'a person is referred to by id from config/people.json, e.g. "volodymyr-zelensky"'),
      })
      .strict(),
  ],
  {
    errorMap: () => ({
      message:
        'a term is a phrase ("peace deal"), {"phrase": "Trump", "caseSensitive": true} or {"person": "volodymyr-zelensky"}',
    }),
  },
);

const termList = z
  .array(termSchema, { invalid_type_error: 'give a list of terms in [ ], e.g. ["Crimea", "Crimean peninsula"]' })
  .min(1, 'give at least one term, e.g. ["Crimea"]')
  .max(MAX_TERMS_PER_LIST, `at most ${MAX_TERMS_PER_LIST} terms per list: split it into several groups`);

const weight = z
  .number({ invalid_type_error: 'weight is a number, e.g. 1 or 2.5' })
  .min(0, 'weight must be between 0 and 10')
  .max(10, 'weight must be between 0 and 10');

const label = z.string().min(1).max(60, 'a label is a short name (at most 60 characters) shown in explanations');

const itemFieldName = z.enum(['title', 'lede', 'body'], {
  errorMap: () => ({ message: 'a field is "title", "lede" or "body"' }),
});

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const isoDate = z
  .string({ invalid_type_error: 'a date is text like "2025-08-15"' })
  .refine((text) => ISO_DAY.test(text) && !Number.isNaN(Date.parse(text)), 'write the date as YYYY-MM-DD, e.g. "2025-08-15"');

/** Where and when a rule counts (see the file comment); without these keys, in every field, at any time. */
const ruleScope = {
  in: z
    .array(itemFieldName, { invalid_type_error: 'in is a list of fields, e.g. ["title"]' })
    .min(1, 'name at least one field, e.g. ["title"]')
    .optional(),
  from: isoDate.optional(),
  until: isoDate.optional(),
};

function windowInOrder(rule: { from?: string | undefined; until?: string | undefined }): boolean {
  return rule.from === undefined || rule.until === undefined || rule.from <= rule.until;
}
const WINDOW_ORDER = { message: '"from" must not be later than "until"', path: ['until'] };

/** Terms that mean the same thing: the group scores once, at the best field where any of them occurs. */
export const termGroupSchema = z
  .object({
    label: label.optional(),
    terms: termList,
    weight: weight.default(1),
    ...ruleScope,
  })
  .strict()
  .refine(windowInOrder, WINDOW_ORDER);

/** Scores when a term of `terms` occurs at most `within` words away from a term of `near` in the same field. */
export const nearRuleSchema = z
  .object({
    label: label.optional(),
    terms: termList,
    near: termList,
    within: z
      .number({ invalid_type_error: `within is a number of words, e.g. 8` })
      .int(`must be a whole number 1–${MAX_PROXIMITY} (words between the two terms), e.g. 8`)
      .min(1, `must be a whole number 1–${MAX_PROXIMITY} (words between the two terms), e.g. 8`)
      .max(MAX_PROXIMITY, `must be a whole number 1–${MAX_PROXIMITY} (words between the two terms), e.g. 8`),
    weight: weight.default(1),
    /** The topic only matches when this proximity holds (like an allOf group). */
    required: z.boolean({ invalid_type_error: 'required is true or false' }).default(false),
    ...ruleScope,
  })
  .strict()
  .refine(windowInOrder, WINDOW_ORDER);

export const rulesSchema = z
  .object({
    /** Scoring groups. */
    anyOf: z.array(termGroupSchema).max(50).optional(),
    /** Groups that must all occur somewhere in the item; they score like anyOf groups. */
    allOf: z.array(termGroupSchema).max(20).optional(),
    /** Proximity rules. */
    near: z.array(nearRuleSchema).max(50).optional(),
    /** At least one of these must occur somewhere in the item (they add no score). */
    context: termList.optional(),
    /** If any of these occurs anywhere in the item, the topic does not match. */
    exclude: termList.optional(),
    /** Occurrences inside these phrases don't count ("Crimean-Congo fever" hides its "Crimean"). */
    ignore: termList.optional(),
  })
  .strict()
  .refine((rules) => Boolean(rules.anyOf?.length || rules.allOf?.length || rules.near?.length), {
    message: 'rules need something that scores: add "anyOf", "allOf" or "near"',
  });

const fieldWeight = z
  .number({ invalid_type_error: 'a field weight is a number, e.g. 3' })
  .min(0, 'field weights are between 0 and 10')
  .max(10, 'field weights are between 0 and 10');

export const fieldWeightsSchema = z
  .object({ title: fieldWeight, lede: fieldWeight, body: fieldWeight })
  .strict();

export const DEFAULT_FIELD_WEIGHTS = { title: 3, lede: 2, body: 1 } as const;

export const topicDefinitionSchema = z
  .object({
    id: z
      .string({ required_error: 'every topic needs an "id", e.g. "crimea"' })
      .regex(SLUG, 'use lower-case words joined by hyphens, e.g. "security-guarantees"')
      .max(64, 'an id is at most 64 characters'),
    name: z.string({ required_error: 'give the topic a short "name" shown in alerts' }).min(1).max(100),
    description: z
      .string({ required_error: 'give a one-line "description" of what the topic covers' })
      .min(1)
      .max(300, 'keep the description to one line (at most 300 characters)'),
    threshold: z
      .number({ required_error: 'give a "threshold": the score an item needs to match, e.g. 3' })
      .positive('threshold must be above 0, e.g. 3 (a title hit of a weight-1 group scores 3)'),
    fieldWeights: fieldWeightsSchema.optional(),
    rules: rulesSchema,
  })
  .strict();

export const topicsFileSchema = z
  .object({
    topics: z.array(topicDefinitionSchema).max(5000, 'at most 5,000 topics per file'),
  })
  .strict()
  .superRefine((file, context) => {
    const seen = new Map<string, number>();
    file.topics.forEach((topic, index) => {
      const first = seen.get(topic.id);
      if (first === undefined) seen.set(topic.id, index);
      else
        context.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['topics', index, 'id'],
          message: `duplicate id "${topic.id}" (already used by topics[${first}]): give each topic its own id`,
        });
    });
  });

export type Term = z.infer<typeof termSchema>;
export type TermGroup = z.infer<typeof termGroupSchema>;
export type NearRule = z.infer<typeof nearRuleSchema>;
export type TopicRules = z.infer<typeof rulesSchema>;
export type FieldWeights = z.infer<typeof fieldWeightsSchema>;
export type TopicDefinition = z.infer<typeof topicDefinitionSchema>;
/** What a moderator writes (defaults not yet applied). */
export type TopicDefinitionInput = z.input<typeof topicDefinitionSchema>;
export type TopicsFile = z.infer<typeof topicsFileSchema>;
export type ItemField = keyof FieldWeights;

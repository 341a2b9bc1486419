import { z } from 'zod';
import type { ItemField } from './schema.js';
import { toHundredths, type TermHit, type TopicExplanation } from './evaluate.js';
import { numberText } from '../../text/number-text.js';

/**
 * Explanations as text, written where they are shown rather than stored with every match: an explanation is data
 * (status, score, rules and the words that made them), and most are never read.
 */

const FIELD_ORDER: Record<ItemField, number> = { title: 0, lede: 1, body: 2 };
const MAX_TERMS = 5;

/**
 * Why a topic matched, short enough for an alert: the strongest rules' words as written, each with the best field
 * it occurred in, then the score: `"Zelensky" in the title, "White House" in the lede · score 7 of 4 needed`.
 */
export function briefExplanation(explain: TopicExplanation): string {
  const shown = new Map<string, { word: string; field: ItemField }>();
  for (const signal of [...explain.signals].sort((a, b) => b.points - a.points)) {
    for (const hit of [...signal.hits].sort((a, b) => FIELD_ORDER[a.field] - FIELD_ORDER[b.field])) {
      const word = hit.text.replace(/\s+/gu, ' ').trim();
      const key = word.toLowerCase();
      if (shown.size < MAX_TERMS && !shown.has(key)) shown.set(key, { word, field: hit.field });
    }
  }
  const terms = [...shown.values()].map(({ word, field }) => `"${word}" in the ${field}`);
  const score = `score ${numberText(toHundredths(explain.score))} of ${numberText(toHundredths(explain.threshold))} needed`;
  return terms.length > 0 ? `${terms.join(', ')} · ${score}` : score;
}

/**
 * One readable line: why the topic fired or why not, with every rule's words and points:
 * `score 7 ≥ threshold 3: "Alaska summit" in lede (+4), "Anchorage" in title + "Putin" in title (+3)`.
 */
export function explanationLine(explain: TopicExplanation): string {
  const { status, score, threshold } = explain;
  if (explain.excludedBy) return `excluded: ${describeHit(explain.excludedBy)}`;
  if (status === 'missing-context') return `no context term found (score ${numberText(score)}, threshold ${numberText(threshold)})`;
  if (status === 'missing-required') return `required rule(s) not found: ${(explain.missing ?? []).join(', ')}`;
  const parts = explain.signals.map((signal) => `${signal.hits.map(describeHit).join(' + ')} (+${numberText(signal.points)})`);
  if (explain.omitted?.rules) parts.push(`${explain.omitted.rules} more rule${explain.omitted.rules === 1 ? '' : 's'}`);
  return `score ${numberText(score)} ${status === 'matched' ? '≥' : '<'} threshold ${numberText(threshold)}: ${parts.join(', ')}`;
}

function describeHit(hit: TermHit): string {
  const shown = hit.text === hit.term ? `"${hit.text}"` : `"${hit.text}" (${hit.term})`;
  return `${shown} in ${hit.field}`;
}

const termHitSchema = z.object({ term: z.string(), field: z.enum(['title', 'lede', 'body']), text: z.string() });

/** What the text of an explanation reads, as stored with a match (item_topics.explain). */
const storedExplanationSchema = z
  .object({
    status: z.enum(['matched', 'below-threshold', 'excluded', 'missing-context', 'missing-required']),
    score: z.number(),
    threshold: z.number(),
    signals: z.array(
      z.object({
        rule: z.string(),
        label: z.string().optional(),
        field: termHitSchema.shape.field,
        weight: z.number(),
        fieldWeight: z.number(),
        points: z.number(),
        hits: z.array(termHitSchema),
      }),
    ),
    context: termHitSchema.optional(),
    excludedBy: termHitSchema.optional(),
    missing: z.array(z.string()).optional(),
    ignored: z.array(termHitSchema).optional(),
    omitted: z.object({ rules: z.number(), hits: z.number() }).optional(),
  })
  .passthrough();

/** A stored explanation, or undefined when it is not one (a row written by an older version, say). */
export function storedExplanation(json: unknown): TopicExplanation | undefined {
  const parsed = storedExplanationSchema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

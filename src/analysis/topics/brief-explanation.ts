import type { ItemField } from './schema.js';
import { toHundredths, type TopicExplanation } from './evaluate.js';
import { numberText } from '../../text/number-text.js';

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

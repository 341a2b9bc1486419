import type { CueHit } from './clauses.js';
import type { Token } from './narration.js';

/**
 * Reported speech without quotation marks ("Trump said Kyiv would not reclaim Crimea"): the clause a speech verb
 * governs, kept apart from direct quotes as kind "indirect".
 */

/** Verbs whose complement is a claim; "ask" (a question) and describing verbs are left out. */
const CLAIM_VERBS = new Set([
  'say', 'tell', 'add', 'warn', 'insist', 'claim', 'note', 'argue', 'announce', 'reveal', 'confirm', 'deny', 'state',
  'stress', 'emphasize', 'emphasise', 'suggest', 'predict', 'promise', 'pledge', 'vow', 'acknowledge', 'admit',
  'explain', 'write', 'post', 'assert', 'maintain', 'contend', 'allege', 'concede', 'declare', 'reiterate', 'signal',
  'assure', 'recall', 'report', 'believe', 'think',
]);

/** Words after which a clause boundary ends the claim: ", citing …", ", according to …", ", adding …". */
const CLAIM_ENDERS = new Set(['according', 'citing', 'adding', 'saying', 'referring', 'referencing', 'signaling', 'signalling', 'noting', 'while', 'whereas', 'but']);

export interface ClaimRange {
  cue: CueHit;
  start: number;
  end: number;
}

function word(tokens: readonly Token[], i: number): Extract<Token, { kind: 'word' }> | null {
  const token = tokens[i];
  return token?.kind === 'word' ? token : null;
}

/** The claims of a sentence's speech verbs, skipping verbs that already attribute a direct quote. */
export function findClaims(tokens: readonly Token[], cues: readonly CueHit[], usedCues: ReadonlySet<number>): ClaimRange[] {
  const claims: ClaimRange[] = [];
  for (const cue of cues) {
    if (usedCues.has(cue.index) || !CLAIM_VERBS.has(cue.verb.lemma) || cue.participle) continue;
    const start = claimStart(tokens, cue);
    if (start < 0) continue;
    let end = start;
    while (end < tokens.length) {
      const token = tokens[end];
      if (token?.kind === 'quote' && end === start) break;
      if (token?.kind === 'punct' && (token.text === ';' || token.text === ':' || (token.text === ',' && CLAIM_ENDERS.has(word(tokens, end + 1)?.fold ?? '')))) break;
      if (token?.kind === 'punct' && token.text === '(') break;
      end++;
    }
    const body = tokens.slice(start, end);
    if (body.filter((token) => token.kind === 'word').length < 3) continue;
    const last = tokens[end - 1];
    if (!last) continue;
    claims.push({ cue, start: tokens[start]?.start ?? 0, end: last.end });
  }
  return claims;
}

/** Where the claim begins: after "that", after the addressee of "told", or right after the verb. */
function claimStart(tokens: readonly Token[], cue: CueHit): number {
  let i = cue.last + 1;
  for (let look = i; look < Math.min(tokens.length, i + 9); look++) {
    const token = tokens[look];
    if (token?.kind !== 'word') break;
    if (token.fold === 'that') return look + 1;
  }
  if (cue.verb.lemma === 'tell') return -1;
  const next = word(tokens, i);
  if (!next || ['on', 'in', 'at', 'to', 'of', 'with', 'by', 'for', 'from', 'as', 'it', 'so', 'and', 'but', 'during', 'after', 'before', 'earlier', 'later', 'late', 'last', 'this', 'yesterday', 'today', 'whether', 'if', 'nothing', 'something', 'anything'].includes(next.fold)) return -1;
  if (/(?:day)$/.test(next.fold)) i++;
  return word(tokens, i) ? i : -1;
}

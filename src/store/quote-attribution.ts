/**
 * How the quote store compares attributions when it merges copies of a quote from several outlets, and which copy's
 * attribution it keeps: a named person over a description over nobody, then the extractor's confidence.
 */
import type { ExtractedQuote } from '../analysis/quotes/types.js';
import { foldText } from '../text/words.js';

type SpeakerFields = Pick<ExtractedQuote, 'speaker' | 'speakerId'>;
export type AttributionFields = Pick<ExtractedQuote, 'speaker' | 'speakerId' | 'speakerType' | 'speakerLabel' | 'confidence'>;

/** Named person > a described or organisational speaker > unknown; then the extractor's confidence. */
export function attributionRank(quote: AttributionFields): number {
  const named = quote.speakerType === 'person' && (quote.speaker !== null || quote.speakerId !== null);
  const described = quote.speakerType !== 'unknown' && (quote.speaker !== null || quote.speakerLabel !== null);
  return (named ? 2 : described ? 1 : 0) + Math.min(Math.max(quote.confidence, 0), 1) * 0.99;
}

/** Two attributions can be the same speaker unless both name someone and the names differ. */
export function compatibleSpeakers(a: SpeakerFields, b: SpeakerFields): boolean {
  if (a.speakerId !== null && b.speakerId !== null) return a.speakerId === b.speakerId;
  if (a.speaker !== null && b.speaker !== null) return foldText(a.speaker) === foldText(b.speaker);
  return true;
}

/**
 * Short quotes ("historic") are common words in anyone's mouth: they merge only when attributed to the same person
 * (by id, else by name), or, for unnamed speakers, described the same way ("one European diplomat").
 */
export function sameAttribution(a: SpeakerFields & Pick<ExtractedQuote, 'speakerLabel'>, b: ExtractedQuote): boolean {
  const fold = (value: string | null) => (value === null ? null : foldText(value));
  if (a.speakerId !== null || b.speakerId !== null) return a.speakerId === b.speakerId;
  if (a.speaker !== null || b.speaker !== null) return fold(a.speaker) === fold(b.speaker);
  return fold(a.speakerLabel) === fold(b.speakerLabel);
}

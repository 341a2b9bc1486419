export type SpeakerType = 'person' | 'nominal' | 'organization' | 'unknown';

/** full: a quotation that stands as a sentence; partial: quoted words inside narration; indirect: reported speech. */
export type QuoteKind = 'full' | 'partial' | 'indirect';

export interface ExtractedQuote {
  /** The text between the quotation marks. */
  quote: string;
  /** Canonical name (config/people.json, else the article's full name); null for nominal, organisation or unknown. */
  speaker: string | null;
  /** The people.json id when the speaker is a tracked person. */
  speakerId: string | null;
  speakerType: SpeakerType;
  /** The speaker as written ("one European diplomat", "he", "the Kremlin"). */
  speakerLabel: string | null;
  /** The attribution cue as written ("told", "put it", "said in a statement", "according to"). */
  cue: string | null;
  /** Addressee or medium ("CNN", "reporters", "Truth Social"), never the speaker. */
  to: string | null;
  kind: QuoteKind;
  /** Offsets of the quote text in the input. */
  start: number;
  end: number;
  /** 0..1: how sure the attribution is. */
  confidence: number;
}
